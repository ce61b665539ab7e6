/**
 * The host of the Paxos groups on a node: the adapters that put the pure {@link
 * meridian.paxos.Replica} on real disks, sockets and threads.
 *
 * <ul>
 *   <li>{@link meridian.server.replication.Replication}: which groups this node hosts (placed
 *       deterministically from the node ids, so nodes agree without talking), the shared bounded
 *       pool they run on, and the ticker.
 *   <li>{@link meridian.server.replication.GroupRuntime}: one group's owner. Inputs (ticks,
 *       messages, proposals, reads) are tasks on its {@link
 *       meridian.server.replication.SerialExecutor}; after each turn it carries out the replica's
 *       {@link meridian.paxos.Ready} in its contract's order.
 *   <li>{@link meridian.server.replication.GroupStorage}: hard state and log in the {@code paxos}
 *       column family; {@link meridian.server.replication.KvStateMachine}: applies chosen entries to
 *       MVCC storage at their timestamps.
 *   <li>{@link meridian.server.replication.PaxosTransport} and {@link
 *       meridian.server.replication.PaxosDeliveryService}: messages between nodes over gRPC.
 *   <li>{@link meridian.server.replication.CommitWait}: waits out {@code TT.after(s)} without a
 *       blocked thread.
 * </ul>
 *
 * <p>Guarantees. Persist before send: a turn's hard state and log entries are written in one
 * synced RocksDB batch before any of the turn's messages leave; concurrent groups share fsyncs
 * through RocksDB's group commit. Applying is atomic per batch of entries (the writes and the
 * applied index in one RocksDB batch), need not be synced (the entries are durable in the log and
 * are applied again after a crash), and happens in index order on one thread per group. A caller
 * whose proposal lost its slot to another value learns it definitely failed; one whose proposal
 * was never seen applied learns nothing (a timeout: outcome unknown).
 *
 * <p>Invariants. A group is touched by one pool thread at a time. Every queue is bounded: the
 * group mailbox ({@link meridian.server.replication.GroupRuntime#MAILBOX_MAX}), pending proposals,
 * the per-peer send queue and calls in flight; a full one rejects at once.
 *
 * <p>HAZARD (disk lies about fsync): if the disk acknowledges a flush it has not done, a crash can
 * lose a promise or an accepted value, and two values can be chosen for one slot. RocksDB's WAL
 * with {@code sync} is trusted.
 *
 * <p>HAZARD (log growth): the log is never truncated yet, so a node's Paxos column family grows
 * with every write, and a replica that is far behind catches up from the whole log; snapshot
 * transfer is not built (a replica asked to install one logs an error and stays behind).
 *
 * <p>Not built yet: membership change from the host. The core changes membership one replica at a
 * time (and the simulator tests it), but groups are placed statically here and nothing proposes a
 * change.
 *
 * <p>HAZARD (static ranges): the key space is split by the first byte of the key into a fixed
 * number of groups, the same on every node ({@code --groups}); changing it on an existing cluster
 * would route keys to groups that do not hold them. The transactions issue replaces this with a
 * replicated range map.
 */
package meridian.server.replication;

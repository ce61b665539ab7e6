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
 *       column family, the applied point, snapshot point and install marker in {@code meta}; {@link
 *       meridian.server.replication.KvStateMachine}: applies chosen entries to MVCC storage at
 *       their timestamps.
 *   <li>{@link meridian.server.replication.SnapshotTransfers}: serves and fetches group snapshots
 *       ({@code PaxosService.FetchSnapshot}); {@link meridian.server.replication.SnapshotChunks}
 *       reads one from a consistent view, {@link meridian.server.replication.SnapshotInstaller}
 *       writes one.
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
 * <p>Log compaction. With every apply the state machine records its applied point (index, ballot
 * of that entry, the largest entry timestamp so far, the membership after it) in the same batch as
 * its writes. Once {@link meridian.server.replication.LogCompaction#everyEntries()} applied
 * entries lie above the snapshot point, the host compacts through the applied index minus {@link
 * meridian.server.replication.LogCompaction#keepEntries()}: one synced batch records the new
 * snapshot point and deletes the log through it. The applied writes before it were unsynced;
 * RocksDB's WAL keeps write order, so that fsync makes them durable no later than the deletion.
 * A restart loads the log from the snapshot point on.
 *
 * <p>Snapshots. A group's state machine is a list of {@link
 * meridian.server.replication.SnapshotSpan}s: its DATA key range (all MVCC versions, raw) and its
 * META keys under the group prefix except the replica-local kinds {@code 0x10..0x1f} (applied
 * point, snapshot point, marker); a later layer adds its per-group state by adding META keys or a
 * span. Any replica serves {@code FetchSnapshot} from a RocksDB snapshot (the applied point and
 * the spans read from one view agree), in chunks of at most 1 MiB, at most {@link
 * meridian.server.replication.SnapshotTransfers#SENDS_MAX} at once per node. A replica asked by
 * its leader to install one fetches it off the group's executor (deadline {@link
 * meridian.server.replication.SnapshotTransfers#FETCH_DEADLINE_MILLIS}), holding back committed
 * entries and refusing reads meanwhile. Install: check the header (group, spans, index high
 * enough); one synced batch writes the install marker and clears the spans; entries go in bounded
 * unsynced batches; then, on the group's executor, one synced batch records the applied and
 * snapshot points, deletes the log through the snapshot index (entries above it are kept: they may
 * be accepted but not chosen) and clears the marker; then {@link
 * meridian.paxos.Replica#snapshotInstalled}. A restart that finds the marker does not start the
 * replica: it fetches a snapshot at or above the marker's index from the other members (backoff,
 * at most {@link meridian.server.replication.SnapshotTransfers#ATTEMPTS_MAX} attempts), finishes
 * the install, and starts the replica from it. If it cannot, the group stays down and says so.
 * Every read runs on the group's executor ({@link meridian.server.replication.TxnHost}) and is
 * refused while an install runs, so none is served from a half-installed state. Compactions and
 * transfers are logged at INFO with sizes and times, counted in {@link
 * meridian.server.replication.SnapshotCounters} (the {@code meridian_paxos_*} metrics), and each
 * group's snapshot index is in {@code meridian status} (SNAPSHOT).
 *
 * <p>HAZARD (a group stopped by a failed install): an install that cleared the group's state and
 * then failed {@code ATTEMPTS_MAX} times (no other replica reachable for minutes) leaves the
 * group's replica down on this node until the node restarts; the other replicas carry on.
 *
 * <p>Not built yet: membership change from the host. The core changes membership one replica at a
 * time (and the simulator tests it), but groups are placed statically here and nothing proposes a
 * change.
 *
 * <p>Ranges: each group knows its own key range ({@link RangeMap.Range}, starting from the
 * {@code --ranges} first-byte cut and narrowed by every split its log applied, stored with its
 * replicated state so that snapshots carry it) and refuses keys outside it with WRONG_RANGE. A
 * split applied here creates the new group on this node in the same batch; a replica that learns
 * of a split from a snapshot creates the new group then. Routing (which group holds a key) is the
 * business of {@code meridian.server.placement}.
 *
 * <p>HAZARD (the start of the map): every node must be started with the same {@code --ranges}; a
 * node with another value routes wrongly (it hears WRONG_RANGE or NO_REPLICA, it does not write to
 * the wrong group: each group checks its own range).
 */
package meridian.server.replication;

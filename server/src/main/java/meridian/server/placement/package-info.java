/**
 * Placement: which group holds which key range, and splitting ranges.
 *
 * <h2>The range map</h2>
 * The cluster starts with {@code --ranges} ranges cut by a key's first byte (groups 1..N; every
 * node derives the same start from its configuration). Every split after that is an entry of the
 * replicated range map: a key {@code \0\0meridian/range/<split key>} in the first range's data
 * whose value names the new group and its replicas. The map is therefore read with the same
 * lock-free snapshot reads as user data and changed with the same transactions; group 1 always
 * holds it, because no split may cut below {@link meridian.server.replication.Keys#SYSTEM_END}.
 * Each node caches the map ({@link RangeCache}) and refreshes it when a group answers WRONG_RANGE
 * (the group no longer holds the key), after a split it drove, and every few seconds.
 *
 * <h2>Splits</h2>
 * A split at key K of the range [a, b) held by group g is one read-write transaction
 * ({@link Splitter}) over group 1 and group g:
 * <ol>
 *   <li>at g: an exclusive lock on [K, b), granted only when [K, b) holds no version of any key
 *       (a split of a range that holds data, like merging and moving, comes later);
 *   <li>at group 1: the map entry for K and the next group id, read under locks and written;
 *   <li>at g: the split write ({@code SplitSpec}), pinned to g whatever its key;
 *   <li>commit (two-phase when g is not group 1). Applied at g's commit timestamp s, the split
 *       write ends g's range at K and, in the same RocksDB batch, creates group g' for [K, b) on
 *       every replica of g, with an initial snapshot point whose timestamp is s.
 * </ol>
 *
 * <h2>Guarantees and invariants</h2>
 * <ul>
 *   <li>The map entry and g's narrower range commit atomically (two-phase commit), or neither.
 *   <li>No version of a key in [K, b) exists at g at any timestamp (checked under the exclusive
 *       lock, which no writer can pass until the split ends), and every timestamp g' assigns is
 *       above s (its Paxos timestamps start above the snapshot point). So a read of a key in
 *       [K, b) is correct at either group: at g below s (nothing there), at g' at any timestamp.
 *   <li>After the split applies, g refuses every lock, write and read of a key outside its range
 *       with WRONG_RANGE, at the leader and at every replica, also for reads that were waiting for
 *       safe time when it applied. A driver that routed with a stale map aborts the transaction
 *       (retryable) and its node refreshes the map.
 *   <li>A replica that learns of the split from a snapshot (it missed the log entries) finds the
 *       new group among the split records in g's state and creates it then.
 * </ul>
 *
 * <h2>Hazards</h2>
 * HAZARD: every node must be started with the same {@code --ranges} (and placement): the start of
 * the map is derived, not stored. {@code meridian up} records it in the cluster file; a node started
 * by hand with a different value routes wrongly and sees WRONG_RANGE or NO_REPLICA, not wrong data.
 * HAZARD: a new group has the replicas of the group it split from; moving it elsewhere needs the
 * membership change that the Paxos core has but the host does not offer yet.
 */
package meridian.server.placement;

/**
 * Transactions on the node: the client-facing {@link meridian.server.txn.TransactionService}, the
 * driver of each read-write transaction ({@link meridian.server.txn.TxnDriver}), lock-free reads at
 * timestamp bounds ({@link meridian.server.txn.SnapshotReads}), and the way to each group's leader
 * or nearest replica ({@link meridian.server.txn.ParticipantClient}, {@link
 * meridian.server.txn.Participants}, served by {@link meridian.server.txn.ParticipantService}). The
 * protocol itself is the pure core in {@code meridian.txn}; next to each replica it runs in {@link
 * meridian.server.replication.TxnHost}, on the group's executor.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>The node a client talks to drives its transaction; if that node dies, its heartbeats stop
 *       and every leader frees the transaction's locks after its idle timeout: a clean abort.
 *   <li>A commit is reported committed, aborted (retry the whole transaction) or, only when the
 *       coordinator group cannot be asked, outcome unknown. A failed or lost commit call is resolved
 *       by asking the coordinator for its decision (which decides abort if it has none); it is never
 *       guessed and never retried blindly.
 *   <li>Every call this package retries is safe to repeat: lock requests carry the grants the driver
 *       saw (count and leadership), a repeated prepare answers its first timestamp, a repeated commit
 *       is refused and then resolved by asking.
 *   <li>Strong reads go to the leader (it can serve up to its lease-read time at once); reads in the
 *       past go to this node's own replica first, which serves them once its safe time covers them.
 * </ul>
 *
 * <h2>Limits</h2>
 *
 * {@link meridian.server.txn.Transactions#SESSIONS_MAX} open transactions per node, rolled back
 * after {@link meridian.server.txn.Transactions#IDLE_MILLIS} unused; {@link
 * meridian.server.txn.TxnDriver#WRITES_MAX} buffered writes per transaction; every call to another
 * node has a deadline and every retry loop a bound ({@link
 * meridian.server.txn.ParticipantClient#CALL_TIMEOUT_MILLIS}).
 *
 * <p>HAZARD (the clock bound): as in {@code meridian.txn}: a node whose clock error exceeds its
 * epsilon may answer a strong read or a commit with a timestamp below real time. TrueTime fences
 * such a node; a fenced node refuses to begin transactions or to pick timestamps.
 */
package meridian.server.txn;

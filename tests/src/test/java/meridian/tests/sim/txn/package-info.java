/**
 * Deterministic simulation of two-phase commit over the pure transaction core ({@link
 * meridian.txn.LeaderTxns}, {@link meridian.txn.GroupTxnState}, {@link meridian.txn.TxnRecord},
 * {@link meridian.txn.CommitTimestamps}): one seed, one thread, simulated true time. Everything
 * around the core is simulated; the core's classes are the real ones.
 *
 * <h2>What it models</h2>
 *
 * <ul>
 *   <li><b>Groups</b> ({@link meridian.tests.sim.txn.SimGroup}): 3 to 5, each an abstract replicated
 *       log (no Paxos messages): the leader proposes, entries are chosen after a random delay, in
 *       order, with Paxos timestamps {@code max(lastAssigned + 1, TT.now().latest, floor)}. Three
 *       replicas ({@link meridian.tests.sim.txn.SimReplica}) each apply the chosen entries in order
 *       to their own {@code GroupTxnState} and multi-version store; followers lag at random. The
 *       host around the leader turns messages into core calls and effects into proposals and
 *       replies, dropping duplicate requests it has seen in this leadership (a new leader cannot).
 *   <li><b>Leader changes</b> at random (a crash, which answers nothing more, or a hand-over, which
 *       refuses its waiting callers): each in-flight proposal is chosen (before the new leader's
 *       first entry) or lost; the old {@code LeaderTxns} hears {@code proposalFailed} and is
 *       discarded; the new leader applies every chosen entry before it builds a fresh {@code
 *       LeaderTxns} (with a new leadership id) and serves.
 *   <li><b>TrueTime</b>: every node reads {@code [t + skew - eps, t + skew + eps]} with {@code |skew|
 *       <= eps}, often at an edge; a new leader's skew is redrawn. Commit wait: the coordinator
 *       answers a commit only once {@code TT.after(s)} on its node, and so does any coordinator
 *       answering a decision.
 *   <li><b>Drivers</b> ({@link meridian.tests.sim.txn.TxnDriver}): 2 to 6 clients, each running one
 *       transaction at a time over a small key space (hot keys: contention is the point): reads
 *       and scans (a key range at one group: a range lock, so phantoms are checked too) under
 *       shared locks at the leader with {@link meridian.txn.PriorGrants}, buffered
 *       writes, single-group commit or 2PC with a random coordinator among the groups with writes;
 *       on any failure a rollback, a {@code Decide} to the coordinator when something may be
 *       prepared (the first of Commit and Abort in its log wins) and a retry with {@code
 *       TxnId.retry()}. They resend a request (same id) on a slow answer or a leader change, and
 *       heartbeat. A driver crash abandons its transaction where it stands.
 *   <li><b>Network</b>: random delay, loss, duplication, slow messages (reordered) and, in stormy
 *       seeds, many very late ones. Stranded prepares: a participant's {@code Inquire} goes to the
 *       coordinator group's leader, which answers its decision or decides abort first.
 *   <li><b>Phases</b>: a chaotic phase (faults, new transactions), then healing (no faults, no new
 *       transactions; drivers finish what they run, with a fresh retry budget) and a quiet phase
 *       long enough for idle timeouts and inquiries to settle everything.
 * </ul>
 *
 * <h2>What it checks</h2>
 *
 * After every event: {@code checkInvariants()} of every current {@code LeaderTxns} (lock safety)
 * and every replica's {@code GroupTxnState}; log timestamps strictly increase; no key gets two
 * versions at one timestamp. At the end ({@link meridian.tests.sim.txn.TxnChecker}), with each
 * transaction's fate rebuilt from the logs alone:
 *
 * <ul>
 *   <li>replicas of a group applied the same sequence and hold the same state and data;
 *   <li>nothing is stranded: no prepared transaction, live transaction, waiter or lock remains;
 *   <li>atomicity: a transaction is decided at one group at most; if it committed at {@code s}, its
 *       coordinator and every participant applied it at exactly {@code s}, once, each participant
 *       having prepared once at a timestamp {@code <= s}; otherwise it is applied nowhere; every
 *       stored version belongs to a transaction committed at that timestamp, and every write of a
 *       committed transaction is stored there;
 *   <li>the drivers' view agrees: a reported commit is a commit at the same {@code s}, a reported
 *       abort is not a commit, and every commit reply reached its driver after {@code s} (true time);
 *   <li>serializability via timestamps: every value a committed transaction read is the newest
 *       version of that key below its commit timestamp, and every scan saw exactly the keys of its
 *       range that had a version below it (no phantoms), with those values;
 *   <li>external consistency: if T1's commit reply reached its driver before T2 started (true
 *       time), {@code s1 < s2};
 *   <li>liveness: the oldest transaction still running at healing time committed.
 * </ul>
 *
 * <p>{@link meridian.tests.sim.txn.TxnSimConfig.Breakage} holds deliberately broken hosts; the
 * self-test requires each to be caught, by the check aimed at it. A failure prints the seed, the
 * command that replays it and the last trace lines; a seed replays to the same trace hash.
 *
 * <h2>Not modelled</h2>
 *
 * Paxos itself (see {@code meridian.tests.sim} for that), leases (leaderships never overlap here),
 * clock uncertainty beyond epsilon, snapshot and read-only transactions ({@code t_safe}), deletes,
 * a driver reading its own buffered writes inside a scan, log compaction, and lock-table limits
 * being hit.
 */
package meridian.tests.sim.txn;

/**
 * Transactions: wound-wait locks, two-phase commit across Paxos groups, commit wait and lock-free
 * snapshot reads (Spanner paper, sections 4.1 and 4.2). A pure protocol core: no threads, clocks,
 * sockets or disks; the build refuses any dependency of this module on gRPC, protobuf, Netty or
 * RocksDB. The server hosts it next to each group's {@link meridian.paxos.Replica}, on the group's
 * single-threaded owner.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link meridian.txn.LockTable}: the volatile lock table of a group's leader. Shared locks on
 *       keys and key ranges (reads, scans), exclusive locks on keys (writes). Wound-wait by
 *       {@link meridian.txn.TxnId} age: an older requester wounds (aborts) younger holders that are
 *       not yet prepared; a younger requester waits, with a deadline.
 *   <li>{@link meridian.txn.LeaderTxns}: everything a group's leader knows about live transactions:
 *       the lock table, which transaction registered when, heartbeats, wounded transactions. It
 *       turns lock requests, prepares and commits into values for the host (grant, wait, abort,
 *       propose this record).
 *   <li>{@link meridian.txn.TxnRecord}: what goes through Paxos: {@code Prepare} at a participant,
 *       {@code Commit} (the decision, with the coordinator's own writes) and {@code Abort} at the
 *       coordinator, {@code Outcome} at a participant.
 *   <li>{@link meridian.txn.GroupTxnState}: the replicated state those records build, identical at
 *       every replica: prepared transactions (and so {@code t_TM_safe}) and the coordinator's
 *       decisions. Applying a record is deterministic and returns the writes to make at which
 *       timestamp.
 *   <li>{@link meridian.txn.CommitTimestamps}: the timestamp rules.
 * </ul>
 *
 * <h2>Read-write transactions</h2>
 *
 * A transaction is driven by the node the client talks to (the driver). Reads go to the leader of
 * the key's group, which takes a shared lock and reads the newest committed data; writes are
 * buffered at the driver (a transaction reads its own writes there). A transaction that touched one
 * group commits with one {@code Commit} record. Otherwise the driver first takes the exclusive locks
 * of its writes at every group that has some (so that no group prepares before all its locks are
 * held everywhere), then picks a coordinator among the participant groups; each other participant
 * leader logs a {@code Prepare} record whose Paxos timestamp is the prepare timestamp; the coordinator leader takes
 * its locks and logs {@code Commit} with timestamp {@code s}; after commit wait the driver replies and
 * tells the participants, which log {@code Outcome}, apply the writes at {@code s} and release locks.
 *
 * <h2>Timestamp rules</h2>
 *
 * <ul>
 *   <li>A prepare timestamp is the Paxos timestamp of its {@code Prepare} entry, so it is above
 *       everything the participant leader has assigned and inside its lease.
 *   <li>The commit timestamp {@code s} is the Paxos timestamp of the {@code Commit} entry, proposed
 *       with the floor {@link meridian.txn.CommitTimestamps#commitFloorMicros}: {@code s >=} every
 *       prepare timestamp, {@code s > TT.now().latest} at the commit request (the Paxos leader takes
 *       at least {@code now.latest} at proposal, which is after the request arrived), and {@code s >}
 *       everything the coordinator leader has assigned.
 *   <li>Commit wait: no one learns {@code s} (client, participants) before {@code TT.after(s)}. So
 *       if T1 commits before T2 starts in real time, {@code s1 < } T2's commit timestamp: external
 *       consistency.
 *   <li>A participant applies the writes at {@code s} (the {@code Outcome} entry's own Paxos
 *       timestamp may be larger); nothing else wrote those keys in between, because the
 *       transaction held their exclusive locks from before its prepare timestamp until then.
 * </ul>
 *
 * <h2>Safe time</h2>
 *
 * A replica may serve a read at {@code t} once {@code t <= t_safe = min(t_paxos_safe, t_TM_safe)},
 * where {@code t_TM_safe} ({@link meridian.txn.GroupTxnState#tmSafeMicros}) is one below the smallest
 * prepare timestamp of a transaction prepared here and not yet decided (unbounded when none). A
 * prepared transaction may commit at any {@code s >=} its prepare timestamp, so reading at or above
 * it before the outcome is known could miss its writes.
 *
 * <h2>Invariants</h2>
 *
 * <ul>
 *   <li>Lock safety: at one leader, an exclusive lock on a key is never held together with any other
 *       transaction's lock covering that key.
 *   <li>No deadlock: a transaction waits only for an older one or for one that is prepared, and a
 *       prepared transaction waits for nothing (it took every lock before any group prepared it),
 *       so the waits-for graph has no cycle.
 *   <li>Locks that a transaction lost (wounded, timed out, or a leader change) are never silently
 *       re-taken: the driver tells the leader how many of its lock requests were granted there and
 *       by which leadership ({@link meridian.txn.PriorGrants}), and a leader that is not that
 *       leadership or does not hold them all refuses with an abort. The count alone is not enough:
 *       a resent lock request can be granted by the next leader too, after the key was written. A
 *       transaction never prepares with a read that is no longer protected.
 *   <li>A prepared transaction's locks survive a leader change: the {@code Prepare} record names its
 *       lock spans and writes, and a new leader re-takes them from {@link
 *       meridian.txn.GroupTxnState} before it grants any lock (it serves only once it has applied
 *       its own first entry).
 *   <li>A transaction decided at a group (its decision logged there as coordinator, or its outcome
 *       as participant) is never registered or prepared there again: a resent or duplicated request
 *       that reaches a leader afterwards is refused with {@link
 *       meridian.txn.AbortReason#ALREADY_DECIDED}, and a late {@code Prepare} record is ignored.
 *       Otherwise it would re-take locks, and a second prepare timestamp above {@code s} would make
 *       the participant's {@code Outcome} impossible to apply.
 *   <li>Atomicity: the coordinator's state decides once per transaction; the first of {@code Commit}
 *       and {@code Abort} in its log wins, and the other is answered with that outcome. A
 *       participant decides only by logging the coordinator's decision. A commit with other
 *       participants is remembered until a {@code Forget} record (the driver writes it once every
 *       participant applied the outcome); aborts and single-group commits are dropped after
 *       {@link meridian.txn.GroupTxnState#DECISION_RETENTION_MICROS} of log time.
 *   <li>A prepared transaction is never stranded while a majority of each group is alive: a
 *       participant leader that hears no outcome asks the coordinator group, which decides abort for
 *       a transaction it has no decision for.
 *   <li>Timestamps: {@code s >=} every prepare timestamp; a participant applies at {@code s}; commit
 *       timestamps of transactions with conflicting locks are ordered like their lock grants.
 * </ul>
 *
 * <h2>HAZARD: the clock bound</h2>
 *
 * If a node's true clock error exceeds its epsilon, {@code TT.now().latest} may be below true time:
 * a commit timestamp may then be below the real start of a later transaction, and commit wait ends
 * too early, so external consistency (not serializability) breaks: a later transaction can get a
 * smaller timestamp and a strong read can miss a write that was acknowledged before it started. The
 * leases Paxos builds on the same bound may overlap, and then two leaders' lock tables may both
 * grant conflicting locks: serializability breaks too. TrueTime fences a node whose clock it cannot
 * bound; that is the defence.
 *
 * <h2>HAZARD: decisions that expire</h2>
 *
 * An abort or a single-group commit decision is dropped after ten minutes of log time. A commit
 * request for that transaction arriving later (a message delayed that long in the network, far
 * beyond every RPC deadline here) would find no decision and could commit a transaction that was
 * reported aborted. A driver that dies after a multi-group commit but before every participant
 * applied it leaves the decision behind for good (the participants ask and apply it; nobody writes
 * the Forget): a small leak, never a wrong answer.
 *
 * <h2>HAZARD: majority alive</h2>
 *
 * A transaction whose participant or coordinator group has lost its majority cannot prepare, decide
 * or apply; its locks stay held and reads at timestamps above its prepare timestamp at that
 * participant wait (with a bound) until the group is back. Nothing is lost or decided wrongly.
 */
package meridian.txn;

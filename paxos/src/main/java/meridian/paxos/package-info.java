/**
 * Multi-Paxos with leader leases: the replication core of every Meridian shard (one Paxos group
 * per key range, usually 3 or 5 replicas).
 *
 * <p>{@link meridian.paxos.Replica} is a pure, deterministic state machine: ticks, messages,
 * proposals and TrueTime readings ({@link meridian.truetime.TTInterval}) go in; a {@link
 * meridian.paxos.Ready} (what to persist, what to send, what to apply) comes out. No threads, no
 * clock, no I/O, no statics with state; randomness (election timeouts) is injected. The build
 * forbids this module any dependency on gRPC, protobuf, Netty or RocksDB, so one simulator can drive
 * it from a seed.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Agreement.</b> At most one value is chosen per slot; every replica hands out the same
 *       entries in the same order ({@link meridian.paxos.Ready#committed()}), each once (the host's
 *       applied index, {@link meridian.paxos.PersistedState#appliedIndex()}, survives restarts).
 *   <li><b>Disjoint leases.</b> At any instant of true time at most one replica holds a lease.
 *   <li><b>Timestamp order.</b> Chosen writes carry strictly increasing timestamps along the log,
 *       across leaders. A write's timestamp is at least {@code TT.now().latest} when it was proposed
 *       and inside its leader's lease.
 *   <li><b>Linearizable lease reads.</b> A {@link meridian.paxos.ReadPermit.Granted} read at {@code
 *       t} sees every write acknowledged (after commit wait) before it began, and every write any
 *       leader proposes later has a timestamp above {@code t}.
 *   <li><b>Safe time.</b> {@link meridian.paxos.Replica#safeTimeMicros()} never decreases, and every
 *       chosen write at or below it has been handed out at that replica.
 * </ul>
 *
 * <h2>Persist before send</h2>
 *
 * <p>Everything a reply promises is acceptor state: a {@link meridian.paxos.Message.Promise} (no
 * accept below its ballot), an {@link meridian.paxos.Message.Accepted} (these entries are accepted),
 * a lease vote (no vote for another leader until it expires), and a leader's vote for itself. Each
 * such message is released in the same {@code Ready} as the {@link meridian.paxos.HardState} and
 * entries it depends on, and the host persists that state durably (fsync) before it sends any
 * message of the {@code Ready}. A restarted replica is rebuilt from exactly that state ({@link
 * meridian.paxos.PersistedState}).
 *
 * <h2>Protocol</h2>
 *
 * <p>Ballots are {@code (round, replica)}. A candidate runs phase 1 once for every slot from the
 * first it does not know chosen ({@link meridian.paxos.Candidacy}); promises may come in chunks of at
 * most one batch. It needs, for every membership in force over those slots, a quorum of complete
 * promises, its own included; it promises itself only when it has the others', so a failed campaign
 * changes no acceptor state of its own and a replica coming back from a partition cannot depose a
 * live leader. The new leader re-proposes, in its ballot, the value of the highest ballot found per
 * slot, replaces gaps and provably unchosen values by no-ops ({@link meridian.paxos.Recovery}), and
 * once it holds its lease writes its <em>barrier</em>: a no-op at {@code max(s_max,
 * now.latest)}. Phase 2 ({@link meridian.paxos.Leadership}) is pipelined (at most {@link
 * meridian.paxos.ReplicaConfig#windowMax()} slots in flight) and batched (at most {@link
 * meridian.paxos.ReplicaConfig#batchEntriesMax()} entries and {@link
 * meridian.paxos.ReplicaConfig#batchBytesMax()} bytes per message). A slot is chosen when a quorum
 * of the membership in force for it accepted it in the leader's ballot; the leader commits the
 * longest such prefix and learners learn it from the commit index on later Accepts and heartbeats.
 * Acceptors accept contiguous batches only ({@link meridian.paxos.Acceptor}); one that misses some
 * answers {@code ok=false} with how far its log matches, and the leader resends from there, or sends
 * {@link meridian.paxos.Message.SnapshotNeeded} when those entries are compacted away.
 *
 * <h2>Invariants</h2>
 *
 * <p>Written on the fields where they hold and checked by {@link
 * meridian.paxos.Replica#checkInvariants()}: {@code snapshotIndex <= appliedIndex <= commitIndex <=
 * lastIndex}; the log is dense; a leader's ballot is the promised one, a candidate's is above it;
 * {@code matchIndex < nextIndex} per peer; every chosen write is above the level (timestamp) of every
 * chosen entry before it; the timestamp floor {@code s_max} covers everything chosen; safe time
 * never decreases.
 *
 * <h2>Leases, and why they are disjoint</h2>
 *
 * <p>Every Prepare and Accept asks for a lease vote with {@code leaseRequestMicros = now.earliest}
 * at the leader (0: no request). A voter grants it if its current vote is for the same replica, or
 * has expired on its own TrueTime ({@code now.earliest > expiry}), and records {@code expiry =
 * now.latest + leaseDurationMicros} (persisted before the reply). The leader's lease ends at the
 * majority-th largest {@code request + leaseDurationMicros} among the votes it has (its own
 * included), for every membership in force ({@link meridian.paxos.LeaseTracker}); it uses the lease
 * only while {@code now.latest < leaseEnd}. Why two leaders' leases cannot overlap: the later leader
 * needs a vote from a majority, which shares a voter {@code V} with the majority behind the earlier
 * lease end {@code E}. {@code V}'s expiry is at least its request's end, which is at least {@code E}
 * (its recorded {@code now.latest} at receipt is later in true time than the request's {@code
 * now.earliest}); {@code V} votes for the later leader only when its {@code now.earliest} has passed
 * that expiry, so after true time {@code E}; and the earlier leader stops using its lease before true
 * time {@code E}. A voter also promises to no other leader while its vote holds (leader
 * stickiness), and refuses lease votes and campaigns while its clock is fenced ({@link
 * meridian.paxos.Replica#clockFenced()}).
 *
 * <p>The same argument orders leases by ballot: a voter never votes for a lower ballot after a
 * higher one. Hence, since every timestamp a leader hands out lies in its lease, <b>timestamps of
 * different leaders are ordered like their ballots</b>. The exceptions are explicit and safe: the
 * same replica in a new ballot (it carries its {@code s_max} over, and after a restart starts above
 * its own persisted vote expiry, which is above its old lease end); and a planned transfer (below).
 *
 * <h2>Timestamps and safe time</h2>
 *
 * <p>{@link meridian.paxos.Timestamps}: a write gets {@code max(s_max + 1, now.latest)} if that is
 * below the lease end, else Busy; a lease read gets {@code now.latest} and raises {@code s_max} to
 * it; a MinNextTS promise raises {@code s_max} to what it promises. No-ops and membership changes
 * carry {@code s_max} (the barrier: {@code max(s_max, now.latest)}); gap fills carry 0. Every entry
 * therefore has a <em>level</em>, and each leader's log is monotone: every write is above the levels
 * of all entries before it. Recovery keeps it so ({@link meridian.paxos.Recovery}: of two recovered
 * entries out of order, the lower ballot's was never chosen, so it becomes a no-op), which makes the
 * chosen log monotone too.
 *
 * <p>Safe time ({@link meridian.paxos.SafeTime}) is the largest level handed out, and the MinNextTS
 * of Accepts and heartbeats: {@code (commitIndex c, minNext m)} means every write below {@code m}
 * sits at or before slot {@code c}, and none will be chosen later below {@code m}; once {@code c} is
 * applied, {@code m - 1} is safe. The leader sends {@code m} only once its barrier is chosen: the
 * first uncommitted write's timestamp, or when idle {@code now.latest} (below its lease end), so an
 * idle group's followers keep serving fresh snapshot reads. It holds across leader changes because
 * a later leader writes above this lease, and an earlier leader's unchosen write, whose timestamp
 * is below the barrier, is turned into a no-op by any later recovery.
 *
 * <h2>Membership change</h2>
 *
 * <p>One replica added or removed at a time, through a {@link
 * meridian.paxos.Command.ChangeMembership} entry that governs the slots after it once chosen. While
 * it is not chosen, the leader proposes nothing after it, so no slot is decided under two
 * memberships; proposing one needs the leader's barrier chosen (a new leader must first make its
 * predecessors' changes final) and a lease covering {@code s_max}. Majorities of memberships one
 * replica apart intersect, which is what phase 1, commit and leases rely on; phase 1 and leases
 * require quorums of every membership in force. New replicas catch up from the log or a snapshot; a
 * removed leader hands over (as in a transfer) once the change is chosen.
 *
 * <h2>Planned transfer</h2>
 *
 * <p>{@link meridian.paxos.Replica#transferLeadership}: the leader stops proposing and reading,
 * waits until the target has its whole log and {@code TT.after(s_max)} holds (every timestamp it
 * handed out is in the past everywhere), releases its lease for good, tells every voter so ({@link
 * meridian.paxos.Message.LeaseReleased}; only the leader itself can release its votes) and sends the
 * target {@link meridian.paxos.Message.TimeoutNow}. The next leader's timestamps are above {@code
 * s_max} because they are above its own {@code now.latest}, which is after the release in true time.
 *
 * <h2>What the host must do</h2>
 *
 * <ul>
 *   <li>Call {@link meridian.paxos.Replica#ready()} after inputs, and honour the order in {@link
 *       meridian.paxos.Ready}. Hand back exactly what was persisted on restart.
 *   <li>Lease read: wait until applied {@code >= readIndex} (bounded: the leader may lose its
 *       leadership meanwhile), then read at the read timestamp. Acknowledge a write only after it
 *       is chosen and {@code TT.after(timestampMicros)} (commit wait).
 *   <li>Snapshots: {@code timestampMicros} is the largest {@code LogEntry.timestampMicros()}
 *       applied through the snapshot's index (no-ops included). Compact only at or below the
 *       applied index. Install only snapshots beyond the applied index.
 *   <li>Call {@link meridian.paxos.Replica#clockFenced()} when TrueTime fences; the next {@code
 *       tick} with an interval lifts it.
 * </ul>
 *
 * <h2>Hazards</h2>
 *
 * <p>HAZARD (the clock bound): everything about leases and timestamps assumes true time lies inside
 * every {@code TTInterval} handed in. If it does not (a clock beyond its drift bound, lying time
 * masters), a voter can think its vote expired while the old leader still uses its lease:
 * <b>leases overlap</b>; two leaders then serve lease reads at the same time, and the old one can
 * serve a <b>stale read</b> missing a write the new one acknowledged; the new leader can assign a
 * write a timestamp below one the old leader handed out (<b>timestamp inversion</b>: a read at the
 * higher timestamp missed a write that is now in its past), and MinNextTS promises and safe time
 * become lies, so follower snapshot reads go stale too. Commit wait shortens to nothing. Paxos
 * agreement itself does not depend on clocks: the log stays consistent, only what timestamps
 * promise breaks. Fence the clock rather than guess ({@link meridian.truetime}).
 *
 * <p>HAZARD (a majority alive): nothing is chosen without a quorum of the membership in force, and
 * no lease is granted without a majority of votes. With half or more of the replicas down or cut
 * off, writes and lease reads stop; a leader's lease simply runs out (it is never revoked early);
 * followers' safe time stops advancing, so snapshot reads at fresh timestamps wait. After the
 * failure of a leader, the group is without a leader for at least the rest of its lease (up to
 * {@code leaseDurationMicros}) plus an election timeout: that is the price of disjoint leases.
 *
 * <p>HAZARD (a disk that lies about fsync): persist-before-send is only as good as the disk. If a
 * promise, an accepted entry or a lease vote is acknowledged but lost in a crash, a replica can
 * promise two leaders, forget an accepted value that was counted toward a quorum (a chosen value can
 * then be overwritten: <b>divergent state machines</b>), or vote for a new leader while the old
 * lease it voted for is still in use (<b>overlapping leases</b>). The host must fsync (or use a
 * write-ahead log with real durability) before sending.
 */
package meridian.paxos;

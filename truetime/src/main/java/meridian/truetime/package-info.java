/**
 * TrueTime: a clock that knows how wrong it can be. {@link meridian.truetime.TrueTime#now()}
 * returns an interval {@link meridian.truetime.TTInterval} {@code [earliest, latest]} instead of a
 * point, and Spanner's external consistency (commit wait, leader leases, safe time) rests on one
 * promise about it.
 *
 * <h2>Guarantee</h2>
 *
 * <p>If (1) every clock involved drifts from true time by at most {@link
 * meridian.truetime.TrueTimeConfig#driftRatePpm()} (200 us per second by default, the paper's
 * figure), and (2) among the time masters that answer a sync, those that tell the truth are at least
 * the quorum, then true time is inside every interval {@code now()} grants. When the node cannot
 * vouch for (1) or (2) it does not guess: it <em>fences</em> itself and refuses to grant intervals
 * ({@link meridian.truetime.TrueTimeFencedException}, or {@link meridian.truetime.NowResult.Fenced}
 * as a value). A fenced node stops granting leases and commit timestamps and reports itself
 * unhealthy; it never crashes for a clock problem.
 *
 * <h2>Clocks</h2>
 *
 * <p>A {@link meridian.truetime.PhysicalClock} gives two readings: a wall clock (can be offset, drift
 * and step) and a monotonic reference (never steps; runs within the drift bound). {@link
 * meridian.truetime.SystemClock} is the only class that reads the machine's clocks; {@link
 * meridian.truetime.SkewableClock} lets a nemesis skew the wall clock of a real node; {@link
 * meridian.truetime.ManualClock} is simulated time with a true time to check against.
 *
 * <h2>Sync: masters and Marzullo</h2>
 *
 * <p>A node polls several time masters. Each {@link meridian.truetime.MasterReading} (local send and
 * receive times, the master's time and its own epsilon) vouches that the local clock's offset (true
 * time minus wall time) lies within {@code rtt/2 + masterEpsilon} of {@code masterTime + rtt/2 -
 * receive}. {@link meridian.truetime.Marzullo#intersect} sweeps those offset ranges and finds the
 * region covered by the most masters; masters outside it are liars and are reported (in {@link
 * meridian.truetime.SyncOutcome#liars()} and {@link meridian.truetime.TrueTimeStatus#masters()}).
 * A time master counts its own clock as one more source, with offset {@code
 * [-masterEpsilon, +masterEpsilon]} and no round trip.
 *
 * <p><b>Quorum rule.</b> A sync counts when at least {@code max(minMastersAnswering, answered / 2 +
 * 1)} masters share a region ({@link meridian.truetime.TrueTimeConfig#quorumFor}), where {@code
 * answered} counts every master that answered, including those whose reading was invalid (an answer
 * we cannot use must not shrink the quorum) and this node when it is a master. So with three or more
 * answering masters one liar is outvoted; two that disagree have no majority and nothing is synced;
 * a single answering master is trusted (unless {@code minMastersAnswering} says otherwise).
 *
 * <p>The offset the node then trusts is the quorum span ({@link
 * meridian.truetime.Agreement#quorumSpan()}): the smallest range holding every point covered by at
 * least a quorum of masters, not Marzullo's (narrower) best region. If a quorum tells the truth, the
 * truth is inside the span; a liar that overlaps the honest masters could drag the best region off
 * it. When all honest masters agree the two coincide.
 *
 * <h2>Uncertainty: the sawtooth</h2>
 *
 * <p>Right after a sync, epsilon is the half-width of the agreed offset range: about {@code rtt/2 +
 * masterEpsilon}. Then it grows by the drift budget, {@code driftRate x (monotonic time since the
 * sync)}, on both sides, until the next sync resets it: the paper's sawtooth, {@code epsilon(t) =
 * epsilon_sync + driftRate x (t - lastSync)}. The interval is {@code [wall + offsetLow - budget,
 * wall + offsetHigh + budget]}, widened further by any wall clock step (below).
 *
 * <h2>Steps, drift and fencing</h2>
 *
 * <p>The wall clock is checked against the monotonic one: the divergence {@code d = (wall -
 * wallAtSync) - (monotonic - monotonicAtSync)} may reach the drift budget. Beyond it, the excess is
 * a step. A step up to {@link meridian.truetime.TrueTimeConfig#stepToleranceMicros()} widens the
 * interval by the excess on the side the step makes wrong (a forward step widens the low side), so
 * true time stays inside; a larger step fences ({@link meridian.truetime.Fence.Kind#STEP}).
 *
 * <p>At every agreed sync the clock is judged over the interval since the last one: (a) the masters'
 * new offset must lie where the old one, moved by {@code -d}, and widened by the budget, predicts;
 * if not, the reference itself ran outside the bound ({@link meridian.truetime.Fence.Kind#DRIFT}).
 * (b) A divergence beyond the budget in one sync interval is taken for a step; in two intervals in
 * a row it is drift (DRIFT fence). From sync readings alone a small step and a too-fast clock look
 * the same; a step is a one-off, drift persists.
 *
 * <p>A node is fenced when: it never had an agreed sync ({@link
 * meridian.truetime.Fence.Kind#NEVER_SYNCED}); its last agreed sync is older than {@link
 * meridian.truetime.TrueTimeConfig#syncTimeoutMicros()} of monotonic time ({@link
 * meridian.truetime.Fence.Kind#SYNC_TIMEOUT}); or it found a clock fault. Recovery: NEVER_SYNCED and
 * SYNC_TIMEOUT lift at the next agreed sync. STEP lifts at the next agreed sync: the sync measures
 * the new offset directly and re-bases both the wall and the monotonic anchors, and a step says
 * nothing bad about the oscillator. DRIFT lifts only after {@link
 * meridian.truetime.TrueTimeConfig#recoverySyncs()} agreed syncs in a row each consistent with the
 * one before. Every agreed sync re-bases the model, fenced or not.
 *
 * <h2>Commit wait</h2>
 *
 * <p>A leader that commits at timestamp {@code s} (at least {@code now().latest} when chosen) must
 * not let anyone see the commit until {@code after(s)}, i.e. {@code s < now().earliest}: then {@code
 * s} is in the past everywhere. {@link meridian.truetime.TrueTime#waitUntilAfter} sleeps (with the
 * injected {@link meridian.truetime.Sleeper}, never holding the lock) until it holds, about twice
 * epsilon, and never returns before; it throws when the node is fenced or the bound passes ({@link
 * meridian.truetime.CommitWaitTimeoutException}).
 *
 * <h2>Structure</h2>
 *
 * <p>{@link meridian.truetime.ClockModel} is the pure core: readings in, values out, no threads and
 * no clock reads, so the simulator drives it from a seed and calls {@code checkInvariants()} after
 * every step. {@link meridian.truetime.TrueTime} is the thread-safe service around it.
 *
 * <h2>Hazards</h2>
 *
 * <p>HAZARD (drift bound exceeded): if a clock, in particular the monotonic reference, runs faster
 * or slower than {@code driftRatePpm}, intervals between syncs can miss true time. The drift checks
 * at each sync catch it, but only after the fact: intervals granted since the last sync may already
 * have been wrong, and a lease or commit wait based on them may be unsafe. A wall clock drifting
 * beyond the bound is caught by the second sync interval; until then its excess is widened like a
 * step, which keeps intervals correct while the monotonic clock holds the bound.
 *
 * <p>HAZARD (liars forming the majority of answering masters): Marzullo trusts the majority. If most
 * of the masters that answer agree on a wrong time (a shared bad upstream, a partition leaving a node
 * with mostly faulty masters), the node syncs to it, reports the honest masters as liars, and hands
 * out intervals that miss true time. Run at least three masters, independent of each other.
 *
 * <p>HAZARD (a partitioned node reaching only one lying master): the majority is of the masters that
 * answered, so a node that reaches a single master trusts it. If that master is wrong, so is the
 * node, with no warning but the master's offset in status. Raise {@code minMastersAnswering} to 2 to
 * fence instead (at the cost of fencing whenever only one master is reachable). The same holds for a
 * master: its own clock is a source, and as a reference it answers others from its raw clock.
 *
 * <p>HAZARD (steps smaller than the tolerance): a step within the tolerance is ridden out by widening,
 * which is correct but makes epsilon (and commit wait) larger until the next sync. A step while a
 * poll is in flight, or between a reading's receive and the sync it feeds, can skew that reading by
 * up to the step (a backward step that makes the round trip negative invalidates it): other masters
 * outvote it as a liar, but a node that reaches only that master syncs to a wrong offset. Polls
 * should be short and fed to {@link meridian.truetime.TrueTime#sync} at once.
 */
package meridian.truetime;

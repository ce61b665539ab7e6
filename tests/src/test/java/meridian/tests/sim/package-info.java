/**
 * Deterministic simulation of one Multi-Paxos group ({@link meridian.paxos.Replica}): 3 or 5
 * replicas, or 3 growing to 4 and shrinking back, on one thread from one seed, checked after every
 * event. FoundationDB/TigerBeetle style: network, disk, clocks and randomness are simulated, faults
 * are drawn from the seed, and a failure prints the seed that replays it exactly.
 *
 * <h2>The world</h2>
 *
 * <ul>
 *   <li><b>Time</b> ({@link meridian.tests.sim.EventQueue}): true time in microseconds, moved only
 *       by events, ordered by (time, sequence number).
 *   <li><b>Clocks</b> ({@link meridian.tests.sim.SimClock}): each replica's TrueTime is a sawtooth
 *       (epsilon from a per-seed range, growing at 200 ppm between syncs) with an error that is often
 *       exactly at an edge, so true time sits at {@code earliest} or {@code latest}. Intervals always
 *       contain true time but are not monotonic. The nemesis jumps and fences clocks.
 *   <li><b>Network</b> ({@link meridian.tests.sim.SimNetwork}): random delay, loss, duplication,
 *       slow (reordered) delivery; partitions checked at send and at delivery.
 *   <li><b>Disk</b> ({@link meridian.tests.sim.SimDisk}): a synced part and unsynced writes. The
 *       host ({@link meridian.tests.sim.SimHost}) follows {@link meridian.paxos.Ready}: write, fsync
 *       (taking simulated time, with later batches queued behind), only then send, then apply. A
 *       crash loses every unsynced write (including state machine writes) and unsent message; the
 *       nemesis also crashes a host exactly between a write and its fsync. A restart builds {@link
 *       meridian.paxos.PersistedState} from the synced part and a fresh replica. Half the seeds
 *       use the server's policy instead ({@link meridian.tests.sim.SimConfig.DiskPolicy}): lease
 *       extensions and commit indexes alone are written without fsync, and a restart re-extends
 *       the stored lease vote.
 *   <li><b>State machine</b>: the list of applied entries, durable with the log; hosts compact the
 *       log behind the durable applied index and install a leader's state machine when asked.
 *   <li><b>Clients</b> ({@link meridian.tests.sim.ClientSessions}): unique writes and lease reads,
 *       mostly to the believed leader, a quarter to random hosts (which must refuse); writes are
 *       acknowledged after apply and commit wait. {@link meridian.tests.sim.History} records them.
 *   <li><b>Nemesis</b> ({@link meridian.tests.sim.Nemesis}): partitions (halves, one alone, the
 *       leader alone), heals, weather, crashes, crashes before fsync, pauses (some longer than a
 *       lease), clock jumps and fences, leader transfers, membership changes. After the fault phase
 *       everything heals.
 * </ul>
 *
 * <h2>What is checked, after every event</h2>
 *
 * <ol>
 *   <li>One value per slot, never changed, including across restarts; replicas apply one gapless
 *       sequence; write timestamps strictly increase along it; a payload is chosen at most once and
 *       only at the index its proposal returned ({@link meridian.tests.sim.ChosenLogChecker}).
 *   <li>Leases of different ballots never cover one true instant; every lease read and proposal is
 *       covered by its leader's reported lease ({@link meridian.tests.sim.LeaseChecker}).
 *   <li>Lease reads are linearizable and name the same state as a snapshot read at their timestamp
 *       ({@link meridian.tests.sim.ReadChecker}).
 *   <li>Safe time never decreases within an incarnation, and no write first applied later is at or
 *       below a safe time reported earlier ({@link meridian.tests.sim.SafeTimeChecker}).
 *   <li>Proposals: only a leader takes them, inside its lease, with a timestamp at or above true
 *       time and below the lease end.
 *   <li>The core's own {@code checkInvariants()}, and any exception it throws.
 *   <li>Liveness: within a bound after healing, a leader commits a fresh write and every member
 *       applies it.
 * </ol>
 *
 * <p>{@link meridian.tests.sim.SimulatorSelfTest} shows the checkers bite: clocks that break their
 * bound, hosts that send before fsync, and lazy lease extensions without the re-extension at
 * restart each produce overlapping leases or lost chosen values.
 *
 * <h2>Running</h2>
 *
 * <pre>
 *   ./mvnw -q -B -o -pl tests test -Dtest='meridian.tests.sim.*Test' -Dsurefire.failIfNoSpecifiedTests=false
 *   ... -Dtest=PaxosSimulationTest -Dmeridian.sim.seed=N -Dmeridian.sim.verbose=true   (one seed, full trace)
 *   tests/sim-soak --minutes 30          (live progress; --replay N prints a seed's whole trace)
 * </pre>
 *
 * <h2>Limits</h2>
 *
 * <p>Clocks never break their bound (the core's stated assumption; see the TrueTime hazards), disks
 * never corrupt or lie about fsync, and a batch between two fsyncs is lost or kept whole. Messages
 * are not corrupted. Clients talk to a host directly (no client network), and a snapshot is a copy
 * of the leader's state machine after a network delay. One group only.
 */
package meridian.tests.sim;

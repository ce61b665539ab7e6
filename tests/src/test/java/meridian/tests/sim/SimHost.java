package meridian.tests.sim;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.Message;
import meridian.paxos.PersistedState;
import meridian.paxos.Ready;
import meridian.paxos.Replica;
import meridian.paxos.ReplicaConfig;
import meridian.paxos.ReplicaStatus;
import meridian.truetime.TTInterval;

/**
 * One node as the core sees it: a {@link Replica}, its disk, its clock and its state machine, and
 * the host side of the {@link Ready} contract: write, fsync, only then send, then apply. The fsync
 * takes simulated time (up to {@code fsyncLatencyMaxMicros}); while it is in flight the host keeps
 * stepping the core and queues the next batches behind it, in order. A crash loses every write not
 * yet synced and every message not yet sent.
 *
 * <p>Every entry point runs in one event, drains the core's output and reports what it sees to the
 * checkers (lease claims, safe time, the core's own invariants).
 */
final class SimHost {
  /** A Ready's outputs that wait for their fsync. */
  private record Batch(List<Message> messages, List<LogEntry> committed, Optional<Ready.SnapshotRequest> snapshot) {}

  final String id;
  private final SimCluster cluster;
  private final SimDisk disk;
  private final SimClock clock;
  private final SplittableRandom random;
  private final ReplicaConfig replicaConfig;
  private Replica replica; // null while down
  private long incarnation;
  private boolean paused;
  private boolean clockFenced;
  private boolean crashAtNextWrite; // armed by the nemesis: crash between a write and its fsync
  private final ArrayDeque<Runnable> deferred = new ArrayDeque<>(); // events that arrived while paused
  private final ArrayDeque<Batch> awaitingSync = new ArrayDeque<>();
  private long lastSyncDoneMicros;
  private final ClientSessions clients;
  private ReplicaStatus lastStatus;
  private final FsyncPolicy fsyncs;
  private String releaseFrom = ""; // the sender of a lease release being stepped, for the vote checker
  // For the run's statistics.
  int crashesLosingWrites;
  int snapshotsInstalled;

  SimHost(String id, SimCluster cluster, SimClock clock, SplittableRandom random, Membership initialMembership) {
    this.id = id;
    this.cluster = cluster;
    this.clock = clock;
    this.random = random;
    this.disk = new SimDisk(initialMembership);
    this.replicaConfig = ReplicaConfig.defaults(1, id, initialMembership);
    this.clients = new ClientSessions(this, cluster);
    this.fsyncs = new FsyncPolicy(cluster.config.diskPolicy());
  }

  long incarnation() {
    return incarnation;
  }

  ReplicaConfig replicaConfig() {
    return replicaConfig;
  }

  boolean isUp() {
    return replica != null;
  }

  boolean isPaused() {
    return paused;
  }

  SimDisk disk() {
    return disk;
  }

  SimClock clock() {
    return clock;
  }

  /** The status seen after the last event on this host, or null while down or before any. */
  ReplicaStatus lastStatus() {
    return replica == null ? null : lastStatus;
  }

  private long now() {
    return cluster.events.nowMicros();
  }

  /** This host's TrueTime now. */
  TTInterval tt() {
    return clock.now(now());
  }

  private void trace(String line) {
    cluster.trace.add(now(), id + " " + line);
  }

  void start() {
    PersistedState restored =
        fsyncs.restarted(disk.persistedState(), tt().latestMicros(), replicaConfig.leaseDurationMicros());
    replica = new Replica(replicaConfig, restored, new SplittableRandom(random.nextLong()));
    cluster.safeTimes.restarted(id);
    cluster.votes.restarted(id, restored.hardState().leaseVoteLeader(), restored.hardState().leaseVoteExpiryMicros());
    trace("start #" + incarnation + " applied=" + restored.appliedIndex() + " snapshot=" + restored.snapshotIndex()
        + " log=" + restored.log().size() + " promised=" + Describe.ballot(restored.hardState().promised()));
    afterCall();
  }

  void crash(String why) {
    if (replica == null) {
      return;
    }
    trace("CRASH (" + why + ") losing " + (disk.hasUnsynced() ? "unsynced writes" : "nothing unsynced") + ", "
        + awaitingSync.size() + " batches");
    replica = null;
    incarnation++;
    if (disk.hasUnsynced()) {
      crashesLosingWrites++;
    }
    disk.crash();
    awaitingSync.clear();
    deferred.clear();
    paused = false;
    crashAtNextWrite = false;
    cluster.leases.down(id, now());
    clients.crashed();
  }

  /** The end of the fault phase: no armed crash, no pause, no fenced clock. */
  void clearFaults() {
    crashAtNextWrite = false;
    if (clockFenced) {
      setClockFenced(false);
    }
    resume();
  }

  void armCrashAtNextWrite() {
    crashAtNextWrite = true;
  }

  void pause() {
    paused = true;
    trace("pause");
  }

  void resume() {
    if (!paused) {
      return;
    }
    paused = false;
    trace("resume, " + deferred.size() + " deferred events");
    while (!deferred.isEmpty()) {
      Runnable r = deferred.removeFirst();
      cluster.events.after(0, r); // in arrival order, each its own event
    }
  }

  void setClockFenced(boolean fenced) {
    clockFenced = fenced;
    trace(fenced ? "clock fenced" : "clock unfenced");
  }

  /** Runs {@code action} now unless the host is down (dropped) or paused (held until resumed). */
  private boolean accepting(Runnable action) {
    if (replica == null) {
      return false;
    }
    if (paused) {
      deferred.addLast(action);
      return false;
    }
    return true;
  }

  void tick() {
    if (replica == null || paused) {
      return; // a stopped process does not tick; its timer fires again later
    }
    if (clockFenced) {
      replica.clockFenced();
    } else {
      replica.tick(tt());
    }
    afterCall();
  }

  void deliver(Message m) {
    if (replica == null) {
      return;
    }
    if (!accepting(() -> deliver(m))) {
      return;
    }
    trace("<- " + Describe.message(m));
    replica.step(m, tt());
    releaseFrom = m instanceof Message.LeaseReleased || m instanceof Message.TimeoutNow ? m.from() : "";
    afterCall();
    releaseFrom = "";
  }

  /**
   * One call into the running core (the caller checks that the host is up and not paused): the
   * call, its trace line, then drain and check.
   */
  <T> T call(Function<Replica, T> call, Function<T, String> traceLine) {
    T result = call.apply(replica);
    trace(traceLine.apply(result));
    afterCall();
    return result;
  }

  ClientSessions clients() {
    return clients;
  }

  /** After any call into the core: hand its output to the disk, then check. */
  private void afterCall() {
    drain();
    observe();
  }

  private void drain() {
    if (replica == null) {
      return;
    }
    Ready r = replica.ready();
    if (r.isEmpty()) {
      return;
    }
    trace("ready" + Describe.ready(r));
    boolean writes = r.hardState().isPresent() || r.truncateFromIndex() > 0 || !r.entries().isEmpty();
    if (writes) {
      disk.write(new SimDisk.PaxosWrite(r.hardState().orElse(null), r.truncateFromIndex(), r.entries()));
    }
    boolean needsSync = fsyncs.needsSync(r);
    Batch batch = new Batch(r.messages(), r.committed(), r.snapshotToInstall());
    if (fsyncs.sendsBeforeFsync()) { // a broken host, for the self-test only
      r.messages().forEach(cluster.network::send);
      batch = new Batch(List.of(), r.committed(), r.snapshotToInstall());
    }
    if (writes && crashAtNextWrite) {
      crash("after writing, before fsync");
      return;
    }
    long latencyMax = cluster.config.fsyncLatencyMaxMicros();
    if (awaitingSync.isEmpty() && (latencyMax == 0 || !needsSync)) {
      if (needsSync) {
        disk.sync();
      }
      release(batch); // without fsync when lazy: a crash loses the write, a later fsync keeps it
      return;
    }
    awaitingSync.addLast(batch);
    long inc = incarnation;
    // An fsync completes after the ones before it: batches leave in the order they were written.
    long at = Math.max(now() + random.nextLong(latencyMax + 1), lastSyncDoneMicros);
    lastSyncDoneMicros = at;
    cluster.events.at(at, () -> syncDone(inc));
  }

  private void syncDone(long inc) {
    if (inc != incarnation || replica == null) {
      return; // that fsync never finished: the host crashed
    }
    if (!accepting(() -> syncDone(inc))) {
      return;
    }
    disk.sync();
    release(awaitingSync.removeFirst());
    observe();
  }

  /** The batch's writes are durable: send, apply, fetch a snapshot. */
  private void release(Batch b) {
    for (Message m : b.messages()) {
      cluster.network.send(m);
    }
    for (LogEntry e : b.committed()) {
      apply(e);
    }
    b.snapshot().ifPresent(this::fetchSnapshot);
    clients.appliedThrough(disk.current().appliedIndex());
    maybeCompact();
  }

  private void apply(LogEntry e) {
    long applied = disk.current().appliedIndex();
    if (e.index() != applied + 1) {
      throw new InvariantViolation(id + " was handed committed entry " + Describe.entry(e)
          + " but its state machine has applied " + applied + " (must be contiguous)");
    }
    if (cluster.chosen.committed(id, e)) {
      cluster.reads.firstChosen(e, now());
    }
    cluster.safeTimes.applying(id, e);
    disk.write(new SimDisk.Apply(e));
    clients.applied(e);
  }

  /** Drops the log prefix the (durable) state machine covers, keeping a few entries. */
  private void maybeCompact() {
    SimDisk.State cur = disk.current();
    long last = cur.log.isEmpty() ? cur.snapshotIndex : cur.log.lastKey();
    if (last - cur.snapshotIndex <= cluster.config.compactAfterEntries()) {
      return;
    }
    long through = disk.synced().appliedIndex() - cluster.config.compactKeepEntries();
    if (through > cur.snapshotIndex) {
      trace("compact through " + through);
      replica.compactLog(through);
      disk.write(new SimDisk.Compact(through));
    }
  }

  private void fetchSnapshot(Ready.SnapshotRequest req) {
    long inc = incarnation;
    trace("fetch snapshot >= " + req.index() + " from " + req.leader());
    cluster.events.after(cluster.transferDelayMicros(), () -> snapshotArrived(req, inc));
  }

  private void snapshotArrived(Ready.SnapshotRequest req, long inc) {
    if (inc != incarnation || replica == null) {
      return;
    }
    if (!accepting(() -> snapshotArrived(req, inc))) {
      return;
    }
    if (!awaitingSync.isEmpty()) {
      // Install in order with the Ready pipeline: after the batches written before it are applied.
      // (Not before now: fsyncs held up by a pause were re-queued at the resume.)
      cluster.events.at(Math.max(now(), lastSyncDoneMicros), () -> snapshotArrived(req, inc));
      return;
    }
    SimHost source = cluster.host(req.leader());
    long own = disk.current().appliedIndex();
    if (source == null || !source.isUp() || !cluster.network.connected(req.leader(), id)) {
      trace("snapshot fetch from " + req.leader() + " failed: unreachable");
      return;
    }
    // The leader's state machine as it is now (at or past the index asked for). The replica
    // ignores one that is not beyond what it applied, and the host must not roll back.
    List<LogEntry> theirs = source.disk.current().applied;
    if (theirs.size() < req.index() || theirs.size() <= own) {
      trace("snapshot fetch from " + req.leader() + " failed: it applied " + theirs.size() + ", asked "
          + req.index() + ", own " + own);
      return;
    }
    List<LogEntry> snapshot = List.copyOf(theirs);
    for (LogEntry e : snapshot.subList((int) own, snapshot.size())) {
      if (cluster.chosen.committed(id, e)) {
        cluster.reads.firstChosen(e, now());
      }
      cluster.safeTimes.applying(id, e);
    }
    disk.write(new SimDisk.InstallSnapshot(snapshot));
    disk.sync(); // installing a snapshot is its own durable step
    SimDisk.State s = disk.current();
    long index = s.appliedIndex();
    trace("install snapshot " + own + " -> " + index + " from " + req.leader());
    snapshotsInstalled++;
    replica.snapshotInstalled(index, s.ballotAt(index), s.maxTimestampThrough(index), s.membershipAt(index));
    clients.appliedThrough(disk.current().appliedIndex());
    afterCall();
  }

  private void observe() {
    if (replica == null) {
      return;
    }
    TTInterval tt = tt();
    ReplicaStatus st = replica.status(tt);
    lastStatus = st;
    cluster.votes.observe(id, st.leaseVoteLeader(), st.leaseVoteExpiryMicros(), tt.earliestMicros(), releaseFrom);
    boolean leader = st.role() == ReplicaStatus.Role.LEADER;
    cluster.leases.observe(id, leader, st.ballot(), st.leaseEndMicros(), now());
    if (awaitingSync.isEmpty()) {
      // safeTimeMicros() holds once the host applied everything ready() returned (its contract).
      cluster.safeTimes.observe(id, replica.safeTimeMicros());
    }
    if (st.safeTimeMicros() != replica.safeTimeMicros()) {
      throw new InvariantViolation(id + " status safe time " + st.safeTimeMicros() + " != safeTimeMicros() "
          + replica.safeTimeMicros());
    }
    replica.checkInvariants();
  }
}

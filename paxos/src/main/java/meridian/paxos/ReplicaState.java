package meridian.paxos;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import meridian.truetime.TTInterval;

/**
 * The state every role of a replica shares: the log, the acceptor's durable state, what is chosen
 * and applied, the timestamp floor, safe time, the clock reading, and the outbox.
 */
final class ReplicaState {
  final ReplicaConfig config;
  final PaxosLog log;
  final Outbox outbox = new Outbox();
  final Timestamps timestamps;
  final SafeTime safeTime;

  // Invariant: what is on disk once the pending Ready is persisted; promised only grows.
  private HardState hardState;
  // Invariant: appliedIndex <= commitIndex <= log.lastIndex(); every slot <= commitIndex is chosen
  // and holds its chosen value in this log (or is covered by the snapshot).
  private long commitIndex;
  // Invariant: log.snapshotIndex() <= appliedIndex; the last slot handed out in Ready.committed.
  private long appliedIndex;
  // The last TrueTime reading; null while fenced (no lease decisions without a clock).
  private TTInterval lastNow;
  private Ballot maxBallotSeen = Ballot.ZERO;
  private String leaderHint = "";
  // Invariant: the largest level (timestamp) of any chosen entry; every chosen write is above the
  // levels of all chosen entries before it (see Recovery).
  private long chosenLevelMicros;

  ReplicaState(ReplicaConfig config, PersistedState restored) {
    this.config = config;
    this.log = new PaxosLog(restored);
    this.hardState = restored.hardState();
    this.appliedIndex = restored.appliedIndex();
    this.commitIndex = Math.min(log.lastIndex(), Math.max(restored.hardState().commitIndex(), appliedIndex));
    long floor = log.maxLevelMicros();
    if (hardState.leaseVoteLeader().equals(config.self())) {
      // This replica may have led before the restart: everything it handed out then was below its
      // lease end, which is below its own vote's expiry.
      floor = Math.max(floor, hardState.leaseVoteExpiryMicros());
    }
    this.timestamps = new Timestamps(floor);
    long appliedLevel = log.snapshotTimestampMicros();
    for (long i = log.firstIndex(); i <= appliedIndex; i++) {
      appliedLevel = Math.max(appliedLevel, log.get(i).timestampMicros());
    }
    this.safeTime = new SafeTime(appliedLevel);
    long chosenLevel = appliedLevel;
    for (long i = appliedIndex + 1; i <= commitIndex; i++) {
      chosenLevel = Math.max(chosenLevel, log.get(i).timestampMicros());
    }
    this.chosenLevelMicros = chosenLevel;
    this.maxBallotSeen = hardState.promised();
  }

  // ---- clock ----

  void observeClock(TTInterval now) {
    lastNow = now;
  }

  void fence() {
    lastNow = null;
  }

  boolean fenced() {
    return lastNow == null;
  }

  /** The last clock reading; only when not fenced. */
  TTInterval now() {
    if (lastNow == null) {
      throw new IllegalStateException("no clock reading while fenced");
    }
    return lastNow;
  }

  // ---- acceptor durable state ----

  HardState hardState() {
    return hardState;
  }

  Ballot promised() {
    return hardState.promised();
  }

  void promise(Ballot ballot) {
    seeBallot(ballot);
    if (ballot.isAbove(hardState.promised())) {
      setHardState(new HardState(ballot, hardState.leaseVoteLeader(), hardState.leaseVoteExpiryMicros(), commitIndex));
    }
  }

  void seeBallot(Ballot ballot) {
    if (ballot.isAbove(maxBallotSeen)) {
      maxBallotSeen = ballot;
    }
  }

  Ballot maxBallotSeen() {
    return maxBallotSeen;
  }

  /**
   * Whether the current lease vote forbids a promise or vote for {@code leader}: it is for another
   * leader and has not expired on this replica's TrueTime ({@code now.earliest > expiry}). Without a
   * clock reading every vote counts as live.
   */
  boolean voteBlocks(String leader) {
    String holder = hardState.leaseVoteLeader();
    if (holder.isEmpty() || holder.equals(leader)) {
      return false;
    }
    return fenced() || lastNow.earliestMicros() <= hardState.leaseVoteExpiryMicros();
  }

  /** Grants a lease vote to {@code leader} if allowed; persisted with the reply. */
  boolean grantVote(String leader) {
    if (fenced() || voteBlocks(leader)) {
      return false;
    }
    long expiry = lastNow.latestMicros() + config.leaseDurationMicros();
    if (leader.equals(hardState.leaseVoteLeader())) {
      expiry = Math.max(expiry, hardState.leaseVoteExpiryMicros());
    }
    setHardState(new HardState(hardState.promised(), leader, expiry, commitIndex));
    return true;
  }

  /**
   * {@code leader}, in {@code ballot}, says it released its lease: its vote no longer binds this
   * replica. A release from a ballot below the promised one is stale (the same replica may lead
   * again in a later ballot, and this vote may be for that) and is ignored. Any vote of this replica
   * for {@code leader} was granted in a ballot at most the promised one, and a leader that released
   * in a ballot uses no lease of that or an earlier ballot again.
   */
  void dropVote(String leader, Ballot ballot) {
    if (leader.equals(hardState.leaseVoteLeader()) && !hardState.promised().isAbove(ballot)) {
      setHardState(new HardState(hardState.promised(), "", 0, commitIndex));
    }
  }

  private void setHardState(HardState next) {
    if (!next.equals(hardState)) {
      hardState = next;
      outbox.hardStateChanged();
    }
  }

  // ---- chosen and applied ----

  long commitIndex() {
    return commitIndex;
  }

  long appliedIndex() {
    return appliedIndex;
  }

  /** Slots through {@code index} are chosen (and this log holds their chosen values). */
  void commitThrough(long index) {
    if (index <= commitIndex) {
      return;
    }
    if (index > log.lastIndex()) {
      throw new IllegalStateException("commit " + index + " beyond last index " + log.lastIndex());
    }
    for (long i = Math.max(commitIndex + 1, log.firstIndex()); i <= index; i++) {
      LogEntry e = log.get(i);
      if (e.command() instanceof Command.Write && e.timestampMicros() <= chosenLevelMicros) {
        throw new IllegalStateException("write at slot " + i + " has timestamp " + e.timestampMicros()
            + " not above the level of the chosen log before it, " + chosenLevelMicros);
      }
      chosenLevelMicros = Math.max(chosenLevelMicros, e.timestampMicros());
      timestamps.observe(e.timestampMicros());
    }
    commitIndex = index;
    setHardState(new HardState(hardState.promised(), hardState.leaseVoteLeader(), hardState.leaseVoteExpiryMicros(), index));
  }

  /** The state machine holds the chosen prefix through {@code index} (snapshot installed). */
  void snapshotThrough(long index, long timestampMicros) {
    if (index > commitIndex) {
      commitIndex = index;
      setHardState(new HardState(hardState.promised(), hardState.leaseVoteLeader(), hardState.leaseVoteExpiryMicros(), index));
    }
    appliedIndex = Math.max(appliedIndex, index);
    chosenLevelMicros = Math.max(chosenLevelMicros, timestampMicros);
    safeTime.snapshotInstalled(timestampMicros);
    timestamps.observe(timestampMicros);
  }

  /** Hands out the chosen entries not handed out yet. */
  List<LogEntry> takeCommitted() {
    if (appliedIndex >= commitIndex) {
      return List.of();
    }
    List<LogEntry> out = log.slice(appliedIndex + 1, commitIndex, Integer.MAX_VALUE, Long.MAX_VALUE);
    for (LogEntry e : out) {
      safeTime.applied(e);
    }
    appliedIndex = commitIndex;
    safeTime.promote(appliedIndex);
    return out;
  }

  long chosenLevelMicros() {
    return chosenLevelMicros;
  }

  // ---- membership ----

  Membership committedMembership() {
    return log.membershipFor(commitIndex + 1);
  }

  List<Membership> membershipsInForce() {
    return log.membershipsInForce(commitIndex);
  }

  /** Every replica of a membership in force (committed or pending), in a stable order. */
  Set<String> knownMembers() {
    Set<String> out = new LinkedHashSet<>();
    for (Membership m : membershipsInForce()) {
      out.addAll(m.replicas());
    }
    return out;
  }

  // ---- leader hint ----

  String leaderHint() {
    return leaderHint;
  }

  void leaderHint(String leader) {
    leaderHint = leader;
  }

  void checkInvariants() {
    log.checkInvariants();
    if (!(log.snapshotIndex() <= appliedIndex && appliedIndex <= commitIndex && commitIndex <= log.lastIndex())) {
      throw new IllegalStateException("need snapshot " + log.snapshotIndex() + " <= applied " + appliedIndex
          + " <= commit " + commitIndex + " <= last " + log.lastIndex());
    }
    if (timestamps.lastAssignedMicros() < chosenLevelMicros) {
      throw new IllegalStateException("timestamp floor " + timestamps.lastAssignedMicros()
          + " below the chosen level " + chosenLevelMicros);
    }
  }
}

package meridian.paxos;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import meridian.truetime.TTInterval;

/**
 * One replica of one Paxos group: a pure, deterministic state machine. Inputs are {@link #tick},
 * {@link #step}, proposals and host notifications, each with a TrueTime reading where it matters;
 * outputs are collected in {@link #ready()} (persist, then send, then apply). No threads, no clock,
 * no I/O. The package documentation is the design document.
 *
 * <p>NOT thread-safe: the host drives each replica from one thread at a time.
 */
public final class Replica {
  private final ReplicaConfig config;
  private final RandomGenerator random;
  private final ReplicaState s;
  private final Acceptor acceptor;
  private ReplicaStatus.Role role = ReplicaStatus.Role.FOLLOWER;
  // Invariant: non-null exactly when role == CANDIDATE; its ballot is above the promised one (a
  // candidate promises itself only when it wins, see Candidacy#won).
  private Candidacy candidacy;
  // Invariant: non-null exactly when role == LEADER, and its ballot is the promised one.
  private Leadership leadership;
  // Set by clockFenced(), cleared by the next tick: no clock-based decision in between.
  private boolean fenced;
  private int electionElapsedTicks;
  private int electionTimeoutTicks;
  // For invariant checks: safe time never goes down.
  private long safeTimeChecked;

  public Replica(ReplicaConfig config, PersistedState restored, RandomGenerator random) {
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    this.s = new ReplicaState(config, Objects.requireNonNull(restored, "restored"));
    this.acceptor = new Acceptor(s);
    resetElectionTimer();
    safeTimeChecked = s.safeTime.micros();
  }

  /** Called every {@link ReplicaConfig#tickMicros()}: heartbeats, election timeouts, transfers. */
  public void tick(TTInterval now) {
    fenced = false;
    s.observeClock(Objects.requireNonNull(now, "now"));
    acceptor.tick();
    switch (role) {
      case LEADER -> {
        leadership.tick();
        finishTransferIfReady();
      }
      case CANDIDATE -> {
        electionElapsedTicks++;
        if (electionElapsedTicks % config.heartbeatTicks() == 0) {
          candidacy.retry();
        }
        if (electionElapsedTicks >= electionTimeoutTicks) {
          campaignIfAllowed();
        }
      }
      case FOLLOWER -> {
        if (++electionElapsedTicks >= electionTimeoutTicks) {
          campaignIfAllowed();
        }
      }
    }
  }

  /**
   * This node's TrueTime is fenced: until the next {@link #tick}, this replica hands out no
   * timestamps, serves no reads, requests no lease and grants no lease vote.
   */
  public void clockFenced() {
    fenced = true;
    s.fence();
  }

  /** An incoming message. Messages for other groups or other replicas are dropped. */
  public void step(Message message, TTInterval now) {
    if (message.groupId() != config.groupId() || !message.to().equals(config.self())
        || message.from().equals(config.self())) {
      return;
    }
    observe(now);
    switch (message) {
      case Message.Prepare p -> {
        // Not filtered by membership: a replica far behind may not know a newer member yet, and
        // only a leader elected with its help can tell it. Lease votes keep stale campaigners from
        // disrupting a live leader.
        if (acceptor.onPrepare(p)) {
          resetElectionTimer();
        }
      }
      case Message.Promise p -> onPromise(p);
      case Message.Reject r -> onReject(r);
      case Message.Accept a -> {
        if (acceptor.onAccept(a)) {
          // A live leader: a candidate gives up (it has not promised itself, see Candidacy).
          if (role == ReplicaStatus.Role.CANDIDATE) {
            becomeFollower();
          }
          resetElectionTimer();
        }
      }
      case Message.Accepted a -> {
        if (role == ReplicaStatus.Role.LEADER) {
          leadership.onAccepted(a);
          finishTransferIfReady();
        }
      }
      case Message.SnapshotNeeded m -> acceptor.onSnapshotNeeded(m);
      case Message.TimeoutNow t -> {
        if (acceptor.onRelease(t.from(), t.ballot()) && role == ReplicaStatus.Role.FOLLOWER) {
          campaignIfAllowed();
        }
      }
      case Message.LeaseReleased r -> acceptor.onRelease(r.from(), r.ballot());
    }
    stepDownIfOutranked();
  }

  /** Proposes a write; on success its timestamp is assigned (see the package documentation). */
  public ProposeResult propose(byte[] payload, TTInterval now) {
    return propose(payload, now, 0);
  }

  /**
   * Proposes a write whose timestamp is at least {@code floorMicros} besides the usual rules (a
   * transaction's commit timestamp must be at least its prepare timestamps). Busy when the floor
   * lies beyond the lease.
   */
  public ProposeResult propose(byte[] payload, TTInterval now, long floorMicros) {
    Objects.requireNonNull(payload, "payload");
    ProposeResult refused = refuseProposal(now);
    if (refused != null) {
      return refused;
    }
    if (payload.length > config.payloadBytesMax()) {
      return new ProposeResult.Busy("payload of " + payload.length + " bytes exceeds " + config.payloadBytesMax());
    }
    return leadership.proposeWrite(payload, now, floorMicros);
  }

  /** Proposes adding or removing exactly one replica; Busy while another change is uncommitted. */
  public ProposeResult proposeMembership(Membership next, TTInterval now) {
    Objects.requireNonNull(next, "next");
    ProposeResult refused = refuseProposal(now);
    return refused != null ? refused : leadership.proposeMembership(next, now);
  }

  private ProposeResult refuseProposal(TTInterval now) {
    if (role != ReplicaStatus.Role.LEADER) {
      return new ProposeResult.NotLeader(s.leaderHint());
    }
    if (fenced) {
      return new ProposeResult.Busy("clock fenced");
    }
    observe(now);
    return null;
  }

  /** A lease read at the leader: no Paxos round (see {@link ReadPermit.Granted}). */
  public ReadPermit leaderRead(TTInterval now) {
    if (role != ReplicaStatus.Role.LEADER) {
      return new ReadPermit.NotLeader(s.leaderHint());
    }
    if (fenced) {
      return new ReadPermit.NoLease("clock fenced");
    }
    observe(now);
    return leadership.read(now);
  }

  /**
   * Planned hand-over to {@code target}: stop proposing, wait until the target has the whole log
   * and {@code TT.after(s_max)}, release the lease, then send TimeoutNow. No-op unless leader.
   */
  public void transferLeadership(String target, TTInterval now) {
    if (role != ReplicaStatus.Role.LEADER || target.equals(config.self())) {
      return;
    }
    if (!s.committedMembership().contains(target)) {
      throw new IllegalArgumentException(target + " is not a member of " + s.committedMembership());
    }
    if (!fenced) {
      observe(now);
    }
    leadership.startTransfer(target);
    finishTransferIfReady();
  }

  /**
   * The host installed a state machine snapshot through {@code index} (asked for by a Ready; it
   * may be the leader's snapshot at a later index than asked). {@code ballot} is the ballot of the
   * entry at {@code index}; {@code timestampMicros} the largest {@link LogEntry#timestampMicros()}
   * among the entries applied through {@code index} (no-ops included: a leader's first no-op
   * carries a timestamp that later recovery relies on); {@code membership} the one in force after
   * {@code index}. Ignored when it is not beyond the applied index; the host must not roll its
   * state machine back.
   *
   * <p>A snapshot asked for as a follower may arrive once this replica leads: the host's state
   * machine holds it all the same, so it counts as applied here too (its slots are chosen, and a
   * leader's log holds the same values for them), or they would be handed out a second time.
   */
  public void snapshotInstalled(long index, Ballot ballot, long timestampMicros, Membership membership) {
    acceptor.snapshotInstalled(index, ballot, timestampMicros, membership);
  }

  /** The host holds a snapshot through {@code throughIndex} (at most the applied index): drop those entries. */
  public void compactLog(long throughIndex) {
    if (throughIndex > s.appliedIndex()) {
      throw new IllegalArgumentException("cannot compact through " + throughIndex + " beyond applied " + s.appliedIndex());
    }
    s.log.compact(throughIndex);
    s.outbox.dropEntriesThrough(throughIndex);
  }

  /** Drains the outputs accumulated since the last call; see {@link Ready} for the order. */
  public Ready ready() {
    if (role == ReplicaStatus.Role.LEADER) {
      leadership.flush();
    }
    return s.outbox.drain(s.hardState(), s.takeCommitted());
  }

  /** The ballot this replica leads with, or empty when it is not the leader. */
  public java.util.Optional<Ballot> leadingBallot() {
    return role == ReplicaStatus.Role.LEADER ? java.util.Optional.of(leadership.ballot) : java.util.Optional.empty();
  }

  /** t_paxos_safe: valid once the host applied everything {@link #ready()} returned. */
  public long safeTimeMicros() {
    return s.safeTime.micros();
  }

  public ReplicaStatus status(TTInterval now) {
    HardState hs = s.hardState();
    boolean leading = role == ReplicaStatus.Role.LEADER;
    Ballot ballot = switch (role) {
      case LEADER -> leadership.ballot;
      case CANDIDATE -> candidacy.ballot;
      case FOLLOWER -> hs.promised();
    };
    return new ReplicaStatus(config.groupId(), config.self(), role, ballot, leading ? config.self() : s.leaderHint(),
        leading ? leadership.leaseEndMicros() : 0, hs.leaseVoteLeader(), hs.leaseVoteExpiryMicros(),
        s.commitIndex(), s.appliedIndex(), s.log.lastIndex(), leading ? leadership.matchIndexes() : Map.of(),
        s.committedMembership(), s.safeTime.micros());
  }

  /** Cheap self-checks; throws {@link IllegalStateException} when one fails. */
  public void checkInvariants() {
    s.checkInvariants();
    boolean consistent = switch (role) {
      case LEADER -> leadership != null && candidacy == null && leadership.ballot.equals(s.promised());
      case CANDIDATE -> candidacy != null && leadership == null && candidacy.ballot.isAbove(s.promised());
      case FOLLOWER -> candidacy == null && leadership == null;
    };
    if (!consistent) {
      throw new IllegalStateException(role + " inconsistent with promised " + s.promised());
    }
    if (leadership != null) {
      leadership.checkInvariants();
    }
    if (s.safeTime.micros() < safeTimeChecked) {
      throw new IllegalStateException("safe time went down from " + safeTimeChecked + " to " + s.safeTime.micros());
    }
    safeTimeChecked = s.safeTime.micros();
  }

  // ---- roles ----

  private void observe(TTInterval now) {
    if (!fenced) {
      s.observeClock(Objects.requireNonNull(now, "now"));
    }
  }

  private void resetElectionTimer() {
    electionElapsedTicks = 0;
    electionTimeoutTicks = config.electionTicksMin()
        + random.nextInt(config.electionTicksMax() - config.electionTicksMin() + 1);
  }

  /**
   * Campaigns unless that would break a promise: no clock, not a member, or a live lease vote for
   * another leader (then the timer starts over: the voted-for leader may still be alive).
   */
  private void campaignIfAllowed() {
    if (s.fenced() || !s.knownMembers().contains(config.self()) || s.voteBlocks(config.self())) {
      resetElectionTimer();
      return;
    }
    Ballot ballot = s.maxBallotSeen().next(config.self());
    s.seeBallot(ballot);
    role = ReplicaStatus.Role.CANDIDATE;
    leadership = null;
    candidacy = new Candidacy(s, ballot);
    s.leaderHint("");
    resetElectionTimer();
    becomeLeaderIfWon();
  }

  private void onPromise(Message.Promise p) {
    if (role == ReplicaStatus.Role.CANDIDATE) {
      candidacy.onPromise(p);
      becomeLeaderIfWon();
    } else if (role == ReplicaStatus.Role.LEADER && p.ballot().equals(leadership.ballot) && p.leaseVoteGranted()) {
      leadership.lease.recordVote(p.from(), p.leaseRequestMicros());
    }
  }

  private void onReject(Message.Reject r) {
    s.seeBallot(r.promised());
    Ballot own = switch (role) {
      case LEADER -> leadership.ballot;
      case CANDIDATE -> candidacy.ballot;
      case FOLLOWER -> null;
    };
    if (own != null && r.ballot().equals(own) && r.promised().isAbove(own)) {
      becomeFollower();
      s.leaderHint(r.leaderHint());
    }
  }

  /**
   * Phase 1 is won: write the recovered log (slots known chosen keep their values and ballots, the
   * rest are re-proposed in this ballot, gaps and values that cannot have been chosen become
   * Noops), and lead. The first own entry, the barrier, follows once the lease is held.
   */
  private void becomeLeaderIfWon() {
    if (candidacy == null || !candidacy.won()) {
      return;
    }
    Candidacy c = candidacy;
    c.promiseSelf();
    long chosen = Math.max(s.commitIndex(), c.knownChosenIndex());
    Set<Long> dead = c.deadSlots();
    s.timestamps.observe(c.maxRecoveredLevelMicros());
    // Slots at or below the commit index already hold their chosen values (or are compacted: a
    // snapshot may have been installed during the campaign).
    for (long i = Math.max(c.fromIndex, s.commitIndex() + 1); i <= c.lastMergedIndex(); i++) {
      LogEntry found = c.recovered(i);
      LogEntry entry;
      if (i <= chosen) {
        entry = Objects.requireNonNull(found, "chosen slot missing from promises");
      } else if (found == null || dead.contains(i)) {
        // A gap, or a value that cannot have been chosen: a no-op with no timestamp claim.
        entry = new LogEntry(i, c.ballot, 0, new Command.Noop());
      } else {
        entry = new LogEntry(i, c.ballot, found.timestampMicros(), found.command());
      }
      if (!s.log.contains(i) || !s.log.get(i).equals(entry)) {
        s.log.put(entry);
        s.outbox.persist(entry);
      }
    }
    s.commitThrough(chosen);
    role = ReplicaStatus.Role.LEADER;
    candidacy = null;
    leadership = new Leadership(s, c.ballot, c.lease);
    acceptor.lead(c.ballot);
    s.leaderHint(config.self());
    leadership.advanceCommit();
  }

  private void becomeFollower() {
    role = ReplicaStatus.Role.FOLLOWER;
    candidacy = null;
    leadership = null;
    resetElectionTimer();
  }

  /** A higher ballot was promised (to someone else): this replica's candidacy or leadership is over. */
  private void stepDownIfOutranked() {
    Ballot own = switch (role) {
      case LEADER -> leadership.ballot;
      case CANDIDATE -> candidacy.ballot;
      case FOLLOWER -> null;
    };
    if (own != null && s.promised().isAbove(own)) {
      becomeFollower();
    }
  }

  private void finishTransferIfReady() {
    if (role == ReplicaStatus.Role.LEADER && leadership.transferReady()) {
      String target = leadership.transferTarget();
      leadership.completeTransfer();
      becomeFollower();
      s.leaderHint(target);
    }
  }
}

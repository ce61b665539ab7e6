package meridian.paxos;

import java.util.List;

/**
 * The acceptor and learner side of a replica: answers phase 1 and phase 2, grants lease votes,
 * learns what is chosen from the leader's commit index, and catches up (entries or a snapshot).
 * Every role runs it: a leader or candidate is also an acceptor for higher ballots.
 *
 * <p>Log matching: each slot is its own Paxos instance, but learning is by prefix. This replica
 * counts its log as matching the leader of {@link #leaderBallot} through {@link #leaderMatchIndex}
 * only for slots it received from that leader in that ballot (or knows chosen), so the leader's
 * commit index can be applied up to there and no further.
 */
final class Acceptor {
  private final ReplicaState s;
  // The ballot whose leader's log this replica matches against; null before the first Accept.
  private Ballot leaderBallot;
  // Invariant: slots <= leaderMatchIndex hold the values of leaderBallot's leader's log (or are
  // chosen); commitIndex <= leaderMatchIndex or commitIndex came from elsewhere (a snapshot).
  private long leaderMatchIndex;
  private long snapshotRequestedIndex;
  private int snapshotRequestAgeTicks;

  Acceptor(ReplicaState state) {
    this.s = state;
  }

  void tick() {
    snapshotRequestAgeTicks++;
  }

  /** Phase 1b. Returns whether it promised (the caller's own candidacy or leadership may be over). */
  boolean onPrepare(Message.Prepare p) {
    Ballot promised = s.promised();
    s.seeBallot(p.ballot());
    if (!p.ballot().replica().equals(p.from())) {
      return false;
    }
    boolean renewal = p.ballot().equals(promised);
    if (p.ballot().compareTo(promised) < 0
        || (!renewal && s.voteBlocks(p.from()))
        || p.fromIndex() <= s.log.snapshotIndex()) {
      s.outbox.send(reject(p, promised));
      return false;
    }
    s.promise(p.ballot());
    boolean vote = p.leaseRequestMicros() > 0 && s.grantVote(p.from());
    List<LogEntry> accepted =
        s.log.slice(p.fromIndex(), s.log.lastIndex(), s.config.batchEntriesMax(), s.config.batchBytesMax());
    s.outbox.send(new Message.Promise(s.config.groupId(), s.config.self(), p.from(), p.ballot(), accepted,
        s.log.lastIndex(), s.commitIndex(), vote, vote ? p.leaseRequestMicros() : 0));
    return true;
  }

  /**
   * Phase 2b, learning and lease voting. Returns whether this came from a leader that asks for a
   * lease (a live leader: the election timer restarts).
   */
  boolean onAccept(Message.Accept a) {
    Ballot promised = s.promised();
    s.seeBallot(a.ballot());
    if (!a.ballot().replica().equals(a.from())) {
      return false;
    }
    if (a.ballot().compareTo(promised) < 0) {
      s.outbox.send(reject(a, promised));
      return false;
    }
    s.promise(a.ballot());
    followLeader(a.ballot());
    boolean ok = acceptEntries(a);
    s.commitThrough(Math.min(a.commitIndex(), leaderMatchIndex));
    s.safeTime.offer(a.commitIndex(), a.minNextTimestampMicros(), s.appliedIndex());
    boolean vote = a.leaseRequestMicros() > 0 && s.grantVote(a.from());
    s.outbox.send(new Message.Accepted(s.config.groupId(), s.config.self(), a.from(), a.ballot(), ok,
        leaderMatchIndex, vote ? a.leaseRequestMicros() : 0));
    return a.leaseRequestMicros() > 0;
  }

  private void followLeader(Ballot ballot) {
    if (!ballot.equals(leaderBallot)) {
      leaderBallot = ballot;
      leaderMatchIndex = s.commitIndex();
    }
    s.leaderHint(ballot.replica());
  }

  /**
   * Accepts a contiguous batch that starts at most one past the matched prefix. Every entry is
   * stored as accepted in the leader's ballot: for slots the leader proposed in its ballot that is
   * what they carry; for slots it knows chosen, accepting the chosen value in a higher ballot is a
   * legal acceptance and keeps the slot's accepted ballot from ever going down.
   */
  private boolean acceptEntries(Message.Accept a) {
    List<LogEntry> entries = a.entries();
    if (entries.isEmpty()) {
      return true;
    }
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).index() != entries.get(i - 1).index() + 1) {
        throw new IllegalArgumentException("Accept batch not contiguous at " + entries.get(i).index());
      }
    }
    if (entries.get(0).index() > leaderMatchIndex + 1) {
      return false;
    }
    for (LogEntry e : entries) {
      if (e.index() > s.commitIndex()) {
        store(e.ballot().equals(a.ballot()) ? e : new LogEntry(e.index(), a.ballot(), e.timestampMicros(), e.command()));
      }
      leaderMatchIndex = Math.max(leaderMatchIndex, e.index());
    }
    return true;
  }

  private void store(LogEntry e) {
    // A slot's value in one ballot is unique: an entry with the same slot and ballot is a duplicate.
    if (s.log.contains(e.index()) && s.log.get(e.index()).ballot().equals(e.ballot())) {
      return;
    }
    s.log.put(e);
    s.outbox.persist(e);
  }

  void onSnapshotNeeded(Message.SnapshotNeeded m) {
    s.seeBallot(m.ballot());
    if (m.ballot().compareTo(s.promised()) < 0 || m.snapshotIndex() <= s.log.snapshotIndex()) {
      return;
    }
    s.promise(m.ballot());
    followLeader(m.ballot());
    if (m.snapshotIndex() <= s.appliedIndex()) {
      // Already past it (the leader's view of this log is stale): say how far the log matches.
      s.outbox.send(new Message.Accepted(s.config.groupId(), s.config.self(), m.from(), m.ballot(), false,
          leaderMatchIndex, 0));
      return;
    }
    if (m.snapshotIndex() > snapshotRequestedIndex || snapshotRequestAgeTicks >= s.config.electionTicksMax()) {
      s.outbox.requestSnapshot(new Ready.SnapshotRequest(m.from(), m.snapshotIndex()));
      snapshotRequestedIndex = m.snapshotIndex();
      snapshotRequestAgeTicks = 0;
    }
  }

  /** The host installed a state machine snapshot through {@code index}; tell the leader. */
  void snapshotInstalled(long index, Ballot ballot, long timestampMicros, Membership membership) {
    if (index <= s.appliedIndex()) {
      return;
    }
    s.log.installSnapshot(index, ballot, timestampMicros, membership);
    s.outbox.dropEntriesThrough(index);
    s.snapshotThrough(index, timestampMicros);
    snapshotRequestedIndex = 0;
    if (leaderBallot != null) {
      leaderMatchIndex = Math.max(leaderMatchIndex, index);
      if (!leaderBallot.replica().equals(s.config.self())) {
        s.outbox.send(new Message.Accepted(s.config.groupId(), s.config.self(), leaderBallot.replica(), leaderBallot,
            true, leaderMatchIndex, 0));
      }
    }
  }

  /** The sender released its lease (and, for TimeoutNow, asks this replica to campaign). */
  boolean onRelease(String from, Ballot ballot) {
    s.seeBallot(ballot);
    if (!ballot.replica().equals(from) || ballot.compareTo(s.promised()) < 0) {
      return false;
    }
    s.dropVote(from, ballot);
    if (s.leaderHint().equals(from)) {
      s.leaderHint("");
    }
    return true;
  }

  private Message.Reject reject(Message refused, Ballot promised) {
    return new Message.Reject(s.config.groupId(), s.config.self(), refused.from(), refused.ballot(), promised,
        s.leaderHint());
  }

  long leaderMatchIndex() {
    return leaderMatchIndex;
  }

  /** This replica now leads in {@code ballot}: its own log is the leader's. */
  void lead(Ballot ballot) {
    leaderBallot = ballot;
    leaderMatchIndex = s.log.lastIndex();
  }
}

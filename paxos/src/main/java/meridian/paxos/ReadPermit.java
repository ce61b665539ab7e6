package meridian.paxos;

/** The outcome of {@link Replica#leaderRead}. */
public sealed interface ReadPermit {

  /**
   * The leader holds its lease: wait until the state machine has applied {@code readIndex}, then
   * read it at {@code readTimestampMicros}. No Paxos round is needed; later writes of any leader
   * take larger timestamps.
   */
  record Granted(long readIndex, long readTimestampMicros) implements ReadPermit {}

  /** This replica is not the leader; {@code leaderHint} is the leader it knows of, "" if none. */
  record NotLeader(String leaderHint) implements ReadPermit {}

  /**
   * This replica is the leader but cannot serve a lease read now (lease not yet granted or expired,
   * nothing committed in its ballot yet, clock fenced, transfer in progress).
   */
  record NoLease(String reason) implements ReadPermit {}
}

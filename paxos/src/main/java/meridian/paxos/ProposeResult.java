package meridian.paxos;

/** The outcome of {@link Replica#propose} or {@link Replica#proposeMembership}. */
public sealed interface ProposeResult {

  /**
   * The command is in the leader's log at {@code index} and on its way to the acceptors. It is
   * not chosen yet: the host learns that when the entry comes back in {@link Ready#committed()}.
   * For a write, {@code timestampMicros} is its commit timestamp (commit wait: do not acknowledge
   * before {@code TT.after(timestampMicros)}).
   */
  record Proposed(long index, long timestampMicros) implements ProposeResult {}

  /** This replica is not the leader; {@code leaderHint} is the leader it knows of, "" if none. */
  record NotLeader(String leaderHint) implements ProposeResult {}

  /**
   * The leader cannot take the proposal now (window full, no lease yet, clock fenced, transfer or
   * membership change in progress, payload too large); retry later or elsewhere.
   */
  record Busy(String reason) implements ProposeResult {}
}

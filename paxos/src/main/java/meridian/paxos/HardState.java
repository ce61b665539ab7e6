package meridian.paxos;

/**
 * The acceptor state that must be on disk before any message that depends on it is sent.
 *
 * @param promised the highest ballot this replica promised (phase 1) or accepted in
 * @param leaseVoteLeader the leader this replica's current lease vote is for ("" when none)
 * @param leaseVoteExpiryMicros until when (on this replica's TrueTime: it votes for no other leader
 *     until {@code TT.after(leaseVoteExpiryMicros)}) the vote holds
 * @param commitIndex the highest slot known chosen (may be persisted lazily: it can be relearned)
 */
public record HardState(Ballot promised, String leaseVoteLeader, long leaseVoteExpiryMicros, long commitIndex) {
  public static final HardState INITIAL = new HardState(Ballot.ZERO, "", 0, 0);
}

package meridian.paxos;

import java.util.List;

/**
 * Everything replicas of one group say to each other. Every message names its group, sender,
 * receiver and the sender's ballot. Leases travel with phase 1 and phase 2: a {@link Prepare} or an
 * {@link Accept} asks for a lease vote, and a {@link Promise} or {@link Accepted} grants one.
 *
 * <p>{@code leaseRequestMicros} is {@code TT.now().earliest} at the leader when it sent the request;
 * a vote for it lets the leader count its lease from that instant (see {@link Replica}). In a
 * request, 0 means "no lease vote requested" (the sender's clock is fenced); in a reply ({@link
 * Promise}, {@link Accepted}) it echoes the request that was granted, and 0 means "no vote granted".
 *
 * <p>Persist before send: a {@link Promise} or {@link Accepted} (and any lease vote it carries)
 * describes acceptor state that the same {@link Ready} asks the host to persist; the host sends it
 * only after that write is durable.
 */
public sealed interface Message {
  long groupId();

  String from();

  String to();

  Ballot ballot();

  /** Phase 1a: a candidate asks for promises for every slot from {@code fromIndex} on. */
  record Prepare(long groupId, String from, String to, Ballot ballot, long fromIndex, long leaseRequestMicros)
      implements Message {}

  /**
   * Phase 1b: the acceptor will not accept below {@code ballot}; here are the values it accepted at
   * or after {@code fromIndex}, and (when {@code leaseVoteGranted}) its lease vote.
   */
  record Promise(
      long groupId,
      String from,
      String to,
      Ballot ballot,
      List<LogEntry> accepted,
      long lastIndex,
      long commitIndex,
      boolean leaseVoteGranted,
      long leaseRequestMicros)
      implements Message {}

  /**
   * Refusal of a {@link Prepare} or {@link Accept} in {@code ballot} (the refused one): the receiver
   * promised {@code promised} (higher), or holds an unexpired lease vote for another leader, or has
   * compacted the slots the candidate asks about (then {@code promised} may be below {@code
   * ballot}); {@code leaderHint} names the leader it knows, if any ("" when none).
   */
  record Reject(long groupId, String from, String to, Ballot ballot, Ballot promised, String leaderHint)
      implements Message {}

  /**
   * Phase 2a, pipelined and batched: accept these entries. Also carries what is chosen ({@code
   * commitIndex}, which learners apply), the leader's MinNextTS promise (no future write below it),
   * and a lease request. An empty {@code entries} is a heartbeat.
   */
  record Accept(
      long groupId,
      String from,
      String to,
      Ballot ballot,
      List<LogEntry> entries,
      long commitIndex,
      long minNextTimestampMicros,
      long leaseRequestMicros)
      implements Message {}

  /**
   * Phase 2b: the acceptor durably accepted every entry up to {@code matchIndex} in this ballot, and
   * votes for the lease requested at {@code leaseRequestMicros}. {@code ok == false} means it is
   * missing entries before the batch ({@code matchIndex} says how far its log goes) or, past log
   * truncation, needs a snapshot.
   */
  record Accepted(
      long groupId,
      String from,
      String to,
      Ballot ballot,
      boolean ok,
      long matchIndex,
      long leaseRequestMicros)
      implements Message {}

  /**
   * The leader's log no longer holds what the receiver needs: the receiver must install a snapshot
   * of the state machine at {@code snapshotIndex} (the transfer itself is the host's job) and then
   * report back with {@link Accepted}.
   */
  record SnapshotNeeded(long groupId, String from, String to, Ballot ballot, long snapshotIndex)
      implements Message {}

  /**
   * Planned leader transfer: the old leader has stepped down and released its lease; campaign now.
   * It also releases the receiver's lease vote for the sender, like {@link LeaseReleased}.
   */
  record TimeoutNow(long groupId, String from, String to, Ballot ballot) implements Message {}

  /**
   * The leader of {@code ballot} has released its lease for good (planned transfer, or it was
   * removed from the group) and will not use it again: the receiver may drop its lease vote for
   * {@code from} at once instead of waiting for it to expire. Only the leader itself sends this.
   */
  record LeaseReleased(long groupId, String from, String to, Ballot ballot) implements Message {}
}

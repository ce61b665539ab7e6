package meridian.paxos;

import java.util.Map;

/**
 * A snapshot of a replica's state for operators, tests and the simulator's checkers.
 *
 * @param leader the leader this replica believes in ("" when none); itself when leader
 * @param leaseEndMicros the leader's lease end (true time before which no other leader can hold a
 *     lease); 0 when not leader or no lease
 * @param leaseVoteLeader whom this replica's lease vote is for ("" when none)
 * @param leaseVoteExpiryMicros until when that vote holds, on this replica's TrueTime
 * @param appliedIndex the highest index handed out in {@link Ready#committed()} (or restored)
 * @param matchIndex per replica, how far its log is known to match the leader's (leader only;
 *     empty otherwise)
 */
public record ReplicaStatus(
    long groupId,
    String self,
    Role role,
    Ballot ballot,
    String leader,
    long leaseEndMicros,
    String leaseVoteLeader,
    long leaseVoteExpiryMicros,
    long commitIndex,
    long appliedIndex,
    long lastIndex,
    Map<String, Long> matchIndex,
    Membership membership,
    long safeTimeMicros) {

  public ReplicaStatus {
    matchIndex = Map.copyOf(matchIndex);
  }

  /** What a replica is doing in its group. */
  public enum Role {
    LEADER,
    FOLLOWER,
    CANDIDATE
  }
}

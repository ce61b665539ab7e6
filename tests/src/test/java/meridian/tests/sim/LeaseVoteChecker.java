package meridian.tests.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The voters' side of leases (DESIGN.md, Replication): a replica that voted for a leader does not
 * vote for another until that vote has expired on its own TrueTime ({@code earliest > expiry}),
 * unless the leader released it (a {@code LeaseReleased} or {@code TimeoutNow} from it, or its own
 * hand-over when the voter is that leader); and a vote for the same leader is never shortened
 * without a release. Checked on the vote each replica reports after every event on it, so a
 * broken voting rule shows even when no leader happens to use the overlapping lease.
 */
final class LeaseVoteChecker {
  private record Vote(String leader, long expiryMicros) {}

  private final Map<String, Vote> votes = new HashMap<>();

  /** {@code replica} (re)started with this durable vote: the new baseline. */
  void restarted(String replica, String leader, long expiryMicros) {
    votes.put(replica, new Vote(leader, expiryMicros));
  }

  /**
   * After an event on {@code replica} whose clock read {@code earliestMicros}: its vote is now for
   * {@code leader} until {@code expiryMicros}; {@code releasedBy} is the sender of a release it
   * received in this event ("" when none).
   */
  void observe(String replica, String leader, long expiryMicros, long earliestMicros, String releasedBy) {
    Vote old = votes.put(replica, new Vote(leader, expiryMicros));
    if (old == null || old.leader().isEmpty()) {
      return;
    }
    boolean released = releasedBy.equals(old.leader()) || old.leader().equals(replica);
    if (!leader.equals(old.leader())) {
      if (!released && (leader.isEmpty() || earliestMicros <= old.expiryMicros())) {
        throw new InvariantViolation(replica + " moved its lease vote from " + old.leader() + " (expiring "
            + old.expiryMicros() + ") to '" + leader + "' at TT.earliest " + earliestMicros
            + " without the vote expiring or being released");
      }
    } else if (expiryMicros < old.expiryMicros() && !released) {
      throw new InvariantViolation(replica + " shortened its lease vote for " + leader + " from "
          + old.expiryMicros() + " to " + expiryMicros);
    }
  }
}

package meridian.tests.sim;

import java.util.Map;
import java.util.TreeMap;
import meridian.paxos.Ballot;

/**
 * Invariant 5, lease disjointness, on true time. A replica that reports itself leader at true time
 * {@code T} with {@code leaseEndMicros = L >= T} claims the lease for {@code [T, L]}: its TrueTime
 * contains true time, so it may use the lease at any true instant up to {@code L}. The claim ends
 * early when the replica is next seen without the lease (it stepped down, or crashed) at {@code T'}:
 * it is then {@code [T, min(L, T')]}. A claim by one leader may never cover an instant that a claim
 * of a leader of another ballot covers.
 *
 * <p>Checking only at observations is complete: claims are made at observation times, in true-time
 * order, and a claim covering {@code [T, L]} that overlaps another replica's live claim (one whose
 * end is {@code >= T}) overlaps it at {@code T}, since that claim started at or before {@code T}.
 * Claims of one replica under two ballots (it lost and regained leadership) never conflict.
 *
 * <p>A lease read granted at {@code T} must be covered by the claim the replica reports right after.
 */
final class LeaseChecker {
  /** A live claim: {@code replica} under {@code ballot} holds the lease from {@code startMicros}. */
  private record Claim(Ballot ballot, long startMicros, long endMicros) {}

  private final Map<String, Claim> live = new TreeMap<>();
  private long claimsMade;

  /**
   * What {@code replica} reported at true time {@code nowMicros}: whether it is leader in {@code
   * ballot} and its lease end (ignored when not leader).
   */
  void observe(String replica, boolean leader, Ballot ballot, long leaseEndMicros, long nowMicros) {
    Claim mine = live.get(replica);
    if (mine != null && mine.endMicros() < nowMicros) {
      live.remove(replica); // expired on its own: it covered nothing from now on
      mine = null;
    }
    if (!leader || leaseEndMicros < nowMicros) {
      if (mine != null) {
        live.put(replica, new Claim(mine.ballot(), mine.startMicros(), nowMicros)); // it ends now: [T, min(L, now)]
      }
      return;
    }
    Claim claim;
    if (mine != null && mine.ballot().equals(ballot) && mine.endMicros() >= nowMicros) {
      if (leaseEndMicros <= mine.endMicros()) {
        // The latest report rules (a leader may shorten its lease, e.g. to hand it over); the
        // instants up to now were checked when they were claimed.
        live.put(replica, new Claim(ballot, mine.startMicros(), leaseEndMicros));
        return;
      }
      claim = new Claim(ballot, mine.startMicros(), leaseEndMicros);
    } else {
      claim = new Claim(ballot, nowMicros, leaseEndMicros);
      claimsMade++;
    }
    for (Map.Entry<String, Claim> other : live.entrySet()) {
      Claim c = other.getValue();
      if (!other.getKey().equals(replica) && c.endMicros() >= nowMicros && !c.ballot().equals(ballot)) {
        throw new InvariantViolation("leases overlap at true time " + nowMicros + ": " + replica + " (ballot "
            + Describe.ballot(ballot) + ") claims until " + leaseEndMicros + " while " + other.getKey() + " (ballot "
            + Describe.ballot(c.ballot()) + ") claims " + c.startMicros() + ".." + c.endMicros());
      }
    }
    live.put(replica, claim);
  }

  /** {@code replica} crashed at {@code nowMicros}: its claim ends. */
  void down(String replica, long nowMicros) {
    Claim c = live.get(replica);
    if (c != null) {
      live.put(replica, new Claim(c.ballot(), c.startMicros(), Math.min(c.endMicros(), nowMicros)));
    }
  }

  /**
   * {@code replica} used its lease at {@code nowMicros} (granted a lease read, or took a proposal,
   * which needs the lease for its timestamp); call after {@link #observe} for it.
   */
  void usedLease(String replica, Ballot ballot, long nowMicros) {
    Claim c = live.get(replica);
    if (c == null || !c.ballot().equals(ballot) || c.endMicros() < nowMicros || c.startMicros() > nowMicros) {
      throw new InvariantViolation(replica + " used its lease at true time " + nowMicros + " in ballot "
          + Describe.ballot(ballot) + " without reporting a lease covering it (claim: " + c + ")");
    }
  }

  long claimsMade() {
    return claimsMade;
  }
}

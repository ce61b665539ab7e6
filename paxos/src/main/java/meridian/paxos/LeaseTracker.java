package meridian.paxos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A leader's (or candidate's) view of its lease: which lease requests each voter granted.
 *
 * <p>A vote for a request sent at {@code r = TT.now().earliest} (at the leader) lets the leader
 * count its lease until {@code r + leaseDurationMicros}: the voter recorded an expiry of at least
 * its own {@code TT.now().latest} at receipt plus the duration, which is later in true time. The
 * lease ends at the majority-th largest such end, for every membership in force (so the voters
 * behind it form a quorum of each).
 */
final class LeaseTracker {
  private final long leaseDurationMicros;
  // Invariant: per voter, the latest lease request (leader's TrueTime earliest) it granted in this
  // ballot; only grows.
  private final Map<String, Long> grantedRequestMicros = new HashMap<>();
  // Invariant: once released, the lease is never used again in this ballot.
  private boolean released;

  LeaseTracker(long leaseDurationMicros) {
    this.leaseDurationMicros = leaseDurationMicros;
  }

  void recordVote(String voter, long requestMicros) {
    if (requestMicros > 0) {
      grantedRequestMicros.merge(voter, requestMicros, Math::max);
    }
  }

  /** The lease end over all these memberships (their minimum); 0 when released or no quorum voted. */
  long leaseEndMicros(List<Membership> memberships) {
    if (released) {
      return 0;
    }
    long end = Long.MAX_VALUE;
    for (Membership m : memberships) {
      end = Math.min(end, leaseEndMicros(m));
    }
    return end;
  }

  private long leaseEndMicros(Membership membership) {
    long[] ends = membership.replicas().stream()
        .mapToLong(r -> grantedRequestMicros.getOrDefault(r, 0L))
        .filter(r -> r > 0)
        .map(r -> r + leaseDurationMicros)
        .sorted()
        .toArray();
    int quorum = membership.quorum();
    return ends.length < quorum ? 0 : ends[ends.length - quorum];
  }

  /** The leader gives the lease up for good (planned transfer, removal). */
  void release() {
    released = true;
  }

  boolean released() {
    return released;
  }

  Map<String, Long> grantedRequestMicros() {
    return Map.copyOf(grantedRequestMicros);
  }
}

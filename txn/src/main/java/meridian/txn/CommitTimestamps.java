package meridian.txn;

/** The timestamp rules of two-phase commit (see the package docs). */
public final class CommitTimestamps {
  private CommitTimestamps() {}

  /**
   * The floor the coordinator hands to Paxos for a Commit entry: at least every prepare timestamp,
   * and above {@code now.latest} as read when the commit request arrived. Paxos adds the rest: above
   * everything the leader assigned, at least {@code now.latest} at proposal, inside the lease.
   */
  public static long commitFloorMicros(long maxPrepareMicros, long arrivalLatestMicros) {
    return Math.max(maxPrepareMicros, arrivalLatestMicros + 1);
  }

  /**
   * {@code t_safe} of a replica: it may serve a snapshot read at {@code t} once {@code t <=} this.
   */
  public static long safeMicros(long paxosSafeMicros, long tmSafeMicros) {
    return Math.min(paxosSafeMicros, tmSafeMicros);
  }
}

package meridian.txn;

/**
 * What a driver saw granted at one group before this request: {@code count} lock requests, all
 * answered by the leadership {@code leadershipId} (see {@link TxnEffect.Granted}). A count alone is
 * not enough: a resent lock request can reach the next leader and be granted there too, so that
 * leader holds as many grants as the driver saw, though the lock the driver's read relied on died
 * with the old leadership and the key may have been written since.
 *
 * @param leadershipId the leadership that granted them; ignored when {@code count} is 0
 * @param count how many lock requests of the transaction were granted at this group
 */
public record PriorGrants(long leadershipId, int count) {
  /** First contact with the group. */
  public static final PriorGrants NONE = new PriorGrants(0, 0);

  public PriorGrants {
    if (count < 0) {
      throw new IllegalArgumentException("negative grant count " + count);
    }
  }

  /** One more grant, by {@code leadershipId}, which must be the one that granted the others. */
  public PriorGrants plusOne(long byLeadershipId) {
    if (count > 0 && byLeadershipId != leadershipId) {
      throw new IllegalArgumentException("grants of two leaderships: " + leadershipId + " and " + byLeadershipId);
    }
    return new PriorGrants(byLeadershipId, count + 1);
  }
}

package meridian.server.replication;

/** A replicated operation could not be done here; {@link #leaderHint()} may name where to go. */
public final class ReplicationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** This replica is not the leader; try {@link #leaderHint()} ("" when unknown). */
    NOT_LEADER,
    /** The leader cannot take it now (no lease yet, window full, transfer, fenced clock): retry. */
    BUSY,
    /** A different value was chosen for the slot: the write definitely did not happen. */
    NOT_CHOSEN,
    /** This node does not host the group. */
    NO_REPLICA,
    /** The group no longer holds the key (a split moved it): refresh the range map and retry. */
    WRONG_RANGE
  }

  private final Kind kind;
  private final String leaderHint;

  public ReplicationException(Kind kind, String message, String leaderHint) {
    super(message);
    this.kind = kind;
    this.leaderHint = leaderHint;
  }

  public Kind kind() {
    return kind;
  }

  public String leaderHint() {
    return leaderHint;
  }
}

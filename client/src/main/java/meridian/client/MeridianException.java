package meridian.client;

/**
 * A call to Meridian failed. The message is one line, fit to print to a user, and names the node.
 * {@link #kind()} tells callers what they can do about it.
 */
public final class MeridianException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as the client can tell. */
  public enum Kind {
    /** The node could not be reached or went away. */
    UNAVAILABLE,
    /** The call did not finish within its deadline; its outcome is unknown. */
    DEADLINE_EXCEEDED,
    /** The request was malformed or out of range. */
    INVALID_ARGUMENT,
    /** The node refused: not allowed in its configuration. */
    PERMISSION_DENIED,
    /** The node cannot serve right now (for example its TrueTime is fenced). */
    FAILED_PRECONDITION,
    /** The transaction was aborted (a conflict, a lost lock, a leader change): retry it whole. */
    ABORTED,
    /**
     * A commit was sent but its outcome could not be learned: the transaction may or may not have
     * committed. Retrying blindly could apply it twice.
     */
    OUTCOME_UNKNOWN,
    /** Anything else. */
    INTERNAL
  }

  private final Kind kind;

  public MeridianException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}

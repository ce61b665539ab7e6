package meridian.server.replication;

/**
 * A commit was requested but its outcome could not be learned (the coordinator group was
 * unreachable or leaderless for the whole bound). The transaction may or may not have committed;
 * retrying it blindly could apply it twice.
 */
public final class CommitOutcomeUnknownException extends RuntimeException {
  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super("commit outcome unknown: " + message, cause);
  }
}

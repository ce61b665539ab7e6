package meridian.server.node;

/** A node could not start for a reason the operator can fix; the message is one line. */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}

package meridian.server.cli;

/** A failure the user can fix; the launcher prints its message as one line and exits non-zero. */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }
}

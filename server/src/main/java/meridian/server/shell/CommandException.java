package meridian.server.shell;

/** A backslash command that cannot run as written: unknown, or with a wrong argument. */
final class CommandException extends Exception {
  private static final long serialVersionUID = 1L;

  CommandException(String message) {
    super(message);
  }
}

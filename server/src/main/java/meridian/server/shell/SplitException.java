package meridian.server.shell;

/** Input that cannot be cut into statements: an unterminated quote or comment, or a statement too long. */
public final class SplitException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int line;

  public SplitException(String message, int line) {
    super(message);
    this.line = line;
  }

  /** The 1-based line where the offending statement, quote or comment starts. */
  public int line() {
    return line;
  }
}

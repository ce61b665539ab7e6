package meridian.checker;

/** The history cannot be read: the message names the line and what is wrong with it. */
public final class MalformedHistoryException extends Exception {

  // Invariant: line >= 1, or 0 when the problem is not tied to one line.
  private final int line;

  public MalformedHistoryException(int line, String problem) {
    super(line > 0 ? "line " + line + ": " + problem : problem);
    this.line = line;
  }

  public int line() {
    return line;
  }
}

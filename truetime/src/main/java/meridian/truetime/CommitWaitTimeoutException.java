package meridian.truetime;

/**
 * Thrown by {@link TrueTime#waitUntilAfter} when its bound passes before {@code after(t)} holds.
 * Unchecked: it is the commit-wait analogue of a deadline, and the caller aborts or retries.
 */
public final class CommitWaitTimeoutException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long targetMicros;
  private final long timeoutMicros;

  public CommitWaitTimeoutException(long targetMicros, long timeoutMicros, long earliestMicros) {
    super("commit wait for " + targetMicros + " us timed out after " + timeoutMicros
        + " us; earliest was still " + earliestMicros + " us");
    this.targetMicros = targetMicros;
    this.timeoutMicros = timeoutMicros;
  }

  public long targetMicros() {
    return targetMicros;
  }

  public long timeoutMicros() {
    return timeoutMicros;
  }
}

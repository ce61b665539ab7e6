package meridian.txn;

/** A coordinator's decision about a transaction, once its Commit or Abort is applied. */
public record Decision(boolean committed, long commitMicros) {
  public static final Decision ABORTED = new Decision(false, 0);

  public static Decision committedAt(long commitMicros) {
    return new Decision(true, commitMicros);
  }
}

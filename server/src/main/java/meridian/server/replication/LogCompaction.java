package meridian.server.replication;

/**
 * When a group's host truncates its log: once {@code everyEntries} applied entries lie above the
 * last snapshot point, it compacts through the applied index minus {@code keepEntries}, so that a
 * briefly lagging follower still catches up from the log rather than a snapshot.
 */
public record LogCompaction(long everyEntries, long keepEntries) {
  public static final long EVERY_ENTRIES_DEFAULT = 10_000;
  public static final long KEEP_ENTRIES_DEFAULT = 1_000;

  public LogCompaction {
    if (everyEntries < 1) {
      throw new IllegalArgumentException("--compact-every-entries must be positive, not " + everyEntries);
    }
    if (keepEntries < 0) {
      throw new IllegalArgumentException("--compact-keep-entries must not be negative, not " + keepEntries);
    }
  }

  public static LogCompaction defaults() {
    return new LogCompaction(EVERY_ENTRIES_DEFAULT, KEEP_ENTRIES_DEFAULT);
  }

  /** The index to compact through now, or 0 when it is not yet time. */
  long throughIndex(long snapshotIndex, long appliedIndex) {
    if (appliedIndex - snapshotIndex < everyEntries + keepEntries) {
      return 0;
    }
    return appliedIndex - keepEntries;
  }
}

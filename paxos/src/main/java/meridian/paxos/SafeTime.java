package meridian.paxos;

/**
 * {@code t_paxos_safe} at one replica: every write with a timestamp at or below it has been handed
 * to the state machine (in {@link Ready#committed()}), so a read at or below it sees a complete
 * prefix once the host applied what {@link Replica#ready()} returned.
 *
 * <p>Two sources: the timestamp of the highest applied write, and a leader's MinNextTS promise
 * {@code (commitIndex c, minNext m)}: every write below {@code m} sits at or before {@code c} and no
 * later write is below {@code m}; so once {@code c} is applied, {@code m - 1} is safe.
 */
final class SafeTime {
  // Invariant: never decreases; every chosen write at or below it has been handed out.
  private long safeTimeMicros;
  // A promise waiting for the applied index to reach its commit index; 0/0 when none.
  private long pendingCommitIndex;
  private long pendingMinNextMicros;

  SafeTime(long restoredMicros) {
    safeTimeMicros = restoredMicros;
  }

  long micros() {
    return safeTimeMicros;
  }

  /**
   * A chosen entry was handed out. Its level (a write's timestamp, or a barrier's) is safe: no
   * chosen write after it in the log is at or below it (see {@link Recovery}).
   */
  void applied(LogEntry entry) {
    raise(entry.timestampMicros());
  }

  void snapshotInstalled(long timestampMicros) {
    raise(timestampMicros);
  }

  /** A leader's MinNextTS promise about the prefix through {@code commitIndex}. */
  void offer(long commitIndex, long minNextMicros, long appliedIndex) {
    promote(appliedIndex);
    if (minNextMicros <= 0) {
      return;
    }
    if (commitIndex <= appliedIndex) {
      raise(minNextMicros - 1);
    } else if (minNextMicros > pendingMinNextMicros) {
      pendingCommitIndex = commitIndex;
      pendingMinNextMicros = minNextMicros;
    }
  }

  /** The applied index moved: a pending promise may now hold. */
  void promote(long appliedIndex) {
    if (pendingMinNextMicros > 0 && pendingCommitIndex <= appliedIndex) {
      raise(pendingMinNextMicros - 1);
      pendingCommitIndex = 0;
      pendingMinNextMicros = 0;
    }
  }

  private void raise(long micros) {
    safeTimeMicros = Math.max(safeTimeMicros, micros);
  }
}

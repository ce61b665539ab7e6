package meridian.paxos;

import java.util.List;
import java.util.Objects;

/**
 * What the host loaded from disk when it restarts a replica: exactly what earlier {@link Ready}s
 * asked it to persist (hard state, log entries, truncations) plus the state machine's own progress.
 *
 * @param hardState the last persisted {@link HardState}
 * @param log the entries after the snapshot, in index order, contiguous from {@code
 *     snapshotIndex + 1}
 * @param snapshotIndex the index the state machine snapshot covers (0 when none)
 * @param snapshotBallot the ballot of the entry at {@code snapshotIndex} ({@link Ballot#ZERO} when
 *     none)
 * @param snapshotTimestampMicros the largest entry timestamp at or below {@code snapshotIndex} (writes
 *     and no-ops alike: the last entry's, unless it is a gap-filling no-op with 0); it bounds the
 *     timestamps of the state machine's contents, and is a safe time for it
 * @param snapshotMembership the membership in force after {@code snapshotIndex}
 * @param appliedIndex what the state machine has applied ({@code >= snapshotIndex}); the replica
 *     hands out only entries after it
 */
public record PersistedState(
    HardState hardState,
    List<LogEntry> log,
    long snapshotIndex,
    Ballot snapshotBallot,
    long snapshotTimestampMicros,
    Membership snapshotMembership,
    long appliedIndex) {

  public PersistedState {
    Objects.requireNonNull(hardState, "hardState");
    Objects.requireNonNull(snapshotBallot, "snapshotBallot");
    Objects.requireNonNull(snapshotMembership, "snapshotMembership");
    log = List.copyOf(log);
    if (snapshotIndex < 0 || appliedIndex < snapshotIndex) {
      throw new IllegalArgumentException(
          "need 0 <= snapshotIndex <= appliedIndex, got " + snapshotIndex + ", " + appliedIndex);
    }
    for (int i = 0; i < log.size(); i++) {
      if (log.get(i).index() != snapshotIndex + 1 + i) {
        throw new IllegalArgumentException(
            "log must be contiguous from " + (snapshotIndex + 1) + ", found " + log.get(i).index() + " at " + i);
      }
    }
    if (appliedIndex > snapshotIndex + log.size()) {
      throw new IllegalArgumentException("appliedIndex " + appliedIndex + " is past the log");
    }
  }

  /** A brand new replica: nothing on disk. */
  public static PersistedState empty(Membership initial) {
    return new PersistedState(HardState.INITIAL, List.of(), 0, Ballot.ZERO, 0, initial, 0);
  }
}

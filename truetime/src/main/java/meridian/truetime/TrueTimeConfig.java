package meridian.truetime;

/**
 * The knobs of the uncertainty model. Start from {@link #defaults()} and change fields with the
 * {@code with...} methods.
 *
 * @param driftRatePpm the assumed bound on how fast the clock may drift from true time, in
 *     microseconds per second (200, the Spanner paper's figure). Everything rests on it.
 * @param syncTimeoutMicros how long without a majority-agreed sync (monotonic time) before the node
 *     fences itself (10 s)
 * @param stepToleranceMicros a wall clock step up to this size (beyond the drift budget) is ridden
 *     out by widening the interval; a larger one fences (5 ms)
 * @param recoverySyncs how many agreed syncs in a row, each consistent with the one before, lift a
 *     drift fence (2)
 * @param minMastersAnswering the least number of masters that must answer for a sync to count, on
 *     top of the majority of those answering (1)
 * @param masterEpsilonMicros a time master's own uncertainty (half-width), used when this node is a
 *     master: for its own clock as a source and in its answers to others (500 us)
 */
public record TrueTimeConfig(
    long driftRatePpm,
    long syncTimeoutMicros,
    long stepToleranceMicros,
    int recoverySyncs,
    int minMastersAnswering,
    long masterEpsilonMicros) {

  public static final long DRIFT_RATE_PPM_DEFAULT = 200;
  public static final long SYNC_TIMEOUT_MICROS_DEFAULT = 10_000_000;
  public static final long STEP_TOLERANCE_MICROS_DEFAULT = 5_000;
  public static final int RECOVERY_SYNCS_DEFAULT = 2;
  public static final int MIN_MASTERS_ANSWERING_DEFAULT = 1;
  public static final long MASTER_EPSILON_MICROS_DEFAULT = 500;

  public TrueTimeConfig {
    requireAtLeast("driftRatePpm", driftRatePpm, 0);
    requireAtLeast("syncTimeoutMicros", syncTimeoutMicros, 1);
    requireAtLeast("stepToleranceMicros", stepToleranceMicros, 0);
    requireAtLeast("recoverySyncs", recoverySyncs, 1);
    requireAtLeast("minMastersAnswering", minMastersAnswering, 1);
    requireAtLeast("masterEpsilonMicros", masterEpsilonMicros, 0);
  }

  public static TrueTimeConfig defaults() {
    return new TrueTimeConfig(
        DRIFT_RATE_PPM_DEFAULT,
        SYNC_TIMEOUT_MICROS_DEFAULT,
        STEP_TOLERANCE_MICROS_DEFAULT,
        RECOVERY_SYNCS_DEFAULT,
        MIN_MASTERS_ANSWERING_DEFAULT,
        MASTER_EPSILON_MICROS_DEFAULT);
  }

  public TrueTimeConfig withDriftRatePpm(long value) {
    return new TrueTimeConfig(value, syncTimeoutMicros, stepToleranceMicros, recoverySyncs,
        minMastersAnswering, masterEpsilonMicros);
  }

  public TrueTimeConfig withSyncTimeoutMicros(long value) {
    return new TrueTimeConfig(driftRatePpm, value, stepToleranceMicros, recoverySyncs,
        minMastersAnswering, masterEpsilonMicros);
  }

  public TrueTimeConfig withStepToleranceMicros(long value) {
    return new TrueTimeConfig(driftRatePpm, syncTimeoutMicros, value, recoverySyncs,
        minMastersAnswering, masterEpsilonMicros);
  }

  public TrueTimeConfig withRecoverySyncs(int value) {
    return new TrueTimeConfig(driftRatePpm, syncTimeoutMicros, stepToleranceMicros, value,
        minMastersAnswering, masterEpsilonMicros);
  }

  public TrueTimeConfig withMinMastersAnswering(int value) {
    return new TrueTimeConfig(driftRatePpm, syncTimeoutMicros, stepToleranceMicros, recoverySyncs,
        value, masterEpsilonMicros);
  }

  public TrueTimeConfig withMasterEpsilonMicros(long value) {
    return new TrueTimeConfig(driftRatePpm, syncTimeoutMicros, stepToleranceMicros, recoverySyncs,
        minMastersAnswering, value);
  }

  /**
   * The quorum for a sync in which {@code answeredCount} masters answered (this node included when
   * it is a master): a strict majority of them, and never fewer than {@link #minMastersAnswering}.
   */
  public int quorumFor(int answeredCount) {
    return Math.max(minMastersAnswering, answeredCount / 2 + 1);
  }

  private static void requireAtLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
    }
  }
}

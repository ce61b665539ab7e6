package meridian.truetime;

/**
 * How far the wall clock moved against the monotonic clock since the last sync, and how much of
 * that the drift bound explains.
 *
 * @param budgetMicros what the drift bound allows over the monotonic time elapsed: {@code
 *     ceil(driftRatePpm * monotonicElapsed / 1e6)}
 * @param divergenceMicros {@code (wall - wallAtSync) - (monotonic - monotonicAtSync)}: positive
 *     when the wall clock ran ahead
 */
record Divergence(long budgetMicros, long divergenceMicros) {

  /**
   * What reading the clocks can add to the divergence with no drift at all: truncation to whole
   * microseconds (one difference of each clock) and the pairing of the two reads of each {@link
   * ClockReading} (two pairs). Below this, a divergence beyond the budget is noise, not a step or
   * drift. Seen on a loaded 2-core host without pairing: 91 us in 300 ms.
   */
  static final long RESOLUTION_MICROS =
      2 * PhysicalClock.RESOLUTION_MICROS + 2 * PhysicalClock.PAIRING_MICROS_MAX;

  static Divergence since(
      long baseWallMicros,
      long baseMonotonicMicros,
      long wallMicros,
      long monotonicMicros,
      long driftRatePpm) {
    long monotonicElapsedMicros = monotonicMicros - baseMonotonicMicros;
    assert monotonicElapsedMicros >= 0 : "monotonic clock ran backwards";
    long budget = Ppm.ceilOf(monotonicElapsedMicros, driftRatePpm);
    long divergence = (wallMicros - baseWallMicros) - monotonicElapsedMicros;
    return new Divergence(budget, divergence);
  }

  /** How far the wall clock ran ahead beyond the budget: a forward step (0 if none). */
  long excessForwardMicros() {
    return Math.max(0, divergenceMicros - budgetMicros);
  }

  /** How far the wall clock fell behind beyond the budget: a backward step (0 if none). */
  long excessBackwardMicros() {
    return Math.max(0, -divergenceMicros - budgetMicros);
  }

  /** The step beyond the budget, in either direction. */
  long excessMicros() {
    return Math.max(excessForwardMicros(), excessBackwardMicros());
  }

  /**
   * Whether the wall clock left the budget by more than reading noise: what counts as a step or as
   * drift. (Intervals are still widened by any excess, noise included, so that they stay exact.)
   */
  boolean exceeded() {
    return excessMicros() > RESOLUTION_MICROS;
  }
}

package meridian.truetime;

/**
 * Parts-per-million arithmetic on microsecond durations without overflow for any realistic
 * duration: {@code micros * ppm / 1e6} computed as whole seconds plus the remainder.
 */
final class Ppm {

  private static final long MICROS_PER_SECOND = 1_000_000L;

  private Ppm() {}

  /** {@code floor(micros * ppm / 1e6)}. */
  static long floorOf(long micros, long ppm) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    long rest = Math.floorMod(micros, MICROS_PER_SECOND);
    return Math.addExact(
        Math.multiplyExact(seconds, ppm), Math.floorDiv(rest * ppm, MICROS_PER_SECOND));
  }

  /** {@code ceil(micros * ppm / 1e6)}. */
  static long ceilOf(long micros, long ppm) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    long rest = Math.floorMod(micros, MICROS_PER_SECOND);
    return Math.addExact(
        Math.multiplyExact(seconds, ppm), Math.ceilDiv(rest * ppm, MICROS_PER_SECOND));
  }
}

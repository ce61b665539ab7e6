package meridian.truetime;

import java.time.Clock;
import java.time.Instant;

/**
 * The real clock of the machine. The only class in Meridian that reads the operating system's
 * clocks; everything else receives a {@link PhysicalClock}. Stateless and thread-safe; create one
 * with {@code new SystemClock()} (no singleton, so that nothing reaches for it statically).
 */
public final class SystemClock implements PhysicalClock {

  private final Clock wallClock = Clock.systemUTC();

  @Override
  public long wallMicros() {
    Instant instant = wallClock.instant();
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  @Override
  public long monotonicMicros() {
    return System.nanoTime() / 1_000L;
  }

  /** Attempts to read a tight pair before settling for the tightest one seen. */
  static final int PAIRING_ATTEMPTS_MAX = 5;

  /**
   * Reads the wall clock between two monotonic reads and pairs it with their midpoint; retries
   * when the two monotonic reads are more than {@link #PAIRING_MICROS_MAX} apart (the thread was
   * preempted), keeping the tightest pair.
   */
  @Override
  public ClockReading read() {
    ClockReading tightest = null;
    long tightestWidthMicros = Long.MAX_VALUE;
    for (int attempt = 0; attempt < PAIRING_ATTEMPTS_MAX; attempt++) {
      long before = monotonicMicros();
      long wall = wallMicros();
      long after = monotonicMicros();
      long width = after - before;
      if (width < tightestWidthMicros) {
        tightest = new ClockReading(wall, before + width / 2);
        tightestWidthMicros = width;
      }
      if (width <= PAIRING_MICROS_MAX) {
        break;
      }
    }
    return tightest;
  }
}

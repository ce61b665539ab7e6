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
}

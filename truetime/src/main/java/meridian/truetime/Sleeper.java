package meridian.truetime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How {@link TrueTime#waitUntilAfter} waits. Injected so that the simulator and tests wait in
 * simulated time ({@link ManualClock#sleeper()}) and nothing in Meridian calls {@code Thread.sleep}.
 *
 * <p>A sleeper may return early (a spurious wake-up); callers re-check their condition in a loop.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits about {@code micros} microseconds (nothing when {@code micros <= 0}). */
  void sleepMicros(long micros) throws InterruptedException;

  /** The real sleeper: parks the calling thread. */
  static Sleeper system() {
    return micros -> {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      if (micros > 0) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    };
  }
}

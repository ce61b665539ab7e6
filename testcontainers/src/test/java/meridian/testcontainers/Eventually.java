package meridian.testcontainers;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Retries a step that may fail while a cluster recovers, with a bound; the last failure is kept. */
final class Eventually {
  private static final Duration RETRY_INTERVAL = Duration.ofMillis(250);

  private Eventually() {}

  interface Step<T> {
    T run() throws Exception;
  }

  static <T> T get(String what, Duration bound, Step<T> step) {
    long deadlineNanos = System.nanoTime() + bound.toNanos();
    Exception last;
    while (true) {
      try {
        return step.run();
      } catch (Exception e) {
        last = e;
      } catch (AssertionError e) {
        last = new Exception(e.getMessage(), e);
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new AssertionError(what + " did not succeed within " + bound.toSeconds() + " s; last failure: " + last, last);
      }
      LockSupport.parkNanos(RETRY_INTERVAL.toNanos());
    }
  }

  interface Action {
    void run() throws Exception;
  }

  static void run(String what, Duration bound, Action action) {
    get(what, bound, () -> {
      action.run();
      return null;
    });
  }
}

package meridian.checker;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How much one key's search may do: at most {@code statesMax} memoised configurations, and nothing
 * after {@code deadlineNanos} on {@code nanoClock} (a monotonic clock, such as
 * {@code System::nanoTime}; injected so tests can run out of time deterministically).
 */
public record SearchBudget(long statesMax, LongSupplier nanoClock, long deadlineNanos) {

  // Invariant: statesMax >= 1.
  public SearchBudget {
    if (statesMax < 1) {
      throw new IllegalArgumentException("statesMax must be >= 1: " + statesMax);
    }
    Objects.requireNonNull(nanoClock);
  }

  boolean expired() {
    return nanoClock.getAsLong() - deadlineNanos >= 0;
  }
}

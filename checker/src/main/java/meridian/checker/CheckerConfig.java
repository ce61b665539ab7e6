package meridian.checker;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for one check.
 *
 * @param searchStatesMax memoised configurations one key's search may create before it gives up
 *     ({@code unknown}); memory grows with it: roughly {@code 100 + n / 8} bytes per configuration
 *     for a key with {@code n} operations, so the default costs at most a few hundred MB per key
 *     being searched (the hardest Jepsen etcd history needs 45,487)
 * @param timeLimit wall-clock budget for the whole history; keys still searching when it runs out
 *     are {@code unknown}
 * @param parallelismMax keys searched at once
 */
public record CheckerConfig(long searchStatesMax, Duration timeLimit, int parallelismMax) {

  public static final long SEARCH_STATES_MAX_DEFAULT = 1_000_000;
  public static final Duration TIME_LIMIT_DEFAULT = Duration.ofSeconds(60);

  // Invariant: searchStatesMax >= 1, timeLimit > 0, parallelismMax >= 1.
  public CheckerConfig {
    Objects.requireNonNull(timeLimit);
    if (searchStatesMax < 1 || timeLimit.isNegative() || timeLimit.isZero()
        || parallelismMax < 1) {
      throw new IllegalArgumentException("searchStatesMax " + searchStatesMax + ", timeLimit "
          + timeLimit + ", parallelismMax " + parallelismMax);
    }
  }

  /** The defaults, with one worker per available core (at most 4). */
  public static CheckerConfig defaults() {
    return new CheckerConfig(SEARCH_STATES_MAX_DEFAULT, TIME_LIMIT_DEFAULT,
        Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  public CheckerConfig withSearchStatesMax(long statesMax) {
    return new CheckerConfig(statesMax, timeLimit, parallelismMax);
  }

  public CheckerConfig withTimeLimit(Duration limit) {
    return new CheckerConfig(searchStatesMax, limit, parallelismMax);
  }

  public CheckerConfig withParallelismMax(int parallelism) {
    return new CheckerConfig(searchStatesMax, timeLimit, parallelism);
  }
}

package meridian.checker;

import java.util.Objects;

/** The outcome of searching one key's sub-history for a linearization. */
public sealed interface SearchResult {

  /** Memoised configurations the search created. */
  long states();

  record Linearizable(long states) implements SearchResult {}

  record NotLinearizable(long states, Anomaly.NotLinearizable anomaly) implements SearchResult {
    public NotLinearizable {
      Objects.requireNonNull(anomaly);
    }
  }

  /** The search stopped at a limit before an answer; {@code reason} names the limit. */
  record Unknown(long states, String reason) implements SearchResult {
    public Unknown {
      Objects.requireNonNull(reason);
    }
  }
}

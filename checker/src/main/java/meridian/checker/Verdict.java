package meridian.checker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A checker's verdict on a whole history.
 *
 * @param anomalies one per invalid key, in key order
 * @param keys per key, in order of first appearance in the history
 */
public record Verdict(
    String model, Validity valid, List<Anomaly> anomalies, History.Counts counts,
    List<KeyVerdict> keys) {

  // Invariant: valid is the conjunction of the keys' validity; anomalies is non-empty iff INVALID.
  public Verdict {
    Objects.requireNonNull(model);
    Objects.requireNonNull(valid);
    anomalies = List.copyOf(anomalies);
    Objects.requireNonNull(counts);
    keys = List.copyOf(keys);
    Validity all = Validity.VALID;
    for (KeyVerdict k : keys) {
      all = all.and(k.valid());
    }
    if (all != valid || anomalies.isEmpty() == (valid == Validity.INVALID)) {
      throw new IllegalArgumentException("verdict " + valid + " disagrees with its keys " + keys
          + " or anomalies " + anomalies.size());
    }
  }

  /**
   * @param operations operations searched (after dropping failed and indeterminate read-only ones)
   * @param states memoised configurations the search created
   * @param unknownReason the limit reached, when {@code valid} is {@code UNKNOWN}
   */
  public record KeyVerdict(
      Value key, Validity valid, int operations, long states, Optional<String> unknownReason) {
    public KeyVerdict {
      Objects.requireNonNull(key);
      Objects.requireNonNull(valid);
      Objects.requireNonNull(unknownReason);
      if (unknownReason.isPresent() != (valid == Validity.UNKNOWN)) {
        throw new IllegalArgumentException("unknownReason iff UNKNOWN: " + valid);
      }
    }
  }
}

package meridian.checker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Any checker's answer on a whole history, in one shape for every model.
 *
 * @param model the model's name ({@link Checkers#MODELS})
 * @param anomalies every anomaly found, in the order the checker found them
 * @param counts what was checked, by name (the history's own counts and the model's), in a stable
 *     order
 * @param unknownReason why nothing could be concluded, when {@code valid} is {@code UNKNOWN}
 */
public record CheckResult(
    String model, Validity valid, List<Finding> anomalies, Map<String, Long> counts,
    Optional<String> unknownReason) {

  // Invariant: anomalies is non-empty iff INVALID; unknownReason is present iff UNKNOWN.
  public CheckResult {
    Objects.requireNonNull(model);
    Objects.requireNonNull(valid);
    anomalies = List.copyOf(anomalies);
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    Objects.requireNonNull(unknownReason);
    if (anomalies.isEmpty() == (valid == Validity.INVALID)
        || unknownReason.isPresent() != (valid == Validity.UNKNOWN)) {
      throw new IllegalArgumentException(valid + " with " + anomalies.size() + " anomalies and "
          + unknownReason);
    }
  }

  /**
   * The result the evidence gives: invalid if anything was found, else unknown if {@code
   * unknownReason} is present (nothing was observed), else valid.
   */
  static CheckResult of(String model, List<Finding> anomalies, Map<String, Long> counts,
      Optional<String> unknownReason) {
    if (!anomalies.isEmpty()) {
      return new CheckResult(model, Validity.INVALID, anomalies, counts, Optional.empty());
    }
    return new CheckResult(model, unknownReason.isPresent() ? Validity.UNKNOWN : Validity.VALID,
        anomalies, counts, unknownReason);
  }

  /** The history's own counts, which every result starts with. */
  static Map<String, Long> historyCounts(History.Counts c) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("events", (long) c.events());
    counts.put("operations", (long) c.operations());
    counts.put("ok", (long) c.ok());
    counts.put("fail", (long) c.fail());
    counts.put("indeterminate", (long) c.indeterminate());
    counts.put("unterminated", (long) c.unterminated());
    counts.put("notes", (long) c.ignoredInfo());
    return counts;
  }
}

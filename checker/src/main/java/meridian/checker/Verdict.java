package meridian.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A checker's verdict on a whole history.
 *
 * @param anomalies one per invalid key, in key order
 * @param keys per key, in order of first appearance in the history
 */
public record Verdict(
    String model, Validity valid, List<Anomaly> anomalies, History.Counts counts,
    List<KeyVerdict> keys) {

  /** Unknown keys named in {@link #toCheckResult()}'s reason; the rest are left out. */
  static final int UNKNOWN_KEYS_NAMED_MAX = 5;

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
   * The verdict in the shape every model shares: one {@code not-linearizable} finding per invalid
   * key, whose operations are the blocked one and then the tail of the deepest partial
   * linearization (oldest first), and whose message adds the candidates' refusals.
   */
  public CheckResult toCheckResult() {
    List<Finding> findings = new ArrayList<>();
    for (Anomaly anomaly : anomalies) {
      switch (anomaly) {
        case Anomaly.NotLinearizable n -> {
          List<Operation> operations = new ArrayList<>();
          operations.add(n.blocked());
          operations.addAll(n.prefixTail());
          StringBuilder message = new StringBuilder(n.summary());
          for (Anomaly.Candidate c : n.candidates()) {
            message.append("; op ").append(c.op().index()).append(": ").append(c.reason());
          }
          findings.add(new Finding("not-linearizable", message.toString(), operations));
        }
      }
    }
    Map<String, Long> counts = CheckResult.historyCounts(this.counts);
    counts.put("keys", (long) keys.size());
    counts.put("searchStates", keys.stream().mapToLong(KeyVerdict::states).sum());
    Optional<String> unknownReason = valid != Validity.UNKNOWN ? Optional.empty()
        : Optional.of(keys.stream().filter(k -> k.unknownReason().isPresent())
            .map(k -> "key " + k.key().render() + ": " + k.unknownReason().get())
            .limit(UNKNOWN_KEYS_NAMED_MAX).collect(Collectors.joining("; ")));
    return new CheckResult(model, valid, findings, counts, unknownReason);
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

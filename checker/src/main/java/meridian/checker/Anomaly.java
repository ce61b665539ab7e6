package meridian.checker;

import java.util.List;
import java.util.Objects;

/** Evidence that a history breaks a consistency model. */
public sealed interface Anomaly {

  /** The key whose sub-history is at fault. */
  Value key();

  /**
   * No linearization of {@code key}'s operations exists. The search's deepest partial
   * linearization placed {@code prefixLength} operations (the last of them in {@code prefixTail},
   * oldest first) and left the model in {@code stateAfterPrefix}; from there {@code blocked}, whose
   * completion came next in real time, could not be placed, nor could any {@code candidates} that
   * might have gone first make room for it.
   */
  record NotLinearizable(
      Value key,
      int prefixLength,
      List<Operation> prefixTail,
      Value stateAfterPrefix,
      Operation blocked,
      List<Candidate> candidates) implements Anomaly {

    // Invariant: prefixTail.size() <= prefixLength; the lists are unmodifiable.
    public NotLinearizable {
      Objects.requireNonNull(key);
      prefixTail = List.copyOf(prefixTail);
      Objects.requireNonNull(stateAfterPrefix);
      Objects.requireNonNull(blocked);
      candidates = List.copyOf(candidates);
      if (prefixTail.size() > prefixLength) {
        throw new IllegalArgumentException("tail longer than the prefix");
      }
    }

    /** One line: which operation could not be placed after which partial linearization. */
    public String summary() {
      return "key " + key.render() + ": " + blocked + " cannot be placed after a partial"
          + " linearization of " + prefixLength + " operations leaving " + stateAfterPrefix.render();
    }
  }

  /** An operation that was free to take effect after the prefix, and why it did not help. */
  record Candidate(Operation op, String reason) {
    public Candidate {
      Objects.requireNonNull(op);
      Objects.requireNonNull(reason);
    }
  }
}

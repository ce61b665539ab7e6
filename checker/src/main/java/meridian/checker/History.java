package meridian.checker;

import java.util.List;

/**
 * A parsed history: its operations in order of invoke.
 *
 * @param operations operation {@code i} has {@link Operation#index()} {@code i}
 */
public record History(List<Operation> operations, Counts counts) {

  // Invariant: operations.get(i).index() == i; operations is unmodifiable.
  public History {
    operations = List.copyOf(operations);
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).index() != i) {
        throw new IllegalArgumentException("operation " + i + " has index "
            + operations.get(i).index());
      }
    }
  }

  /**
   * @param events lines that held an event
   * @param indeterminate operations completed {@code info} or never completed
   * @param unterminated of the indeterminate, those never completed
   * @param ignoredInfo {@code info} events with no invoke in flight (nemesis notes)
   */
  public record Counts(
      int events, int operations, int ok, int fail, int indeterminate, int unterminated,
      int ignoredInfo) {}
}

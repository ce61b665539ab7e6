package meridian.checker;

import java.util.List;

/**
 * A parsed history: its operations in order of invoke, and its notes.
 *
 * @param operations operation {@code i} has {@link Operation#index()} {@code i}
 * @param notes the {@code info} events with no operation of their process in flight (a nemesis's
 *     faults, a setup step such as the bank's {@code init}), in history order
 */
public record History(List<Operation> operations, Counts counts, List<Event> notes) {

  // Invariant: operations.get(i).index() == i; every note is an INFO event; the lists are
  // unmodifiable.
  public History {
    operations = List.copyOf(operations);
    notes = List.copyOf(notes);
    for (int i = 0; i < operations.size(); i++) {
      if (operations.get(i).index() != i) {
        throw new IllegalArgumentException("operation " + i + " has index "
            + operations.get(i).index());
      }
    }
    for (Event note : notes) {
      if (note.type() != EventType.INFO) {
        throw new IllegalArgumentException("a note must be an info event: " + note);
      }
    }
  }

  /** A history without notes. */
  public History(List<Operation> operations, Counts counts) {
    this(operations, counts, List.of());
  }

  /**
   * @param events lines that held an event
   * @param indeterminate operations completed {@code info} or never completed
   * @param unterminated of the indeterminate, those never completed
   * @param ignoredInfo {@code info} events with no invoke in flight: the {@link #notes()}
   */
  public record Counts(
      int events, int operations, int ok, int fail, int indeterminate, int unterminated,
      int ignoredInfo) {}
}

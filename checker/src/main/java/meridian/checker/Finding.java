package meridian.checker;

import java.util.List;
import java.util.Objects;

/**
 * One anomaly found in a history.
 *
 * @param type the anomaly's name, stable for tools ({@code wrong-total}, {@code lost}, {@code
 *     G-single}, ...)
 * @param message one line saying what is wrong, naming the operations
 * @param operations the operations that show it, most telling first; for a cycle, in cycle order
 * @param edges for a cycle, the kind of each dependency ({@code ww}, {@code wr}, {@code rw}, {@code
 *     realtime}): edge {@code i} goes from operation {@code i} to operation {@code i + 1}, the last
 *     one back to the first; empty otherwise
 */
public record Finding(String type, String message, List<Operation> operations, List<String> edges) {

  // Invariant: edges is empty or has one entry per operation; the lists are unmodifiable.
  public Finding {
    Objects.requireNonNull(type);
    Objects.requireNonNull(message);
    operations = List.copyOf(operations);
    edges = List.copyOf(edges);
    if (!edges.isEmpty() && edges.size() != operations.size()) {
      throw new IllegalArgumentException(edges.size() + " edges for a cycle of "
          + operations.size() + " operations");
    }
  }

  /** A finding that is not a cycle. */
  public Finding(String type, String message, List<Operation> operations) {
    this(type, message, operations, List.of());
  }
}

package meridian.checker;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Visits operations in real-time order: every completion that happened before an invoke is visited
 * before that invoke, so at each invoke the visitor has seen exactly the operations that precede it
 * in real time. {@code O(n log n)}.
 */
final class RealTimeWalk {

  private RealTimeWalk() {}

  /**
   * @param ops in order of invoke (a sublist of a history's operations)
   * @param completed called once per operation that completed ({@code ok}, {@code fail} or
   *     {@code info}), when its completion comes in real time
   * @param invoked called once per operation, when its invoke comes
   */
  static void walk(List<Operation> ops, Consumer<Operation> completed, Consumer<Operation> invoked) {
    List<Operation> byCompletion = ops.stream()
        .filter(op -> op.completion().isPresent())
        .sorted(Comparator.comparingInt(op -> op.completion().get().index()))
        .toList();
    int next = 0;
    for (Operation op : ops) {
      while (next < byCompletion.size()
          && byCompletion.get(next).completion().get().index() < op.invokeAt()) {
        completed.accept(byCompletion.get(next++));
      }
      invoked.accept(op);
    }
    while (next < byCompletion.size()) {
      completed.accept(byCompletion.get(next++));
    }
  }
}

package meridian.checker;

import java.util.ArrayList;
import java.util.List;

/**
 * A list-append transaction ({@code f "txn"}) as its micro-operations, in order.
 *
 * @param op the operation; its value is the micro-operations, with reads filled in when {@code ok}
 */
record AppendTxn(Operation op, List<Micro> micros) {

  /**
   * {@code ["append", key, value]} or {@code ["r", key, [values...]]}.
   *
   * @param read a read's result (a {@code null} result is empty); {@code null} for an append and
   *     for a read whose transaction did not complete {@code ok} (its result is unknown). Compared
   *     by reference: not a value to put in sets.
   */
  record Micro(boolean append, long key, long value, long[] read) {}

  // Invariant: micros is unmodifiable.
  AppendTxn {
    micros = List.copyOf(micros);
  }

  static AppendTxn parse(Operation op) throws MalformedHistoryException {
    if (!op.f().equals("txn")) {
      throw OperationValues.unknownF(op, ListAppendChecker.MODEL, List.of("txn"));
    }
    if (op.outcome() == Outcome.OK && !op.completion().orElseThrow().hasValue()) {
      throw OperationValues.malformed(op, "an ok txn's completion must carry its micro-operations"
          + " with the reads' results");
    }
    List<Micro> micros = new ArrayList<>();
    for (Value item : OperationValues.list(op, op.value(), "a txn's value")) {
      List<Value> micro = OperationValues.list(op, item, "a micro-operation");
      if (micro.size() != 3 || !(micro.get(0) instanceof Value.Str f)) {
        throw OperationValues.malformed(op, "a micro-operation must be [\"append\", key, value]"
            + " or [\"r\", key, values], not " + OperationValues.quote(item));
      }
      long key = OperationValues.integer(op, micro.get(1), "a micro-operation's key");
      micros.add(switch (f.value()) {
        case "append" -> new Micro(true, key,
            OperationValues.integer(op, micro.get(2), "an appended value"), null);
        case "r" -> new Micro(false, key, 0,
            op.outcome() == Outcome.OK ? values(op, micro.get(2)) : null);
        default -> throw OperationValues.malformed(op, "a micro-operation is \"append\" or \"r\","
            + " not " + f.render());
      });
    }
    return new AppendTxn(op, micros);
  }

  private static long[] values(Operation op, Value read) throws MalformedHistoryException {
    List<Value> items = OperationValues.listOrEmpty(op, read, "a read's result");
    long[] values = new long[items.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = OperationValues.integer(op, items.get(i), "a read's element");
    }
    return values;
  }
}

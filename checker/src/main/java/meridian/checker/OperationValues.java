package meridian.checker;

import java.util.List;

/**
 * Reads a workload's typed values out of an operation; a value of the wrong shape makes the history
 * malformed, naming the line the value came from (the completion's for an {@code ok} operation,
 * else the invoke's).
 */
final class OperationValues {

  /** Characters of a value quoted in a message; a read's whole result would drown the line. */
  static final int QUOTED_CHARS_MAX = 200;

  private OperationValues() {}

  /** {@code v} as JSON, cut to {@link #QUOTED_CHARS_MAX} characters. */
  static String quote(Value v) {
    String text = v.render();
    return text.length() <= QUOTED_CHARS_MAX ? text
        : text.substring(0, QUOTED_CHARS_MAX) + "... (" + text.length() + " chars)";
  }

  static MalformedHistoryException malformed(Operation op, String problem) {
    int line = op.outcome() == Outcome.OK ? op.completion().orElseThrow().line()
        : op.invoke().line();
    return new MalformedHistoryException(line, problem);
  }

  /** The operation's {@code f} is none of {@code known} (named on its invoke's line). */
  static MalformedHistoryException unknownF(Operation op, String model, List<String> known) {
    return new MalformedHistoryException(op.invoke().line(), "the " + model + " model has no operation \"" + op.f() + "\" ("
        + String.join(", ", known) + ")");
  }

  static long integer(Operation op, Value v, String what) throws MalformedHistoryException {
    if (v instanceof Value.Int i) {
      return i.value();
    }
    throw malformed(op, what + " must be an integer, not " + quote(v));
  }

  /** An integer, where {@code null} means 0 (a counter never written). */
  static long integerOrZero(Operation op, Value v, String what) throws MalformedHistoryException {
    return v == Value.NIL ? 0 : integer(op, v, what);
  }

  static List<Value> list(Operation op, Value v, String what) throws MalformedHistoryException {
    if (v instanceof Value.Seq s) {
      return s.items();
    }
    throw malformed(op, what + " must be a list, not " + quote(v));
  }

  /** A list, where {@code null} means empty. */
  static List<Value> listOrEmpty(Operation op, Value v, String what)
      throws MalformedHistoryException {
    return v == Value.NIL ? List.of() : list(op, v, what);
  }

  static Value.Obj object(Operation op, Value v, String what) throws MalformedHistoryException {
    if (v instanceof Value.Obj o) {
      return o;
    }
    throw malformed(op, what + " must be an object, not " + quote(v));
  }

  /** The integer field {@code name} of {@code v}, an object. */
  static long field(Operation op, Value.Obj v, String name) throws MalformedHistoryException {
    Value field = v.fields().get(name);
    if (field == null) {
      throw malformed(op, "\"" + name + "\" is missing from " + quote(v));
    }
    return integer(op, field, "\"" + name + "\"");
  }
}

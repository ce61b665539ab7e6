package meridian.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a history of counters: per process and key, what is observed never goes back; across
 * processes, no strong observation is older than one completed before it; no two incs return the
 * same value (see the package documentation). Single-threaded.
 */
public final class MonotonicChecker {

  public static final String MODEL = "monotonic";

  private static final List<String> OPERATIONS = List.of("inc", "read", "stale-read");

  /** An observed counter value and the operation that observed it. */
  private record Observed(long value, Operation op) {
    static Observed max(Observed a, Observed b) {
      return a == null || b.value > a.value ? b : a;
    }
  }

  /** One process's view of one key. */
  private record ProcessKey(Value process, Value key) {}

  private static final class View {
    Observed max; // largest value observed, stale reads included
    Observed staleMax; // largest value a stale read observed
  }

  private final List<Finding> anomalies = new ArrayList<>();
  // Invariant: values[i] is operation i's value when it completed ok, else unused.
  private final long[] values;
  private final boolean[] nonMonotonic;

  private MonotonicChecker(int operations) {
    values = new long[operations];
    nonMonotonic = new boolean[operations];
  }

  /**
   * @throws MalformedHistoryException if an operation is not an inc, read or stale-read, or an ok
   *     one's value is not an integer (or {@code null} for reads)
   */
  public static CheckResult check(History history) throws MalformedHistoryException {
    return new MonotonicChecker(history.operations().size()).run(history);
  }

  private CheckResult run(History history) throws MalformedHistoryException {
    Map<String, Long> counts = CheckResult.historyCounts(history.counts());
    for (String f : List.of("incs", "reads", "staleReads")) {
      for (String outcome : List.of("Ok", "Fail", "Info")) {
        counts.put(f + outcome, 0L);
      }
    }
    List<Operation> observations = new ArrayList<>();
    for (Operation op : history.operations()) {
      if (!OPERATIONS.contains(op.f())) {
        throw OperationValues.unknownF(op, MODEL, OPERATIONS);
      }
      counts.merge(countName(op), 1L, Long::sum);
      if (op.outcome() == Outcome.OK) {
        values[op.index()] = op.f().equals("inc")
            ? OperationValues.integer(op, op.value(), "an inc's value")
            : OperationValues.integerOrZero(op, op.value(), "a read's value");
        observations.add(op);
      }
    }
    withinProcesses(observations);
    duplicateIncs(observations);
    acrossProcesses(observations);
    return CheckResult.of(MODEL, anomalies, counts, observations.isEmpty()
        ? Optional.of("no operation completed ok, so nothing was observed") : Optional.empty());
  }

  private static String countName(Operation op) {
    String f = switch (op.f()) {
      case "inc" -> "incs";
      case "read" -> "reads";
      default -> "staleReads";
    };
    return f + switch (op.outcome()) {
      case OK -> "Ok";
      case FAIL -> "Fail";
      case INDETERMINATE -> "Info";
    };
  }

  private void withinProcesses(List<Operation> observations) {
    Map<ProcessKey, View> views = new HashMap<>();
    for (Operation op : observations) {
      View view = views.computeIfAbsent(new ProcessKey(op.process(), op.key()), k -> new View());
      Observed now = new Observed(values[op.index()], op);
      if (op.f().equals("stale-read")) {
        if (view.staleMax != null && now.value < view.staleMax.value) {
          anomalies.add(wentBack("stale-read-went-back", now, view.staleMax, "a stale read of"));
        }
        view.staleMax = Observed.max(view.staleMax, now);
      } else if (view.max != null && (now.value < view.max.value
          || (op.f().equals("inc") && now.value == view.max.value))) {
        anomalies.add(wentBack("non-monotonic", now, view.max, "an observation of"));
        nonMonotonic[op.index()] = true;
      }
      view.max = Observed.max(view.max, now);
    }
  }

  private static Finding wentBack(String type, Observed now, Observed before, String what) {
    return new Finding(type, now.op.label() + " " + now.op.f() + " key " + now.op.key().render()
        + " observed " + now.value + " after the same process's " + before.op.label() + " "
        + before.op.f() + " observed " + before.value, List.of(before.op, now.op));
  }

  private void duplicateIncs(List<Operation> observations) {
    Map<List<Value>, Operation> incs = new HashMap<>();
    for (Operation op : observations) {
      if (op.f().equals("inc")) {
        Operation first = incs.putIfAbsent(List.of(op.key(), Value.of(values[op.index()])), op);
        if (first != null) {
          anomalies.add(new Finding("duplicate-inc-value", first.label() + " and " + op.label()
              + " both incremented key " + op.key().render() + " to " + values[op.index()]
              + ": one update was lost", List.of(first, op)));
        }
      }
    }
  }

  /**
   * A strong observation must be at least every value completed before its invoke; an inc must
   * exceed it, unless it equals an earlier inc's value (reported as a duplicate already).
   */
  private void acrossProcesses(List<Operation> observations) {
    Map<Value, Observed> completedMax = new HashMap<>();
    List<Observed> boundAtInvoke = new ArrayList<>();
    RealTimeWalk.walk(observations,
        op -> completedMax.merge(op.key(), new Observed(values[op.index()], op), Observed::max),
        op -> boundAtInvoke.add(completedMax.get(op.key())));
    for (int i = 0; i < observations.size(); i++) {
      Operation op = observations.get(i);
      Observed bound = boundAtInvoke.get(i);
      long value = values[op.index()];
      if (bound == null || op.f().equals("stale-read") || nonMonotonic[op.index()]) {
        continue;
      }
      boolean inc = op.f().equals("inc");
      if (value < bound.value || (inc && value == bound.value && !bound.op.f().equals("inc"))) {
        anomalies.add(new Finding("real-time-violation", op.label() + " " + op.f() + " key "
            + op.key().render() + " observed " + value + ", but " + bound.op.label() + " "
            + bound.op.f() + " had completed with " + bound.value + " before it was invoked",
            List.of(bound.op, op)));
      }
    }
  }
}

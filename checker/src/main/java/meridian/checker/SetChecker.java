package meridian.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a set history: adds of unique integers and strong reads of the whole set, against the
 * final read (see the package documentation). Single-threaded.
 */
public final class SetChecker {

  public static final String MODEL = "set";

  /** Reads listed in one finding; the message counts the rest. */
  static final int READS_LISTED_MAX = 10;

  private static final List<String> OPERATIONS = List.of("add", "read");

  /** What is known of one element. */
  private static final class Element {
    final long value;
    Operation add;
    // Invariant: ascending read ordinals (positions in reads), each at most once.
    final IntList reads = new IntList();
    // The earliest completion (event index) of an ok add or a read showing it; MAX_VALUE if none.
    int knownAt = Integer.MAX_VALUE;

    Element(long value) {
      this.value = value;
    }
  }

  // Invariant: reads are the ok reads in order of invoke; invokeAt[r] is reads.get(r)'s invoke.
  private final List<Operation> reads = new ArrayList<>();
  private final Map<Long, Element> elements = new LinkedHashMap<>();
  private final List<Finding> anomalies = new ArrayList<>();
  private int[] invokeAt;
  private long recovered;
  private long neverApplied;
  private long addedAfterFinalRead;

  private SetChecker() {}

  /**
   * @throws MalformedHistoryException if an operation is not an add of an integer or a read of a
   *     list of integers, or an element is added twice
   */
  public static CheckResult check(History history) throws MalformedHistoryException {
    return new SetChecker().run(history);
  }

  private CheckResult run(History history) throws MalformedHistoryException {
    long[] adds = new long[Outcome.values().length];
    for (Operation op : history.operations()) {
      switch (op.f()) {
        case "add" -> {
          add(op);
          adds[op.outcome().ordinal()]++;
        }
        case "read" -> {
          if (op.outcome() == Outcome.OK) {
            read(op);
          }
        }
        default -> throw OperationValues.unknownF(op, MODEL, OPERATIONS);
      }
    }
    invokeAt = reads.stream().mapToInt(Operation::invokeAt).toArray();
    Optional<String> unknown = Optional.of("no read completed ok, so nothing was observed");
    if (!reads.isEmpty()) {
      unknown = Optional.empty();
      int last = finalRead();
      for (Element e : elements.values()) {
        checkElement(e, last);
      }
    }
    Map<String, Long> counts = CheckResult.historyCounts(history.counts());
    counts.put("addsOk", adds[Outcome.OK.ordinal()]);
    counts.put("addsFail", adds[Outcome.FAIL.ordinal()]);
    counts.put("addsInfo", adds[Outcome.INDETERMINATE.ordinal()]);
    counts.put("readsOk", (long) reads.size());
    counts.put("recovered", recovered);
    counts.put("neverApplied", neverApplied);
    counts.put("addedAfterFinalRead", addedAfterFinalRead);
    return CheckResult.of(MODEL, anomalies, counts, unknown);
  }

  private void add(Operation op) throws MalformedHistoryException {
    long value = OperationValues.integer(op, op.value(), "an add's value");
    Element e = elements.computeIfAbsent(value, Element::new);
    if (e.add != null) {
      throw OperationValues.malformed(op, "element " + value + " is added again (first by "
          + e.add.label() + ")");
    }
    e.add = op;
    if (op.outcome() == Outcome.OK) {
      e.knownAt = Math.min(e.knownAt, op.deadlineAt());
    }
  }

  private void read(Operation op) throws MalformedHistoryException {
    int ordinal = reads.size();
    reads.add(op);
    Set<Long> duplicated = new TreeSet<>();
    for (Value item : OperationValues.list(op, op.value(), "a read's value")) {
      long value = OperationValues.integer(op, item, "a read's element");
      Element e = elements.computeIfAbsent(value, Element::new);
      if (!e.reads.isEmpty() && e.reads.last() == ordinal) {
        duplicated.add(value);
        continue;
      }
      e.reads.add(ordinal);
      e.knownAt = Math.min(e.knownAt, op.deadlineAt());
    }
    if (!duplicated.isEmpty()) {
      anomalies.add(new Finding("duplicated", "read " + op.label() + " shows " + duplicated
          + " more than once", List.of(op)));
    }
  }

  /** The ordinal of the ok read that completed last. */
  private int finalRead() {
    int last = 0;
    for (int r = 1; r < reads.size(); r++) {
      if (reads.get(r).deadlineAt() > reads.get(last).deadlineAt()) {
        last = r;
      }
    }
    return last;
  }

  private void checkElement(Element e, int last) {
    Operation finalRead = reads.get(last);
    if (e.add == null || e.add.outcome() == Outcome.FAIL) {
      if (e.reads.isEmpty()) {
        return; // a failed add nobody saw: as it should be
      }
      String why = e.add == null ? "which no add attempted"
          : "whose add " + e.add.label() + " failed";
      List<Operation> ops = new ArrayList<>();
      if (e.add != null) {
        ops.add(e.add);
      }
      ops.addAll(readsListed(e.reads));
      anomalies.add(new Finding("unexpected", readsSaying(e.reads.size()) + " " + e.value + ", "
          + why, ops));
      return;
    }
    int inFinal = e.reads.lowerBound(last);
    boolean inFinalRead = inFinal < e.reads.size() && e.reads.get(inFinal) == last;
    if (!inFinalRead && e.knownAt < finalRead.invokeAt()) {
      lost(e, finalRead);
      return;
    }
    switch (e.add.outcome()) {
      case OK -> addedAfterFinalRead += inFinalRead ? 0 : 1;
      case INDETERMINATE -> {
        recovered += inFinalRead ? 1 : 0;
        neverApplied += e.reads.isEmpty() ? 1 : 0;
      }
      case FAIL -> throw new IllegalStateException("handled above");
    }
    if (e.knownAt != Integer.MAX_VALUE) {
      staleReads(e);
    }
  }

  private void lost(Element e, Operation finalRead) {
    List<Operation> ops = new ArrayList<>(List.of(e.add, finalRead));
    String message = "the final read " + finalRead.label() + " lacks " + e.value + ", ";
    if (e.add.outcome() == Outcome.OK) {
      message += "added by " + e.add.label() + ", which completed ok before it was invoked";
    } else {
      message += "whose add " + e.add.label() + " ended info";
    }
    if (e.reads.isEmpty()) {
      message += "; no read ever showed it";
    } else {
      Operation lastSeen = reads.get(e.reads.last());
      ops.add(lastSeen);
      message += "; last shown by " + lastSeen.label();
    }
    anomalies.add(new Finding("lost", message, ops));
  }

  /** Reports the reads invoked after {@code e} was known present that lack it. */
  private void staleReads(Element e) {
    int from = upperBound(invokeAt, e.knownAt);
    int p = e.reads.lowerBound(from);
    int missing = (reads.size() - from) - (e.reads.size() - p);
    if (missing == 0) {
      return;
    }
    List<Operation> ops = new ArrayList<>();
    ops.add(e.add);
    for (int r = from; r < reads.size() && ops.size() <= READS_LISTED_MAX; r++) {
      if (p < e.reads.size() && e.reads.get(p) == r) {
        p++;
      } else {
        ops.add(reads.get(r));
      }
    }
    String known = e.add.outcome() == Outcome.OK && e.add.deadlineAt() == e.knownAt
        ? "its add " + e.add.label() + " completed ok"
        : "a read showing it completed";
    anomalies.add(new Finding("stale-read", missing + " read" + (missing == 1 ? "" : "s")
        + " invoked after " + known + " lack " + e.value + ", first " + ops.get(1).label(), ops));
  }

  private List<Operation> readsListed(IntList ordinals) {
    List<Operation> ops = new ArrayList<>();
    for (int i = 0; i < Math.min(ordinals.size(), READS_LISTED_MAX); i++) {
      ops.add(reads.get(ordinals.get(i)));
    }
    return ops;
  }

  private String readsSaying(int n) {
    return n == 1 ? "a read shows" : n + " reads show";
  }

  /** The first position whose value is {@code > value}; {@code sorted} is ascending. */
  private static int upperBound(int[] sorted, int value) {
    int i = Arrays.binarySearch(sorted, value);
    return i < 0 ? -i - 1 : i + 1;
  }
}

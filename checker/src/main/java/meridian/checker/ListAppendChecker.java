package meridian.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a list-append history for the anomalies that strict serializability forbids: what single
 * reads show (aborted, intermediate, internal, duplicated or unknown values; orders that disagree)
 * and cycles in the dependency graph that the reads reveal (see the package documentation).
 * Single-threaded; one instance per check.
 */
public final class ListAppendChecker {

  public static final String MODEL = "list-append";

  /** Readers listed in one finding; the message counts the rest. */
  static final int READERS_LISTED_MAX = 10;

  private record Element(long key, long value) {}

  /** The longest read of a key (first occurrences only) and who read it. */
  private record Longest(long[] values, Operation reader) {}

  // Invariant: every operation is a txn, so txns.get(i).op().index() == i.
  private final List<AppendTxn> txns;
  private final AppendIndex index;
  private final List<Finding> anomalies = new ArrayList<>();
  // Per txn: whether a read of another txn shows one of its appends.
  private final boolean[] observed;
  // Per key, in key order: its longest read so far, which becomes its version order.
  private final Map<Long, Longest> longest = new TreeMap<>();
  // The first-occurrence copy of each read that repeats a value (the others stand for themselves).
  private final Map<long[], long[]> firstOccurrences = new IdentityHashMap<>();
  private final Map<Element, List<Operation>> unknownValues = new LinkedHashMap<>();
  private final Map<Element, List<Operation>> abortedReads = new LinkedHashMap<>();
  // Duplicate detection: stamps.get(key)[i] == readStamp when the read at hand showed value i.
  private final Map<Long, int[]> stamps = new HashMap<>();
  private int readStamp;

  private ListAppendChecker(List<AppendTxn> txns) throws MalformedHistoryException {
    this.txns = txns;
    this.index = AppendIndex.of(txns);
    this.observed = new boolean[txns.size()];
  }

  /**
   * @throws MalformedHistoryException if an operation is not a txn of the documented shape, or a
   *     value is appended to a key twice
   */
  public static CheckResult check(History history) throws MalformedHistoryException {
    List<AppendTxn> txns = new ArrayList<>(history.operations().size());
    for (Operation op : history.operations()) {
      txns.add(AppendTxn.parse(op));
    }
    return new ListAppendChecker(txns).run(history);
  }

  private CheckResult run(History history) throws MalformedHistoryException {
    long okTxns = 0;
    for (AppendTxn txn : txns) {
      if (txn.op().outcome() == Outcome.OK) {
        okTxns++;
        checkReads(txn);
        checkInternal(txn);
      }
    }
    reportByElement("unknown-value", unknownValues, "which no transaction appended");
    reportByElement("G1a", abortedReads, "appended by a transaction that failed");
    Map<String, Long> counts = CheckResult.historyCounts(history.counts());
    counts.put("txnsOk", okTxns);
    counts.put("txnsFail", count(Outcome.FAIL));
    counts.put("txnsInfo", count(Outcome.INDETERMINATE));
    counts.put("keysRead", (long) longest.size());
    Map<Long, long[]> versions = new TreeMap<>();
    longest.forEach((key, read) -> versions.put(key, read.values()));
    ListAppendGraph graph =
        new ListAppendGraph(txns, index, observed, versions, firstOccurrences);
    graph.incompatible().forEach((key, readers) -> anomalies.add(incompatibleOrder(key, readers)));
    List<Finding> cycles = graph.cycles();
    anomalies.addAll(cycles);
    DependencyGraph g = graph.graph();
    counts.put("graphNodes", (long) g.nodes());
    counts.put("txnsInfoCommitted", g.nodes() - okTxns);
    for (EdgeKind kind : EdgeKind.values()) {
      counts.put(kind.jsonName() + "Edges", g.count(kind));
    }
    counts.put("cyclicComponents", (long) cycles.size());
    Optional<String> unknown = Optional.empty();
    if (okTxns == 0) {
      unknown = Optional.of("no transaction completed ok, so nothing was observed");
    } else if (graph.full()) {
      unknown = Optional.of("the dependency graph reached " + DependencyGraph.EDGES_MAX
          + " edges; cycles through the edges left out were not searched");
    }
    return CheckResult.of(MODEL, anomalies, counts, unknown);
  }

  private Finding incompatibleOrder(long key, List<Operation> readers) {
    Longest order = longest.get(key);
    List<Operation> ops = new ArrayList<>();
    ops.add(order.reader());
    ops.addAll(readers.subList(0, Math.min(readers.size(), READERS_LISTED_MAX)));
    String which = readers.size() == 1 ? "the read by " + readers.get(0).label() + " is not"
        : readers.size() + " reads, first by " + readers.get(0).label() + ", are not";
    return new Finding("incompatible-order", "key " + key + ": " + which + " a prefix of the"
        + " longest read, " + quote(order.values()) + " by " + order.reader().label(), ops);
  }

  private long count(Outcome outcome) {
    return txns.stream().filter(t -> t.op().outcome() == outcome).count();
  }

  /**
   * Per read of an ok txn: repeated, unknown and aborted values, an intermediate last value; marks
   * the writers it shows as observed and keeps the longest read of each key.
   */
  private void checkReads(AppendTxn txn) {
    int reader = txn.op().index();
    for (AppendTxn.Micro micro : txn.micros()) {
      if (micro.append()) {
        continue;
      }
      long key = micro.key();
      long[] read = micro.read();
      AppendIndex.KeyAppends appends = index.forKey(key);
      int[] seen = stamps.computeIfAbsent(key, k -> new int[appends.size()]);
      readStamp++;
      Set<Long> unknownSeen = null;
      boolean repeats = false;
      for (long value : read) {
        int i = appends.find(value);
        if (i < 0) {
          unknownSeen = unknownSeen == null ? new HashSet<>() : unknownSeen;
          repeats |= !unknownSeen.add(value);
          readers(unknownValues, key, value, txn.op());
          continue;
        }
        repeats |= seen[i] == readStamp;
        seen[i] = readStamp;
        int writer = appends.writer(i);
        if (txns.get(writer).op().outcome() == Outcome.FAIL) {
          readers(abortedReads, key, value, txn.op());
        } else if (writer != reader) {
          observed[writer] = true;
        }
      }
      long[] distinct = read;
      if (repeats) {
        distinct = Arrays.stream(read).distinct().toArray();
        firstOccurrences.put(read, distinct);
        anomalies.add(new Finding("duplicate-elements", txn.op().label() + " reads key " + key
            + " as " + quote(read) + ", with a value more than once", List.of(txn.op())));
      }
      checkIntermediate(txn, key, read, appends);
      Longest before = longest.get(key);
      if (before == null || distinct.length > before.values().length) {
        longest.put(key, new Longest(distinct, txn.op()));
      }
    }
  }

  /** A read ending in a value its writer followed with another append to the key is G1b. */
  private void checkIntermediate(AppendTxn txn, long key, long[] read,
      AppendIndex.KeyAppends appends) {
    if (read.length == 0) {
      return;
    }
    int i = appends.find(read[read.length - 1]);
    if (i < 0 || appends.lastOfWriter(i)) {
      return;
    }
    Operation writer = txns.get(appends.writer(i)).op();
    if (writer != txn.op() && writer.outcome() != Outcome.FAIL) {
      anomalies.add(new Finding("G1b", txn.op().label() + " reads key " + key + " ending in "
          + read[read.length - 1] + ", which " + writer.label() + " followed with another append"
          + " to the key", List.of(writer, txn.op())));
    }
  }

  /**
   * Within a txn, a read of a key shows what the txn read of it before followed by what it appended
   * since; with no read before, it ends with what the txn appended.
   */
  private void checkInternal(AppendTxn txn) {
    Map<Long, long[]> lastRead = new HashMap<>();
    Map<Long, List<Long>> appendedSince = new HashMap<>();
    for (AppendTxn.Micro micro : txn.micros()) {
      List<Long> own = appendedSince.computeIfAbsent(micro.key(), k -> new ArrayList<>());
      if (micro.append()) {
        own.add(micro.value());
        continue;
      }
      long[] before = lastRead.get(micro.key());
      long[] expected = before == null ? null : concat(before, own);
      boolean fits = expected != null ? Arrays.equals(micro.read(), expected)
          : endsWith(micro.read(), own);
      if (!fits) {
        anomalies.add(new Finding("internal", txn.op().label() + " reads key " + micro.key()
            + " as " + quote(micro.read()) + " after " + (before == null ? ""
                : "reading " + quote(before) + " and ") + "appending " + own, List.of(txn.op())));
      }
      lastRead.put(micro.key(), micro.read());
      own.clear();
    }
  }

  private static long[] concat(long[] read, List<Long> appended) {
    long[] all = Arrays.copyOf(read, read.length + appended.size());
    for (int i = 0; i < appended.size(); i++) {
      all[read.length + i] = appended.get(i);
    }
    return all;
  }

  private static boolean endsWith(long[] read, List<Long> appended) {
    int from = read.length - appended.size();
    if (from < 0) {
      return false;
    }
    for (int i = 0; i < appended.size(); i++) {
      if (read[from + i] != appended.get(i)) {
        return false;
      }
    }
    return true;
  }

  private static void readers(Map<Element, List<Operation>> readers, long key, long value,
      Operation reader) {
    List<Operation> list = readers.computeIfAbsent(new Element(key, value), e -> new ArrayList<>());
    if (list.isEmpty() || list.getLast() != reader) {
      list.add(reader);
    }
  }

  private void reportByElement(String type, Map<Element, List<Operation>> readers, String why) {
    readers.forEach((element, ops) -> {
      List<Operation> shown = new ArrayList<>();
      int writer = index.forKey(element.key()).find(element.value());
      if (writer >= 0) {
        shown.add(txns.get(index.forKey(element.key()).writer(writer)).op());
      }
      shown.addAll(ops.subList(0, Math.min(ops.size(), READERS_LISTED_MAX)));
      anomalies.add(new Finding(type, (ops.size() == 1 ? ops.get(0).label() + " reads"
          : ops.size() + " txns read, first " + ops.get(0).label() + ",") + " value "
          + element.value() + " of key " + element.key() + ", " + why, shown));
    });
  }

  static String quote(long[] values) {
    return OperationValues.quote(new Value.Seq(Arrays.stream(values).mapToObj(Value::of).toList()));
  }
}

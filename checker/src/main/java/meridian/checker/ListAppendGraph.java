package meridian.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency graph of a list-append history (see the package documentation): its nodes are
 * the ok txns and the info txns some other txn observed, its edges ww, wr and rw from each key's
 * version order and reads, and realtime, transitively reduced. Building it also finds the reads that
 * are not a prefix of their key's version order. Single-threaded; one instance per check.
 */
final class ListAppendGraph {

  private final List<AppendTxn> txns;
  private final AppendIndex index;
  private final Map<Long, long[]> versions;
  private final Map<long[], long[]> firstOccurrences;
  // Invariant: nodeOf[t] is txn t's node or -1; txnOf[nodeOf[t]] == t.
  private final int[] nodeOf;
  private final int[] txnOf;
  private final DependencyGraph.Builder builder;
  // Per key, in key order: the ok txns whose read of it is not a prefix of its version order.
  private final Map<Long, List<Operation>> incompatible = new LinkedHashMap<>();
  private final DependencyGraph graph;

  /**
   * @param observed per txn, whether another txn's read shows one of its appends
   * @param versions per key, its version order
   * @param firstOccurrences the first-occurrence copy of each read that repeats a value
   */
  ListAppendGraph(List<AppendTxn> txns, AppendIndex index, boolean[] observed,
      Map<Long, long[]> versions, Map<long[], long[]> firstOccurrences) {
    this.txns = txns;
    this.index = index;
    this.versions = versions;
    this.firstOccurrences = firstOccurrences;
    nodeOf = new int[txns.size()];
    int nodes = 0;
    for (int t = 0; t < txns.size(); t++) {
      Outcome outcome = txns.get(t).op().outcome();
      boolean committed = outcome == Outcome.OK
          || (outcome == Outcome.INDETERMINATE && observed[t]);
      nodeOf[t] = committed ? nodes++ : -1;
    }
    txnOf = new int[nodes];
    for (int t = 0; t < txns.size(); t++) {
      if (nodeOf[t] >= 0) {
        txnOf[nodeOf[t]] = t;
      }
    }
    builder = new DependencyGraph.Builder(nodes);
    writeWrite();
    reads();
    realTime();
    graph = builder.build();
  }

  DependencyGraph graph() {
    return graph;
  }

  /** Whether edges were dropped at {@link DependencyGraph#EDGES_MAX}. */
  boolean full() {
    return builder.full();
  }

  Operation op(int node) {
    return txns.get(txnOf[node]).op();
  }

  Map<Long, List<Operation>> incompatible() {
    return incompatible;
  }

  /** Committed txns that appended consecutive versions: ww from the first to the second. */
  private void writeWrite() {
    versions.forEach((key, order) -> {
      AppendIndex.KeyAppends appends = index.forKey(key);
      for (int i = 0; i + 1 < order.length; i++) {
        edge(writerNode(appends, order[i]), writerNode(appends, order[i + 1]), EdgeKind.WW, key);
      }
    });
  }

  /**
   * wr from the writer of a read's last value to the reader; rw from the reader of a prefix to the
   * writer of the version after it.
   */
  private void reads() {
    for (AppendTxn txn : txns) {
      int reader = nodeOf[txn.op().index()];
      if (txn.op().outcome() != Outcome.OK) {
        continue;
      }
      for (AppendTxn.Micro micro : txn.micros()) {
        if (micro.append()) {
          continue;
        }
        long key = micro.key();
        long[] read = firstOccurrences.getOrDefault(micro.read(), micro.read());
        AppendIndex.KeyAppends appends = index.forKey(key);
        if (read.length > 0) {
          edge(writerNode(appends, read[read.length - 1]), reader, EdgeKind.WR, key);
        }
        long[] order = versions.get(key);
        if (!Arrays.equals(read, 0, read.length, order, 0, Math.min(read.length, order.length))) {
          incompatible.computeIfAbsent(key, k -> new ArrayList<>()).add(txn.op());
        } else if (read.length < order.length) {
          edge(reader, writerNode(appends, order[read.length]), EdgeKind.RW, key);
        }
      }
    }
  }

  /**
   * On each invoke, realtime edges from the frontier: the txns completed ok so far that no other
   * completed txn followed in real time (a txn leaves it when one invoked after it completes).
   */
  private void realTime() {
    List<Operation> ops = new ArrayList<>(txnOf.length);
    for (int t : txnOf) {
      ops.add(txns.get(t).op());
    }
    List<Operation> frontier = new ArrayList<>();
    RealTimeWalk.walk(ops,
        op -> {
          if (op.outcome() == Outcome.OK) {
            frontier.removeIf(before -> before.deadlineAt() < op.invokeAt());
            frontier.add(op);
          }
        },
        op -> frontier.forEach(before ->
            edge(nodeOf[before.index()], nodeOf[op.index()], EdgeKind.REALTIME, 0)));
  }

  private int writerNode(AppendIndex.KeyAppends appends, long value) {
    int i = appends.find(value);
    return i < 0 ? -1 : nodeOf[appends.writer(i)];
  }

  /** Adds the edge when both ends are nodes and differ. */
  private void edge(int from, int to, EdgeKind kind, long key) {
    if (from >= 0 && to >= 0 && from != to) {
      builder.add(from, to, kind, key);
    }
  }

  /** One finding per strongly connected component: a short cycle in it, named by its edges. */
  List<Finding> cycles() {
    int n = graph.nodes();
    int[] all = new int[n];
    Arrays.setAll(all, v -> v);
    int[] group = new int[n];
    StronglyConnected components = new StronglyConnected(graph);
    CycleSearch search = new CycleSearch(graph, components);
    List<Finding> findings = new ArrayList<>();
    List<int[]> cyclic = components.cyclic(all, group, 0, EdgeKind.ALL);
    for (int c = 0; c < cyclic.size(); c++) {
      int id = c + 1;
      for (int v : cyclic.get(c)) {
        group[v] = id;
      }
      findings.add(finding(search.find(cyclic.get(c), group, id)));
    }
    return findings;
  }

  private Finding finding(Cycle cycle) {
    List<Operation> ops = new ArrayList<>();
    List<String> edges = new ArrayList<>();
    StringBuilder message = new StringBuilder("cycle: ");
    for (int i = 0; i < cycle.nodes().length; i++) {
      EdgeKind kind = cycle.kinds()[i];
      ops.add(op(cycle.nodes()[i]));
      edges.add(kind.jsonName());
      message.append(op(cycle.nodes()[i]).label()).append(" -").append(kind.jsonName())
          .append(kind == EdgeKind.REALTIME ? "" : " key " + cycle.keys()[i]).append("-> ");
    }
    message.append(ops.get(0).label());
    return new Finding(cycle.type(), message.toString(), ops, edges);
  }
}

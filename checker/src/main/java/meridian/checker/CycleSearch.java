package meridian.checker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds one short cycle in a strongly connected component of a {@link DependencyGraph}, trying the
 * weakest anomaly first (see the package documentation): write-write edges only, then with
 * write-read, then exactly one read-write edge, then any data edges; then the same four with real
 * time allowed. Each stage is a Tarjan pass over the allowed edges and a breadth-first search, so a
 * component costs {@code O(V + E)} per stage, and the one-read-write stage at most {@link
 * #RW_EDGES_TRIED_MAX} of them. Reuses its arrays across components; single-threaded.
 */
final class CycleSearch {

  /** Read-write edges of one component tried as a cycle's single read-write edge. */
  static final int RW_EDGES_TRIED_MAX = 100;

  private static final int WW = EdgeKind.WW.bit();
  private static final int WR = EdgeKind.WR.bit();
  private static final int RT = EdgeKind.REALTIME.bit();

  private final DependencyGraph graph;
  private final StronglyConnected components;
  // Breadth-first search state; visited[v] == stamp marks v visited by the current search.
  private final int[] visited;
  private final int[] parent;
  private final int[] queue;
  private int stamp;

  CycleSearch(DependencyGraph graph, StronglyConnected components) {
    this.graph = graph;
    this.components = components;
    int n = graph.nodes();
    visited = new int[n];
    parent = new int[n];
    queue = new int[n];
  }

  /**
   * A short cycle among {@code component}'s nodes, which must be strongly connected (each with
   * {@code group[v] == id}, and no other node).
   */
  Cycle find(int[] component, int[] group, int id) {
    for (int realtime : new int[] {0, RT}) {
      for (int kinds : new int[] {WW, WW | WR}) {
        List<int[]> cyclic = components.cyclic(component, group, id, kinds | realtime);
        if (!cyclic.isEmpty()) {
          int start = cyclic.get(0)[0];
          return label(path(start, start, group, id, kinds | realtime), kinds | realtime);
        }
      }
      Cycle single = singleReadWrite(component, group, id, WW | WR | realtime);
      if (single != null) {
        return single;
      }
      int all = EdgeKind.DATA | realtime;
      List<int[]> cyclic = components.cyclic(component, group, id, all);
      if (!cyclic.isEmpty()) {
        int start = cyclic.get(0)[0];
        return label(path(start, start, group, id, all), all);
      }
    }
    throw new IllegalArgumentException("not strongly connected: " + component.length + " nodes");
  }

  /** A read-write edge closed by a path of {@code kinds} edges, or null if none was found. */
  private Cycle singleReadWrite(int[] component, int[] group, int id, int kinds) {
    int tried = 0;
    for (int a : component) {
      for (int e = graph.firstEdge(a); e < graph.endEdge(a); e++) {
        int b = graph.target(e);
        if (graph.kind(e) != EdgeKind.RW || group[b] != id) {
          continue;
        }
        if (tried++ == RW_EDGES_TRIED_MAX) {
          return null;
        }
        List<Integer> back = path(b, a, group, id, kinds);
        if (back != null) {
          List<Integer> cycle = new ArrayList<>();
          cycle.add(a);
          cycle.addAll(back);
          return label(cycle, kinds | EdgeKind.RW.bit());
        }
      }
    }
    return null;
  }

  /**
   * The nodes of a shortest path of {@code kinds} edges within the group from {@code from} to
   * {@code to}, without {@code to} itself ({@code from} first); when {@code from == to}, of a
   * shortest cycle through it. Null if there is none.
   */
  private List<Integer> path(int from, int to, int[] group, int id, int kinds) {
    stamp++;
    int head = 0;
    int tail = 0;
    visited[from] = stamp;
    queue[tail++] = from;
    while (head < tail) {
      int v = queue[head++];
      for (int e = graph.firstEdge(v); e < graph.endEdge(v); e++) {
        int w = graph.target(e);
        if (!graph.allowed(e, kinds) || group[w] != id) {
          continue;
        }
        if (w == to) {
          List<Integer> path = new ArrayList<>();
          for (int u = v; u != from; u = parent[u]) {
            path.add(u);
          }
          path.add(from);
          return path.reversed();
        }
        if (visited[w] != stamp) {
          visited[w] = stamp;
          parent[w] = v;
          queue[tail++] = w;
        }
      }
    }
    return null;
  }

  /**
   * The cycle through {@code nodes}, starting from its earliest transaction (the smallest node), each
   * edge labelled with its weakest kind in {@code kinds}.
   */
  private Cycle label(List<Integer> path, int kinds) {
    int n = path.size();
    List<Integer> nodes = new ArrayList<>(path);
    Collections.rotate(nodes, -nodes.indexOf(Collections.min(nodes)));
    int[] cycle = new int[n];
    EdgeKind[] edgeKinds = new EdgeKind[n];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      int from = nodes.get(i);
      int to = nodes.get((i + 1) % n);
      cycle[i] = from;
      for (int e = graph.firstEdge(from); e < graph.endEdge(from); e++) {
        if (graph.target(e) == to && graph.allowed(e, kinds)
            && (edgeKinds[i] == null || graph.kind(e).compareTo(edgeKinds[i]) < 0)) {
          edgeKinds[i] = graph.kind(e);
          keys[i] = graph.key(e);
        }
      }
    }
    return new Cycle(cycle, edgeKinds, keys);
  }
}

package meridian.checker;

import java.util.Arrays;

/**
 * A directed multigraph of transactions (nodes {@code 0..nodes-1}) whose edges carry an {@link
 * EdgeKind} and the key that caused them, stored as adjacency arrays: the edges leaving {@code v}
 * are {@code firstEdge(v)} to {@code endEdge(v) - 1}. Immutable once built.
 */
final class DependencyGraph {

  /** Most edges a graph may hold (13 bytes each). */
  static final int EDGES_MAX = 20_000_000;

  private static final EdgeKind[] KINDS = EdgeKind.values();

  private final int nodes;
  // Invariant: start[0] == 0, start is non-decreasing, start[nodes] == target.length; no edge goes
  // from a node to itself.
  private final int[] start;
  private final int[] target;
  private final byte[] kind;
  private final long[] key;

  private DependencyGraph(int nodes, int[] start, int[] target, byte[] kind, long[] key) {
    this.nodes = nodes;
    this.start = start;
    this.target = target;
    this.kind = kind;
    this.key = key;
  }

  int nodes() {
    return nodes;
  }

  int firstEdge(int v) {
    return start[v];
  }

  int endEdge(int v) {
    return start[v + 1];
  }

  int target(int edge) {
    return target[edge];
  }

  EdgeKind kind(int edge) {
    return KINDS[kind[edge]];
  }

  /** Whether the edge's kind is in {@code kinds}, a union of {@link EdgeKind#bit()}s. */
  boolean allowed(int edge, int kinds) {
    return (kinds & (1 << kind[edge])) != 0;
  }

  /** The key whose versions made the edge; meaningless for a real-time edge. */
  long key(int edge) {
    return key[edge];
  }

  long count(EdgeKind k) {
    long n = 0;
    for (byte b : kind) {
      n += b == k.ordinal() ? 1 : 0;
    }
    return n;
  }

  /** Collects edges in any order. Single-threaded. */
  static final class Builder {
    private final int nodes;
    private int edges;
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private byte[] kinds = new byte[1024];
    private long[] keys = new long[1024];
    private boolean full;

    Builder(int nodes) {
      this.nodes = nodes;
    }

    /** Adds the edge, or past {@link #EDGES_MAX} edges drops it and marks the graph full. */
    void add(int source, int destination, EdgeKind kind, long key) {
      if (source == destination || source < 0 || destination < 0 || source >= nodes
          || destination >= nodes) {
        throw new IllegalArgumentException("edge " + source + " -> " + destination + " of "
            + nodes);
      }
      if (edges == EDGES_MAX) {
        full = true;
        return;
      }
      if (edges == from.length) {
        int length = (int) Math.min(EDGES_MAX, 2L * edges);
        from = Arrays.copyOf(from, length);
        to = Arrays.copyOf(to, length);
        kinds = Arrays.copyOf(kinds, length);
        keys = Arrays.copyOf(keys, length);
      }
      from[edges] = source;
      to[edges] = destination;
      kinds[edges] = (byte) kind.ordinal();
      keys[edges] = key;
      edges++;
    }

    /** Whether an edge was dropped: a graph built now lacks edges and proves nothing. */
    boolean full() {
      return full;
    }

    /** Sorts the edges by source (a counting sort, stable). */
    DependencyGraph build() {
      int[] start = new int[nodes + 1];
      for (int e = 0; e < edges; e++) {
        start[from[e] + 1]++;
      }
      for (int v = 0; v < nodes; v++) {
        start[v + 1] += start[v];
      }
      int[] next = Arrays.copyOf(start, nodes);
      int[] target = new int[edges];
      byte[] kind = new byte[edges];
      long[] key = new long[edges];
      for (int e = 0; e < edges; e++) {
        int slot = next[from[e]]++;
        target[slot] = to[e];
        kind[slot] = kinds[e];
        key[slot] = keys[e];
      }
      return new DependencyGraph(nodes, start, target, kind, key);
    }
  }
}

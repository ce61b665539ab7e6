package meridian.checker;

import java.util.Objects;

/**
 * A cycle in a {@link DependencyGraph}: edge {@code i} goes from {@code nodes[i]} to {@code
 * nodes[i + 1]}, the last one back to {@code nodes[0]}, with kind {@code kinds[i]} and, for a data
 * edge, the key {@code keys[i]} that made it.
 */
record Cycle(int[] nodes, EdgeKind[] kinds, long[] keys) {

  // Invariant: the arrays have one entry per edge, at least two.
  Cycle {
    Objects.requireNonNull(nodes);
    if (nodes.length < 2 || kinds.length != nodes.length || keys.length != nodes.length) {
      throw new IllegalArgumentException("a cycle of " + nodes.length + " nodes, "
          + kinds.length + " kinds and " + keys.length + " keys");
    }
  }

  /**
   * The anomaly it shows, Adya's names: {@code G0} (write-write edges only), {@code G1c} (also
   * write-read), {@code G-single} (exactly one read-write), {@code G2} (more); with the suffix
   * {@code -realtime} when it needs a real-time edge.
   */
  String type() {
    int wr = 0;
    int rw = 0;
    boolean realtime = false;
    for (EdgeKind kind : kinds) {
      switch (kind) {
        case WW -> { }
        case WR -> wr++;
        case RW -> rw++;
        case REALTIME -> realtime = true;
      }
    }
    String data = rw == 0 ? (wr == 0 ? "G0" : "G1c") : rw == 1 ? "G-single" : "G2";
    return realtime ? data + "-realtime" : data;
  }
}

package meridian.checker.report;

import java.util.List;

/**
 * The bottom panel: completed operations per second, per outcome, as step lines over fixed-width
 * buckets of completion time. Counts every completed operation, not only those drawn as dots.
 * Never-completed operations have no completion and are not counted.
 */
final class ThroughputPanel {

  /** Buckets are 1 s unless that gives fewer than this many; then finer, down to 1 ms. */
  static final int BUCKETS_MIN = 30;

  /** Buckets are coarser than 1 s when a run is long enough to need more than this many. */
  static final int BUCKETS_MAX = 2_000;

  private static final long[] WIDTHS_NANOS = {
    1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L, 20_000_000L, 50_000_000L, 100_000_000L,
    200_000_000L, 500_000_000L, 1_000_000_000L, 2_000_000_000L, 5_000_000_000L, 10_000_000_000L,
    30_000_000_000L, 60_000_000_000L, 300_000_000_000L, 600_000_000_000L, 3_600_000_000_000L
  };

  private static final int ONE_SECOND = 9; // index of 1 s in WIDTHS_NANOS

  /**
   * Per-outcome counts in buckets of {@code widthNanos} starting at {@code startNanos}.
   *
   * @param counts {@code counts[outcome][bucket]}; never-completed row is all zero
   */
  record Buckets(long startNanos, long widthNanos, int[][] counts) {

    double ratePerSecond(int outcome, int bucket) {
      return counts[outcome][bucket] * 1e9 / widthNanos;
    }

    String widthLabel() {
      return widthNanos >= 1_000_000_000L
          ? widthNanos / 1_000_000_000L + " s" : widthNanos / 1_000_000L + " ms";
    }
  }

  private ThroughputPanel() {}

  static Buckets buckets(Timeline t, long startNanos, long endNanos) {
    long span = Math.max(1, endNanos - startNanos);
    int w = ONE_SECOND;
    while (w > 0 && span / WIDTHS_NANOS[w] < BUCKETS_MIN) {
      w--;
    }
    while (w < WIDTHS_NANOS.length - 1 && span / WIDTHS_NANOS[w] >= BUCKETS_MAX) {
      w++;
    }
    long width = WIDTHS_NANOS[w];
    if (span / width >= BUCKETS_MAX) {
      // Past the widest round width (a run over 2,000 hours, or a bogus time), stay bounded.
      width = span / (BUCKETS_MAX - 1) + 1;
    }
    int n = (int) Math.min(Integer.MAX_VALUE - 1, span / width + 1);
    int[][] counts = new int[Timeline.OUTCOMES][n];
    for (int i = 0; i < t.operations; i++) {
      if (t.outcome[i] != Timeline.NEVER_COMPLETED) {
        int b = (int) Math.min(n - 1, Math.max(0, (t.completeNanos[i] - startNanos) / width));
        counts[t.outcome[i]][b]++;
      }
    }
    return new Buckets(startNanos, width, counts);
  }

  static double rateMax(Buckets b) {
    double max = 0;
    for (int o = 0; o < Timeline.OUTCOMES; o++) {
      for (int i = 0; i < b.counts()[o].length; i++) {
        max = Math.max(max, b.ratePerSecond(o, i));
      }
    }
    return max;
  }

  static void drawLines(Svg svg, Timeline t, Buckets b, Scale x, Scale y) {
    for (int o = 0; o < Timeline.NEVER_COMPLETED; o++) {
      if (t.outcomeCounts[o] == 0) {
        continue;
      }
      svg.raw("<polyline class=\"rate ").raw(DotSample.OUTCOME_NAMES[o]).raw("\" stroke=\"")
          .raw(LatencyPanel.OUTCOME_COLORS[o]).raw("\" points=\"");
      int n = b.counts()[o].length;
      for (int i = 0; i < n; i++) {
        double x0 = x.pixel((b.startNanos() + i * b.widthNanos()) / 1e9);
        double x1 = Math.min(x.pixelMax(),
            x.pixel((b.startNanos() + (i + 1) * b.widthNanos()) / 1e9));
        double py = y.pixel(b.ratePerSecond(o, i));
        svg.num(x0).raw(",").num(py).raw(" ").num(x1).raw(",").num(py).raw(" ");
      }
      svg.raw("\"/>\n");
    }
  }

  static void drawAxis(Svg svg, Scale y, double left, double right, Buckets b) {
    List<Scale.Tick> ticks = y.ticks(4);
    for (Scale.Tick tick : ticks) {
      double py = y.pixel(tick.value());
      svg.line(left, py, right, py, "grid");
      svg.line(left - 4, py, left, py, "axis");
      svg.text(left - 6, py + 4, "end", "tick", tick.label());
    }
    svg.verticalText(left - 48, (y.pixelMin() + y.pixelMax()) / 2, "label",
        "completed ops/s (" + b.widthLabel() + " buckets)");
  }
}

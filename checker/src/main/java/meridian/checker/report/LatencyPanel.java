package meridian.checker.report;

import java.util.List;

/**
 * The top panel: one dot per drawn operation at (invoke time, latency in ms on a log scale),
 * colored by outcome; shaped by {@code f} when there are few kinds. Operations never completed have
 * no latency: they are hollow dots on the panel's top edge, at their invoke time.
 */
final class LatencyPanel {

  /** Latencies below this (a zero-length operation) are drawn at it: a log scale has no zero. */
  static final double LATENCY_MS_MIN = 0.001;

  /** At most this many kinds of {@code f} get their own shape; more are all circles. */
  static final int SHAPES_MAX = 6;

  static final String[] OUTCOME_COLORS = {"#2e9e44", "#8c8c8c", "#e0542b", "#8c8c8c"};

  private static final double DOT_RADIUS = 2.2;

  private LatencyPanel() {}

  static Scale latencyScale(Timeline t, double top, double bottom) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int i = 0; i < t.operations; i++) {
      if (t.outcome[i] != Timeline.NEVER_COMPLETED) {
        double ms = latencyMs(t, i);
        min = Math.min(min, ms);
        max = Math.max(max, ms);
      }
    }
    if (max == 0) {
      min = 1;
      max = 10;
    }
    return Scale.logDecades(min, max, bottom, top);
  }

  static boolean shapesByF(Timeline t) {
    return t.fNames.size() <= SHAPES_MAX;
  }

  static void drawDots(Svg svg, Timeline t, Scale x, Scale y, DotSample sample) {
    boolean shapes = shapesByF(t);
    for (int o = 0; o < Timeline.OUTCOMES; o++) {
      if (sample.counts()[o] == 0) {
        continue;
      }
      boolean hollow = o == Timeline.NEVER_COMPLETED;
      svg.raw("<g class=\"dots ").raw(DotSample.OUTCOME_NAMES[o].replace(' ', '-')).raw("\"");
      if (hollow) {
        svg.raw(" fill=\"none\" stroke=\"").raw(OUTCOME_COLORS[o]).raw("\">\n");
      } else {
        svg.raw(" fill=\"").raw(OUTCOME_COLORS[o]).raw("\" fill-opacity=\"0.75\">\n");
      }
      for (int i = 0; i < t.operations; i++) {
        if (t.outcome[i] != o || !sample.keeps(i)) {
          continue;
        }
        double px = x.pixel(t.invokeNanos[i] / 1e9);
        double py = hollow ? y.pixelMax() : y.pixel(latencyMs(t, i));
        shape(svg, shapes ? t.fIndex[i] : 0, px, py);
      }
      svg.raw("</g>\n");
    }
  }

  static void drawAxis(Svg svg, Scale y, double left, double right) {
    List<Scale.Tick> ticks = y.ticks(0);
    for (Scale.Tick tick : ticks) {
      double py = y.pixel(tick.value());
      svg.line(left, py, right, py, "grid");
      svg.line(left - 4, py, left, py, "axis");
      svg.text(left - 6, py + 4, "end", "tick", tick.label());
    }
    svg.verticalText(left - 48, (y.pixelMin() + y.pixelMax()) / 2, "label",
        "latency (ms, log scale)");
  }

  static double latencyMs(Timeline t, int i) {
    return Math.max(LATENCY_MS_MIN, (t.completeNanos[i] - t.invokeNanos[i]) / 1e6);
  }

  /** Shape {@code k}: circle, square, triangle up, diamond, triangle down, plus. */
  static void shape(Svg svg, int k, double x, double y) {
    double r = DOT_RADIUS;
    switch (k) {
      case 0 -> {
        svg.raw("<circle").attr("cx", x).attr("cy", y).attr("r", r).raw("/>\n");
        return;
      }
      case 1 -> {
        svg.raw("<rect").attr("x", x - r).attr("y", y - r).attr("width", 2 * r)
            .attr("height", 2 * r).raw("/>\n");
        return;
      }
      default -> { }
    }
    double s = r * 1.3;
    double[] points = switch (k) {
      case 2 -> new double[] {x, y - s, x + s, y + s * 0.8, x - s, y + s * 0.8};
      case 3 -> new double[] {x, y - s, x + s, y, x, y + s, x - s, y};
      case 4 -> new double[] {x, y + s, x + s, y - s * 0.8, x - s, y - s * 0.8};
      default -> {
        double w = s * 0.4;
        yield new double[] {x - w, y - s, x + w, y - s, x + w, y - w, x + s, y - w, x + s, y + w,
            x + w, y + w, x + w, y + s, x - w, y + s, x - w, y + w, x - s, y + w, x - s, y - w,
            x - w, y - w};
      }
    };
    svg.raw("<polygon points=\"");
    for (int i = 0; i < points.length; i += 2) {
      if (i > 0) {
        svg.raw(" ");
      }
      svg.num(points[i]).raw(",").num(points[i + 1]);
    }
    svg.raw("\"/>\n");
  }
}

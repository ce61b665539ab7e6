package meridian.checker.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Faults drawn across a panel: an interval as a translucent band labelled with the fault's name,
 * an instantaneous note as a dashed vertical line labelled with its {@code f}. Each kind has its
 * own color and its own label row, so overlapping faults of different kinds stay legible. The
 * note's value (which nodes, how far the clock moved) is the band's tooltip.
 */
final class FaultMarks {

  private static final int LABEL_ROWS = 3;

  private FaultMarks() {}

  static void draw(Svg svg, List<Timeline.FaultMark> marks, Scale x, double top, double bottom) {
    List<String> kinds = new ArrayList<>();
    svg.raw("<g class=\"faults\">\n");
    for (Timeline.FaultMark m : marks) {
      if (!kinds.contains(m.label())) {
        kinds.add(m.label());
      }
      String color = color(m.label());
      double x0 = x.pixel(m.startNanos() / 1e9);
      double labelY = top + 11 + (kinds.indexOf(m.label()) % LABEL_ROWS) * 11;
      if (m.instant()) {
        svg.raw("<line class=\"instant\"").attr("x1", x0).attr("y1", top).attr("x2", x0)
            .attr("y2", bottom).attr("stroke", color).raw(">");
      } else {
        // At least a pixel wide, so a fault shorter than a pixel still shows.
        double width = Math.max(1, x.pixel(m.endNanos() / 1e9) - x0);
        svg.raw("<rect class=\"fault\"").attr("x", x0).attr("y", top).attr("width", width)
            .attr("height", bottom - top).attr("fill", color).raw(" fill-opacity=\"0.15\">");
      }
      svg.raw("<title>").escape(tooltip(m)).raw("</title>")
          .raw(m.instant() ? "</line>\n" : "</rect>\n");
      svg.text(x0 + 2, labelY, "start", "fault-label", m.label());
    }
    svg.raw("</g>\n");
  }

  private static String tooltip(Timeline.FaultMark m) {
    String when = m.instant()
        ? String.format(Locale.ROOT, "at %.3f s", m.startNanos() / 1e9)
        : String.format(Locale.ROOT, "%.3f s to %.3f s%s", m.startNanos() / 1e9, m.endNanos() / 1e9,
            m.stopped() ? "" : " (never stopped)");
    return m.label() + " " + when + (m.detail().isEmpty() ? "" : ": " + m.detail());
  }

  /** A color per family of fault, so that a reader learns them once. */
  static String color(String label) {
    if (label.startsWith("partition")) {
      return "#e69500";
    } else if (label.startsWith("kill") || label.startsWith("crash")) {
      return "#d62728";
    } else if (label.startsWith("pause")) {
      return "#9467bd";
    } else if (label.startsWith("clock")) {
      return "#1f77b4";
    } else if (label.contains("leader")) {
      return "#17a2b8";
    }
    return "#7f7f7f";
  }
}

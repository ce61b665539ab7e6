package meridian.checker.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import meridian.checker.MalformedHistoryException;

/**
 * Draws a history as a standalone SVG: latency of each operation over time (top), throughput per
 * outcome over time (bottom), and the nemesis's faults as labelled bands across both. See the
 * package documentation for what the picture guarantees.
 */
public final class TimelinePlot {

  /** Most operations drawn as dots; beyond it they are sampled, as the caption says. */
  public static final int DOTS_MAX = 20_000;

  static final double WIDTH = 1000;
  static final double HEIGHT = 636;
  static final double LEFT = 80;
  static final double RIGHT = 980;
  static final double LATENCY_TOP = 90;
  static final double LATENCY_BOTTOM = 380;
  static final double RATE_TOP = 414;
  static final double RATE_BOTTOM = 584;

  private static final String STYLE = """
      <style>
      text{font-family:sans-serif;font-size:11px;fill:#222}
      .title{font-size:16px;font-weight:bold}
      .label{font-size:12px}
      .tick{font-size:10px;fill:#444}
      .axis{stroke:#222;stroke-width:1}
      .grid{stroke:#e6e6e6;stroke-width:1}
      .panel{fill:none;stroke:#222;stroke-width:1}
      .rate{fill:none;stroke-width:1.5}
      .instant{stroke-width:1.2;stroke-dasharray:4 3}
      .fault-label{font-size:10px}
      .empty{font-size:14px;fill:#666}
      </style>
      """;

  private TimelinePlot() {}

  /** Reads {@code historyJsonl} and writes the plot to {@code svgOut} (UTF-8), replacing it. */
  public static void render(Path historyJsonl, String title, Path svgOut)
      throws IOException, MalformedHistoryException {
    String svg;
    try (Reader in = Files.newBufferedReader(historyJsonl, StandardCharsets.UTF_8)) {
      svg = render(in, title);
    }
    Files.writeString(svgOut, svg, StandardCharsets.UTF_8);
  }

  /** The plot of the JSON-lines history read from {@code history}, as SVG text. */
  public static String render(Reader history, String title)
      throws IOException, MalformedHistoryException {
    return render(history, title, DOTS_MAX);
  }

  static String render(Reader history, String title, int dotsMax)
      throws IOException, MalformedHistoryException {
    return render(Timeline.read(history), title, dotsMax);
  }

  static String render(Timeline t, String title, int dotsMax) {
    Svg svg = new Svg();
    svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        .attr("width", WIDTH).attr("height", HEIGHT)
        .raw(" viewBox=\"0 0 ").num(WIDTH).raw(" ").num(HEIGHT).raw("\">\n")
        .raw("<title>").escape(title).raw("</title>\n").raw(STYLE)
        .raw("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.text(WIDTH / 2, 24, "middle", "title", title);
    if (t.isEmpty()) {
      svg.text(WIDTH / 2, HEIGHT / 2, "middle", "empty", "no operations");
      return svg.raw("</svg>\n").toString();
    }
    Scale x = Scale.linearNice(Math.min(0, t.timeMinNanos) / 1e9, t.timeMaxNanos / 1e9, LEFT,
        RIGHT, 10);
    DotSample sample = DotSample.choose(t, dotsMax);
    ThroughputPanel.Buckets buckets =
        ThroughputPanel.buckets(t, Math.round(x.dataMin() * 1e9), t.timeMaxNanos);
    caption(svg, t, sample);
    Legend.draw(svg, t, LEFT, 72);

    Scale latency = LatencyPanel.latencyScale(t, LATENCY_TOP, LATENCY_BOTTOM);
    LatencyPanel.drawAxis(svg, latency, LEFT, RIGHT);
    timeAxis(svg, x, LATENCY_TOP, LATENCY_BOTTOM, false);
    FaultMarks.draw(svg, t.marks, x, LATENCY_TOP, LATENCY_BOTTOM);
    LatencyPanel.drawDots(svg, t, x, latency, sample);
    frame(svg, LATENCY_TOP, LATENCY_BOTTOM);

    Scale rate = Scale.linearNice(0, ThroughputPanel.rateMax(buckets), RATE_BOTTOM, RATE_TOP, 4);
    ThroughputPanel.drawAxis(svg, rate, LEFT, RIGHT, buckets);
    timeAxis(svg, x, RATE_TOP, RATE_BOTTOM, true);
    FaultMarks.draw(svg, t.marks, x, RATE_TOP, RATE_BOTTOM);
    ThroughputPanel.drawLines(svg, t, buckets, x, rate);
    frame(svg, RATE_TOP, RATE_BOTTOM);
    return svg.raw("</svg>\n").toString();
  }

  private static void caption(Svg svg, Timeline t, DotSample sample) {
    int[] c = t.outcomeCounts;
    int intervals = 0;
    for (Timeline.FaultMark m : t.marks) {
      intervals += m.instant() ? 0 : 1;
    }
    svg.text(WIDTH / 2, 42, "middle", "caption", DotSample.count(t.operations) + " operations: "
        + DotSample.count(c[Timeline.OK]) + " ok, " + DotSample.count(c[Timeline.FAIL]) + " fail, "
        + DotSample.count(c[Timeline.INFO]) + " info, "
        + DotSample.count(c[Timeline.NEVER_COMPLETED]) + " never completed; " + intervals
        + " fault intervals, " + (t.marks.size() - intervals) + " instantaneous notes"
        + (t.marksDropped > 0 ? " (" + t.marksDropped + " later notes not drawn)" : ""));
    svg.text(WIDTH / 2, 57, "middle", "caption", sample.describe());
  }

  private static void timeAxis(Svg svg, Scale x, double top, double bottom, boolean title) {
    for (Scale.Tick tick : x.ticks(10)) {
      double px = x.pixel(tick.value());
      svg.line(px, top, px, bottom, "grid");
      svg.line(px, bottom, px, bottom + 4, "axis");
      svg.text(px, bottom + 14, "middle", "tick", tick.label());
    }
    if (title) {
      svg.text((LEFT + RIGHT) / 2, bottom + 32, "middle", "label", "time since start (s)");
    }
  }

  private static void frame(Svg svg, double top, double bottom) {
    svg.raw("<rect class=\"panel\"").attr("x", LEFT).attr("y", top).attr("width", RIGHT - LEFT)
        .attr("height", bottom - top).raw("/>\n");
  }
}

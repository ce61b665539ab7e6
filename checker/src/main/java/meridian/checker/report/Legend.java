package meridian.checker.report;

/** One row above the plot: a marker per outcome present, then a shape per kind of {@code f}. */
final class Legend {

  /** Rough width of a character of 11 px sans-serif, to place the next item. */
  private static final double CHAR_WIDTH = 6.2;

  private static final double GAP = 18;

  private Legend() {}

  static void draw(Svg svg, Timeline t, double left, double y) {
    svg.raw("<g class=\"legend\">\n");
    double x = left;
    for (int o = 0; o < Timeline.OUTCOMES; o++) {
      if (t.outcomeCounts[o] == 0) {
        continue;
      }
      String color = LatencyPanel.OUTCOME_COLORS[o];
      svg.raw(o == Timeline.NEVER_COMPLETED
          ? "<g fill=\"none\" stroke=\"" + color + "\">" : "<g fill=\"" + color + "\">");
      LatencyPanel.shape(svg, 0, x + 3, y - 4);
      svg.raw("</g>\n");
      String name = o == Timeline.NEVER_COMPLETED
          ? "never completed (top edge)" : DotSample.OUTCOME_NAMES[o];
      svg.text(x + 10, y, "start", "legend", name);
      x += 10 + name.length() * CHAR_WIDTH + GAP;
    }
    if (!LatencyPanel.shapesByF(t)) {
      svg.text(x, y, "start", "legend", t.fNames.size() + " kinds of f, not told apart");
    } else {
      svg.raw("<g fill=\"#555\">\n");
      for (int f = 0; f < t.fNames.size(); f++) {
        LatencyPanel.shape(svg, f, x + 3, y - 4);
        String name = "f " + t.fNames.get(f);
        svg.text(x + 10, y, "start", "legend", name);
        x += 10 + name.length() * CHAR_WIDTH + GAP;
      }
      svg.raw("</g>\n");
    }
    svg.raw("</g>\n");
  }
}

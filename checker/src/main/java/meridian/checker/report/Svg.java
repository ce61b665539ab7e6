package meridian.checker.report;

/**
 * Appends SVG elements to a buffer. Coordinates are written with one decimal, which is finer than
 * a pixel and keeps a 20,000-dot plot small. Text is escaped for XML.
 */
final class Svg {

  final StringBuilder out = new StringBuilder(1 << 16);

  Svg raw(String text) {
    out.append(text);
    return this;
  }

  Svg num(double v) {
    long tenths = Math.round(v * 10);
    if (tenths < 0) {
      out.append('-');
      tenths = -tenths;
    }
    out.append(tenths / 10);
    if (tenths % 10 != 0) {
      out.append('.').append(tenths % 10);
    }
    return this;
  }

  Svg attr(String name, double v) {
    out.append(' ').append(name).append("=\"");
    num(v);
    out.append('"');
    return this;
  }

  Svg attr(String name, String v) {
    out.append(' ').append(name).append("=\"");
    escape(v);
    out.append('"');
    return this;
  }

  Svg escape(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(isXmlChar(text, i) ? c : '?');
      }
    }
    return this;
  }

  /** XML 1.0 forbids most control characters, even escaped, and unpaired surrogates. */
  private static boolean isXmlChar(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20) {
      return c == '\t' || c == '\n';
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
    return c != 0xfffe && c != 0xffff;
  }

  Svg line(double x1, double y1, double x2, double y2, String cls) {
    out.append("<line");
    attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).attr("class", cls);
    out.append("/>\n");
    return this;
  }

  Svg text(double x, double y, String anchor, String cls, String text) {
    out.append("<text");
    attr("x", x).attr("y", y);
    if (!anchor.equals("start")) {
      attr("text-anchor", anchor);
    }
    attr("class", cls);
    out.append('>');
    escape(text);
    out.append("</text>\n");
    return this;
  }

  /** Text turned 90 degrees anticlockwise about its anchor, for a vertical axis title. */
  Svg verticalText(double x, double y, String cls, String text) {
    out.append("<text");
    attr("x", x).attr("y", y).attr("text-anchor", "middle").attr("class", cls);
    out.append(" transform=\"rotate(-90 ");
    num(x).raw(" ").num(y).raw(")\">");
    escape(text);
    out.append("</text>\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

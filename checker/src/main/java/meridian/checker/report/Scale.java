package meridian.checker.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a data range onto a pixel range, linearly or by log10, and chooses ticks at round numbers
 * (1, 2 or 5 times a power of ten; decades on a log scale).
 */
record Scale(double dataMin, double dataMax, double pixelMin, double pixelMax, boolean log) {

  // Invariant: dataMin < dataMax, and both > 0 when log.
  Scale {
    if (!(dataMin < dataMax) || log && !(dataMin > 0)) {
      throw new IllegalArgumentException("data range " + dataMin + ".." + dataMax);
    }
  }

  /** A tick: its data value and its label. */
  record Tick(double value, String label) {}

  /** A linear scale over [min, max] widened to round ticks at both ends. */
  static Scale linearNice(double min, double max, double pixelMin, double pixelMax, int ticks) {
    if (!(max > min)) {
      max = min + 1;
    }
    double step = step(max - min, ticks);
    // The epsilon keeps 1.6 / 0.2 = 8.000000000000002 from adding a ninth step.
    return new Scale(Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step,
        pixelMin,
        pixelMax, false);
  }

  /** A log scale over whole decades covering [min, max]; at least one decade. */
  static Scale logDecades(double min, double max, double pixelMin, double pixelMax) {
    double low = Math.floor(Math.log10(min));
    double high = Math.max(Math.ceil(Math.log10(max)), low + 1);
    return new Scale(Math.pow(10, low), Math.pow(10, high), pixelMin, pixelMax, true);
  }

  double pixel(double value) {
    double fraction = log
        ? (Math.log10(value) - Math.log10(dataMin)) / (Math.log10(dataMax) - Math.log10(dataMin))
        : (value - dataMin) / (dataMax - dataMin);
    return pixelMin + fraction * (pixelMax - pixelMin);
  }

  /** About {@code count} ticks for a linear scale, every decade for a log scale. */
  List<Tick> ticks(int count) {
    List<Tick> ticks = new ArrayList<>();
    if (log) {
      for (long e = Math.round(Math.log10(dataMin)); e <= Math.round(Math.log10(dataMax)); e++) {
        ticks.add(new Tick(Math.pow(10, e), decadeLabel(e)));
      }
      return ticks;
    }
    double step = step(dataMax - dataMin, count);
    long first = (long) Math.ceil(dataMin / step - 1e-9);
    long last = (long) Math.floor(dataMax / step + 1e-9);
    for (long i = first; i <= last; i++) {
      ticks.add(new Tick(i * step, label(i * step, step)));
    }
    return ticks;
  }

  /** The smallest of 1, 2, 5 times a power of ten that cuts {@code range} into at most ~count. */
  static double step(double range, int count) {
    double raw = range / Math.max(1, count);
    double power = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= raw * (1 - 1e-9)) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static String label(double value, double step) {
    int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return new BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros().toPlainString().replaceFirst("^-0$", "0");
  }

  private static String decadeLabel(long exponent) {
    if (exponent < -3 || exponent > 5) {
      return "1e" + exponent;
    }
    return new BigDecimal(1).scaleByPowerOfTen((int) exponent).toPlainString();
  }
}

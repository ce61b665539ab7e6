package meridian.server.sql.expr;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.server.sql.SqlError;

/** Values to and from text: the canonical text of each type, and parsing it back (CAST, literals). */
final class ValueText {
  /** Longer text is no number or date; refusing it early keeps BigDecimal parsing cheap. */
  static final int PARSED_CHARS_MAX = 1000;

  static final LocalDate DATE_MIN = LocalDate.of(1, 1, 1);
  static final LocalDate DATE_MAX = LocalDate.of(9999, 12, 31);
  static final Instant TIMESTAMP_MIN = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant TIMESTAMP_MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
  // Date, optional time (T or space), optional fraction, optional zone; no zone means UTC.
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[Tt ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
          + "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final DateTimeFormatter TIMESTAMP_TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private ValueText() {}

  /** Canonical text: see {@link Values#show}. */
  static String show(Object v) {
    return switch (v) {
      case null -> "NULL";
      case Long l -> l.toString();
      case Double d -> showDouble(d);
      case Boolean b -> b.toString();
      case String s -> s;
      case ByteString b -> "0x" + HexFormat.of().formatHex(b.toByteArray());
      case LocalDate d -> d.toString();
      case Instant i -> TIMESTAMP_TEXT.format(i);
      case BigDecimal n -> n.toPlainString();
      default -> throw new IllegalArgumentException("not a SQL value: " + v.getClass().getName());
    };
  }

  /** Shortest digits that read back as the same double; plain between 1e-7 and 1e21, else 1.5e+21. */
  static String showDouble(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal digits = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    int exponent = digits.precision() - digits.scale() - 1;
    if (exponent >= -7 && exponent < 21) {
      return digits.toPlainString();
    }
    return digits.movePointLeft(exponent).toPlainString() + "e" + (exponent < 0 ? "-" : "+")
        + Math.abs(exponent);
  }

  /** Text for an error message: strings quoted, everything cut to one short line. */
  static String brief(Object v) {
    String text = v instanceof String s ? "'" + s.replace("'", "''") + "'" : show(v);
    text = text.replace('\n', ' ').replace('\r', ' ');
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  static long parseInt64(String text) {
    String t = checked(text, "INT64").trim();
    if (!INTEGER.matcher(t).matches()) {
      throw invalid(text, "INT64");
    }
    try {
      return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
    } catch (NumberFormatException e) {
      throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "value out of range for INT64: " + brief(text));
    }
  }

  static double parseFloat64(String text) {
    String t = checked(text, "FLOAT64").trim();
    switch (t.toLowerCase(Locale.ROOT)) {
      case "nan" -> {
        return Double.NaN;
      }
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {}
    }
    // Checked first: Double.parseDouble also takes "1d", "0x1p3" and surrounding junk.
    if (!DECIMAL.matcher(t).matches()) {
      throw invalid(text, "FLOAT64");
    }
    double d = Double.parseDouble(t);
    if (Double.isInfinite(d)) {
      throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "value out of range for FLOAT64: " + brief(text));
    }
    return d;
  }

  static BigDecimal parseNumeric(String text) {
    String t = checked(text, "NUMERIC").trim();
    if (!DECIMAL.matcher(t).matches()) {
      throw invalid(text, "NUMERIC");
    }
    try {
      return Numerics.numeric(new BigDecimal(t));
    } catch (NumberFormatException e) { // an exponent beyond int
      throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "value out of range for NUMERIC: " + brief(text));
    }
  }

  /** The spellings PostgreSQL accepts, case-insensitive. */
  static boolean parseBool(String text) {
    return switch (checked(text, "BOOL").trim().toLowerCase(Locale.ROOT)) {
      case "true", "t", "yes", "y", "on", "1" -> true;
      case "false", "f", "no", "n", "off", "0" -> false;
      default -> throw invalid(text, "BOOL");
    };
  }

  /** {@code YYYY-MM-DD}. */
  static LocalDate parseDate(String text) {
    Matcher m = DATE.matcher(checked(text, "DATE").trim());
    if (!m.matches()) {
      throw invalidDate(text, "DATE", "YYYY-MM-DD");
    }
    try {
      return checkDate(LocalDate.of(num(m, 1), num(m, 2), num(m, 3)));
    } catch (DateTimeException e) {
      throw invalidDate(text, "DATE", "YYYY-MM-DD");
    }
  }

  /**
   * {@code YYYY-MM-DD[( |T)HH:MM[:SS[.fffffffff]]][Z|UTC|+hh[:mm]]}; without a zone the time is UTC.
   * Digits past the microsecond are dropped.
   */
  static Instant parseTimestamp(String text) {
    String format = "YYYY-MM-DD HH:MM:SS[.ffffff][+hh:mm]";
    Matcher m = TIMESTAMP.matcher(checked(text, "TIMESTAMP").trim());
    if (!m.matches()) {
      throw invalidDate(text, "TIMESTAMP", format);
    }
    try {
      int nanos = 0;
      if (m.group(7) != null) {
        nanos = Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
      }
      LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3),
          m.group(4) == null ? 0 : num(m, 4), m.group(5) == null ? 0 : num(m, 5),
          m.group(6) == null ? 0 : num(m, 6), nanos);
      Instant instant = local.toInstant(offset(m.group(8)));
      return checkTimestamp(instant.truncatedTo(ChronoUnit.MICROS));
    } catch (DateTimeException e) {
      throw invalidDate(text, "TIMESTAMP", format);
    }
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null || zone.equalsIgnoreCase("Z") || zone.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    String digits = zone.substring(1).replace(":", "");
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
    int sign = zone.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  static LocalDate checkDate(LocalDate d) {
    if (d.isBefore(DATE_MIN) || d.isAfter(DATE_MAX)) {
      throw new SqlError(SqlError.DATETIME_OUT_OF_RANGE,
          "DATE out of range (0001-01-01 to 9999-12-31): " + d);
    }
    return d;
  }

  static Instant checkTimestamp(Instant i) {
    if (i.isBefore(TIMESTAMP_MIN) || i.isAfter(TIMESTAMP_MAX)) {
      throw new SqlError(SqlError.DATETIME_OUT_OF_RANGE,
          "TIMESTAMP out of range (0001-01-01 to 9999-12-31 UTC): " + i);
    }
    return i;
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static String checked(String text, String type) {
    if (text.length() > PARSED_CHARS_MAX) {
      throw invalid(text, type);
    }
    return text;
  }

  private static SqlError invalid(String text, String type) {
    return new SqlError(SqlError.INVALID_TEXT, "invalid " + type + " value " + brief(text));
  }

  private static SqlError invalidDate(String text, String type, String format) {
    return new SqlError(SqlError.INVALID_DATETIME,
        "invalid " + type + " value " + brief(text) + " (expected " + format + ")");
  }
}

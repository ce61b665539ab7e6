package meridian.server.sql.expr;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;

/**
 * Static helpers over SQL values: null (SQL NULL), Long (INT64), Double (FLOAT64), Boolean (BOOL),
 * String (STRING), ByteString (BYTES), LocalDate (DATE), Instant (TIMESTAMP, microseconds) and
 * BigDecimal (NUMERIC, precision 38, scale at most 9).
 */
public final class Values {
  private static final Comparator<ByteString> BYTES_ORDER =
      ByteString.unsignedLexicographicalComparator();

  private Values() {}

  /**
   * Total order used by ORDER BY, MIN/MAX, index keys and comparisons: NULL first; INT64, FLOAT64
   * and NUMERIC compare numerically with each other (exactly, -0.0 equal to 0.0); STRING by code
   * point; BYTES unsigned lexicographic; BOOL false < true; DATE, TIMESTAMP chronological; NaN
   * above all other numbers (and equal to itself). Different incomparable types: SqlError 42804.
   */
  public static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (Numerics.isNumeric(a) && Numerics.isNumeric(b)) {
      return Numerics.compare(a, b);
    }
    return switch (a) {
      case String x when b instanceof String y -> compareCodePoints(x, y);
      case ByteString x when b instanceof ByteString y -> BYTES_ORDER.compare(x, y);
      case Boolean x when b instanceof Boolean y -> Boolean.compare(x, y);
      case LocalDate x when b instanceof LocalDate y -> x.compareTo(y);
      case Instant x when b instanceof Instant y -> x.compareTo(y);
      default -> throw new SqlError(SqlError.DATATYPE_MISMATCH,
          "cannot compare " + Casts.typeOf(a) + " with " + Casts.typeOf(b) + " ("
              + ValueText.brief(a) + " and " + ValueText.brief(b) + ")");
    };
  }

  /**
   * String.compareTo orders UTF-16 code units, which puts U+10000 and above (surrogate pairs,
   * 0xD800-0xDFFF) below U+E000-U+FFFF. Moving surrogates above that range where two strings
   * first differ gives code point order without decoding.
   */
  static int compareCodePoints(String x, String y) {
    int n = Math.min(x.length(), y.length());
    for (int i = 0; i < n; i++) {
      char c = x.charAt(i);
      char d = y.charAt(i);
      if (c != d) {
        if (c >= 0xD800 && d >= 0xD800) {
          return Integer.compare(surrogatesLast(c), surrogatesLast(d));
        }
        return Integer.compare(c, d);
      }
    }
    return Integer.compare(x.length(), y.length());
  }

  private static int surrogatesLast(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  /**
   * Converts a value for storing in a column of type {@code target} (INSERT/UPDATE/parameters):
   * the same type as is (NUMERIC rounded to scale 9, TIMESTAMP truncated to microseconds); INT64 to
   * FLOAT64 or NUMERIC; NUMERIC to FLOAT64; FLOAT64 to NUMERIC; FLOAT64 or NUMERIC to INT64 only if
   * whole and in range; STRING to DATE, TIMESTAMP or NUMERIC. A NUMERIC with more than 29 digits
   * before the point or another overflow: 22003; a malformed string: 22007 (dates) or 22P02
   * (numbers); a date outside 0001-9999: 22008; anything else 42804. Every message starts with
   * {@code what} (e.g. "column price").
   */
  public static Object coerce(Object value, Type target, String what) {
    return Casts.coerce(value, target, what);
  }

  /**
   * CAST(x AS type): like {@link #coerce} (but FLOAT64 and NUMERIC round half away from zero to
   * INT64), plus anything to STRING (canonical text, {@link #show}), STRING to every type (BYTES as
   * UTF-8), BOOL to and from INT64, DATE to TIMESTAMP (midnight UTC) and back.
   */
  public static Object cast(Object value, Type target) {
    return Casts.cast(value, target);
  }

  /**
   * A hashable key for GROUP BY and DISTINCT: values that compare equal (including 1 and 1.0,
   * NUMERIC 1.50 and 1.5, -0.0 and 0.0) are equal keys; NULLs are equal to each other here.
   */
  public static Object groupKey(List<Object> values) {
    Object[] parts = new Object[values.size()];
    for (int i = 0; i < parts.length; i++) {
      Object v = values.get(i);
      parts[i] = Numerics.isNumeric(v) ? Numerics.key(v) : v;
    }
    // Arrays.asList holds nulls and has value equality; List.of does not take nulls.
    return Collections.unmodifiableList(Arrays.asList(parts));
  }

  /**
   * Canonical text of a value, for messages, EXPLAIN and CAST to STRING: NULL is "NULL", FLOAT64
   * the shortest text that reads back the same (1e+21 style past 1e21), TIMESTAMP ISO-8601 UTC with
   * microseconds ({@code 2024-01-31T10:00:00.000000Z}), BYTES lower-case hex {@code 0x0aff},
   * NUMERIC plain (no exponent), STRING itself.
   */
  public static String show(Object v) {
    return ValueText.show(v);
  }
}

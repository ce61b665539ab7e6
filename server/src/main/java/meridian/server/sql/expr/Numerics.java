package meridian.server.sql.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;

/** The three numeric types (INT64, FLOAT64, NUMERIC): NUMERIC's bounds, exact comparison, promotion. */
final class Numerics {
  /** NUMERIC keeps at most 9 digits after the point (Spanner's scale). */
  static final int NUMERIC_SCALE_MAX = 9;
  /** 38 digits of precision minus the 9 of the scale. */
  static final int NUMERIC_INTEGER_DIGITS_MAX = 29;

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  /** Longs within +-2^53 convert to double exactly, so they compare with doubles as doubles. */
  private static final long EXACT_DOUBLE_MAX = 1L << 53;

  private Numerics() {}

  static boolean isNumeric(Object v) {
    return v instanceof Long || v instanceof Double || v instanceof BigDecimal;
  }

  static boolean isNumeric(Type t) {
    return t == Type.INT64 || t == Type.FLOAT64 || t == Type.NUMERIC;
  }

  /**
   * A value fit for NUMERIC: digits past the 9th after the point are rounded half away from zero
   * (as a NUMERIC column stores them); more than 29 digits before the point is 22003.
   */
  static BigDecimal numeric(BigDecimal v) {
    // precision - scale is the number of digits before the point (negative for 0.000x).
    long integerDigits = (long) v.precision() - v.scale();
    if (v.signum() == 0 || integerDigits < -NUMERIC_SCALE_MAX) {
      // Checked before setScale: rounding 1E-1000000 to scale 9 would build a huge power of ten.
      return v.signum() == 0 && v.scale() >= 0 && v.scale() <= NUMERIC_SCALE_MAX
          ? v : BigDecimal.ZERO.setScale(Math.max(0, Math.min(v.scale(), NUMERIC_SCALE_MAX)));
    }
    if (integerDigits > NUMERIC_INTEGER_DIGITS_MAX) {
      throw outOfRange(v);
    }
    BigDecimal r = v;
    if (r.scale() > NUMERIC_SCALE_MAX) {
      r = r.setScale(NUMERIC_SCALE_MAX, RoundingMode.HALF_UP);
    } else if (r.scale() < 0) {
      r = r.setScale(0);
    }
    // Rounding 99..9.9999999999 up can carry into a 30th integer digit.
    if (r.precision() - r.scale() > NUMERIC_INTEGER_DIGITS_MAX) {
      throw outOfRange(v);
    }
    return r;
  }

  private static SqlError outOfRange(BigDecimal v) {
    String text = v.toString();
    return new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "NUMERIC value out of range (at most "
        + NUMERIC_INTEGER_DIGITS_MAX + " digits before the point): "
        + (text.length() > 60 ? text.substring(0, 60) + "..." : text));
  }

  /** The exact value of a Long or BigDecimal (not Double: see {@link #compare}). */
  static BigDecimal exact(Object v) {
    return switch (v) {
      case Long l -> BigDecimal.valueOf(l);
      case BigDecimal n -> n;
      case Double d -> new BigDecimal(d);
      default -> throw new IllegalArgumentException("not a number: " + v);
    };
  }

  static double toDouble(Object v) {
    return switch (v) {
      case Long l -> (double) l;
      case Double d -> d;
      case BigDecimal n -> n.doubleValue();
      default -> throw new IllegalArgumentException("not a number: " + v);
    };
  }

  /**
   * Numeric order across the three types, exact (2^53 + 1 is above 2^53 as a double): -0.0 equals
   * 0.0, and NaN equals NaN and sits above every number.
   */
  static int compare(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      return compareDoubles(x, y);
    }
    if (a instanceof Double x) {
      return compareWithDouble(x, b);
    }
    if (b instanceof Double y) {
      return -compareWithDouble(y, a);
    }
    return exact(a).compareTo(exact(b));
  }

  static int compareDoubles(double x, double y) {
    if (x < y) {
      return -1;
    }
    if (x > y) {
      return 1;
    }
    if (x == y) {
      return 0; // also -0.0 == 0.0
    }
    return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
  }

  private static int compareWithDouble(double x, Object other) {
    if (Double.isNaN(x)) {
      return 1;
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? 1 : -1;
    }
    if (other instanceof Long l && l >= -EXACT_DOUBLE_MAX && l <= EXACT_DOUBLE_MAX) {
      return compareDoubles(x, (double) l);
    }
    return new BigDecimal(x).compareTo(exact(other));
  }

  /**
   * A canonical object for a number, equal for numbers that {@link #compare} says are equal:
   * integral values in the INT64 range become Long, others an exact BigDecimal without trailing
   * zeros, NaN one NaN.
   */
  static Object key(Object v) {
    return switch (v) {
      case Long l -> l;
      case Double d when Double.isNaN(d) -> Double.NaN;
      case Double d when Double.isInfinite(d) -> d;
      case Double d when d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63 -> (long) (double) d;
      case Double d -> new BigDecimal(d).stripTrailingZeros();
      case BigDecimal n -> key(n);
      default -> throw new IllegalArgumentException("not a number: " + v);
    };
  }

  private static Object key(BigDecimal n) {
    BigDecimal stripped = n.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0
        && stripped.compareTo(LONG_MAX) <= 0) {
      return stripped.longValueExact();
    }
    return stripped;
  }

  /** The type that a mix of numeric types is computed in: any FLOAT64 wins, then NUMERIC. */
  static Type promote(Type a, Type b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a == Type.FLOAT64 || b == Type.FLOAT64) {
      return Type.FLOAT64;
    }
    return a == Type.NUMERIC || b == Type.NUMERIC ? Type.NUMERIC : Type.INT64;
  }

  /** A number converted to a wider numeric type (from {@link #promote}); never narrows. */
  static Object widen(Object v, Type target) {
    return switch (target) {
      case FLOAT64 -> v instanceof Double ? v : toDouble(v);
      case NUMERIC -> v instanceof Long l ? BigDecimal.valueOf(l) : v;
      default -> v;
    };
  }
}

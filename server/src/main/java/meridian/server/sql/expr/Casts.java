package meridian.server.sql.expr;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;

/**
 * Conversions between types: the implicit ones a column applies to what is stored in it ({@link
 * #coerce}), and the wider explicit ones of CAST ({@link #cast}).
 */
final class Casts {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Casts() {}

  /** See {@link Values#coerce}. */
  static Object coerce(Object value, Type target, String what) {
    if (value == null) {
      return null;
    }
    Type source = typeOf(value);
    try {
      if (source == target) {
        return normalize(value);
      }
      Object converted = switch (value) {
        case Double d when target == Type.INT64 -> wholeDouble(d);
        case BigDecimal n when target == Type.INT64 -> wholeNumeric(n);
        default -> widen(value, target);
      };
      if (converted == null) {
        throw new SqlError(SqlError.DATATYPE_MISMATCH,
            "expected " + target + ", got " + source + " " + ValueText.brief(value));
      }
      return converted;
    } catch (SqlError e) {
      // Errors from below do not know which column or parameter they are about.
      throw new SqlError(e.sqlState(), what + ": " + e.getMessage(), e);
    }
  }

  /** See {@link Values#cast}. */
  static Object cast(Object value, Type target) {
    if (value == null) {
      return null;
    }
    Type source = typeOf(value);
    if (source == target) {
      return normalize(value);
    }
    if (target == Type.STRING) {
      return ValueText.show(value);
    }
    Object converted = switch (value) {
      case String s -> fromText(s, target);
      case Double d when target == Type.INT64 -> roundDouble(d);
      case BigDecimal n when target == Type.INT64 -> roundNumeric(n);
      case Boolean b when target == Type.INT64 -> b ? 1L : 0L;
      case Long l when target == Type.BOOL -> l != 0;
      case LocalDate d when target == Type.TIMESTAMP ->
          ValueText.checkTimestamp(d.atStartOfDay(ZoneOffset.UTC).toInstant());
      case Instant i when target == Type.DATE -> LocalDate.ofInstant(i, ZoneOffset.UTC);
      default -> widen(value, target);
    };
    if (converted == null) {
      throw new SqlError(SqlError.DATATYPE_MISMATCH, "cannot cast " + source + " to " + target);
    }
    return converted;
  }

  /** The type of a value, failing as a SqlError (not IllegalArgumentException) on a foreign object. */
  static Type typeOf(Object value) {
    try {
      return Type.of(value);
    } catch (IllegalArgumentException e) {
      throw new SqlError(SqlError.INTERNAL, e.getMessage(), e);
    }
  }

  /** A value of its own type, brought within the type's bounds (NUMERIC scale, microseconds). */
  static Object normalize(Object value) {
    return switch (value) {
      case BigDecimal n -> Numerics.numeric(n);
      case Instant i -> ValueText.checkTimestamp(i.truncatedTo(ChronoUnit.MICROS));
      case LocalDate d -> ValueText.checkDate(d);
      default -> value;
    };
  }

  /** The conversions both coerce and cast allow; null when there is none from value to target. */
  private static Object widen(Object value, Type target) {
    return switch (target) {
      case FLOAT64 -> switch (value) {
        case Long l -> (double) l;
        case BigDecimal n -> n.doubleValue();
        default -> null;
      };
      case NUMERIC -> switch (value) {
        case Long l -> BigDecimal.valueOf(l);
        case Double d -> fromDouble(d);
        case String s -> ValueText.parseNumeric(s);
        default -> null;
      };
      case DATE -> value instanceof String s ? ValueText.parseDate(s) : null;
      case TIMESTAMP -> value instanceof String s ? ValueText.parseTimestamp(s) : null;
      default -> null;
    };
  }

  private static Object fromText(String s, Type target) {
    return switch (target) {
      case INT64 -> ValueText.parseInt64(s);
      case FLOAT64 -> ValueText.parseFloat64(s);
      case BOOL -> ValueText.parseBool(s);
      case NUMERIC -> ValueText.parseNumeric(s);
      case DATE -> ValueText.parseDate(s);
      case TIMESTAMP -> ValueText.parseTimestamp(s);
      case BYTES -> ByteString.copyFromUtf8(s);
      case STRING -> s;
    };
  }

  private static BigDecimal fromDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "NUMERIC cannot hold " + ValueText.showDouble(d));
    }
    // valueOf reads the shortest decimal that is the double (0.1, not 0.1000000000000000055...).
    return Numerics.numeric(BigDecimal.valueOf(d));
  }

  /** Coercion keeps a value exact: 2.0 may go into an INT64 column, 2.5 may not. */
  private static Long wholeDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
      throw notWhole(ValueText.showDouble(d), Type.FLOAT64);
    }
    return roundDouble(d);
  }

  private static Long wholeNumeric(BigDecimal n) {
    if (n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
      throw notWhole(n.toPlainString(), Type.NUMERIC);
    }
    return roundNumeric(n);
  }

  private static SqlError notWhole(String text, Type source) {
    return new SqlError(SqlError.DATATYPE_MISMATCH,
        "expected INT64, got " + source + " " + text + ", which is not a whole number");
  }

  /** CAST rounds half away from zero (as Spanner and PostgreSQL do), on the double's exact value. */
  private static Long roundDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw int64OutOfRange(ValueText.showDouble(d));
    }
    return roundNumeric(new BigDecimal(d));
  }

  private static Long roundNumeric(BigDecimal n) {
    BigDecimal r = n.setScale(0, RoundingMode.HALF_UP);
    if (r.compareTo(LONG_MIN) < 0 || r.compareTo(LONG_MAX) > 0) {
      throw int64OutOfRange(n.toPlainString());
    }
    return r.longValueExact();
  }

  private static SqlError int64OutOfRange(String text) {
    String cut = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "value out of range for INT64: " + cut);
  }
}

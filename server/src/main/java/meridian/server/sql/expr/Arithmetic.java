package meridian.server.sql.expr;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;

/**
 * + - * / % and unary minus over INT64, FLOAT64 and NUMERIC (and DATE +- days), and || over
 * STRING and BYTES. NULL in, NULL out.
 */
final class Arithmetic {
  /** Longest STRING (characters) or BYTES (bytes) that || builds, as Spanner's 10 MiB values. */
  static final int CONCAT_LENGTH_MAX = 10 << 20;

  enum Op {
    ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), MODULO("%");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  private Arithmetic() {}

  /**
   * INT64 with INT64 stays INT64 (overflow: 22003; / truncates toward zero); any FLOAT64 makes
   * FLOAT64; otherwise NUMERIC (/ keeps 9 digits after the point, rounded half away from zero).
   * Dividing by zero, or % by zero, is 22012 in every type.
   */
  static Object apply(Op op, Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof LocalDate || b instanceof LocalDate) {
      return dates(op, a, b);
    }
    if (!Numerics.isNumeric(a) || !Numerics.isNumeric(b)) {
      throw mismatch(op, Casts.typeOf(a), Casts.typeOf(b));
    }
    if (a instanceof Double || b instanceof Double) {
      return doubles(op, Numerics.toDouble(a), Numerics.toDouble(b));
    }
    if (a instanceof Long x && b instanceof Long y) {
      return longs(op, x, y);
    }
    return numerics(op, Numerics.exact(a), Numerics.exact(b));
  }

  private static long longs(Op op, long x, long y) {
    try {
      return switch (op) {
        case ADD -> Math.addExact(x, y);
        case SUBTRACT -> Math.subtractExact(x, y);
        case MULTIPLY -> Math.multiplyExact(x, y);
        case DIVIDE -> Math.divideExact(x, nonZero(y)); // MIN / -1 overflows
        case MODULO -> x % nonZero(y); // sign of the dividend, as SQL's MOD
      };
    } catch (ArithmeticException e) {
      throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE,
          "INT64 overflow: " + x + " " + op.symbol + " " + y);
    }
  }

  private static double doubles(Op op, double x, double y) {
    return switch (op) {
      case ADD -> x + y;
      case SUBTRACT -> x - y;
      case MULTIPLY -> x * y;
      case DIVIDE -> x / nonZero(y);
      case MODULO -> x % nonZero(y);
    };
  }

  private static BigDecimal numerics(Op op, BigDecimal x, BigDecimal y) {
    BigDecimal r = switch (op) {
      case ADD -> x.add(y);
      case SUBTRACT -> x.subtract(y);
      case MULTIPLY -> x.multiply(y);
      case DIVIDE -> {
        nonZero(y);
        // Scale 9 then stripped: 1/3 is 0.333333333, 4/2 is 2 rather than 2.000000000.
        BigDecimal q = x.divide(y, Numerics.NUMERIC_SCALE_MAX, RoundingMode.HALF_UP);
        yield q.stripTrailingZeros();
      }
      case MODULO -> x.remainder(nonZero(y));
    };
    return Numerics.numeric(r);
  }

  private static long nonZero(long y) {
    if (y == 0) {
      throw divisionByZero();
    }
    return y;
  }

  private static double nonZero(double y) {
    if (y == 0) {
      throw divisionByZero();
    }
    return y;
  }

  private static BigDecimal nonZero(BigDecimal y) {
    if (y.signum() == 0) {
      throw divisionByZero();
    }
    return y;
  }

  private static SqlError divisionByZero() {
    return new SqlError(SqlError.DIVISION_BY_ZERO, "division by zero");
  }

  /** DATE + INT64 and DATE - INT64 move by days; DATE - DATE is the days between (INT64). */
  private static Object dates(Op op, Object a, Object b) {
    try {
      if (a instanceof LocalDate d && b instanceof Long days && op == Op.ADD) {
        return ValueText.checkDate(d.plusDays(days));
      }
      if (a instanceof Long days && b instanceof LocalDate d && op == Op.ADD) {
        return ValueText.checkDate(d.plusDays(days));
      }
      if (a instanceof LocalDate d && b instanceof Long days && op == Op.SUBTRACT) {
        return ValueText.checkDate(d.minusDays(days));
      }
    } catch (DateTimeException | ArithmeticException e) {
      throw new SqlError(SqlError.DATETIME_OUT_OF_RANGE, "DATE out of range: " + a + " "
          + op.symbol + " " + b);
    }
    if (a instanceof LocalDate x && b instanceof LocalDate y && op == Op.SUBTRACT) {
      return ChronoUnit.DAYS.between(y, x);
    }
    throw mismatch(op, Casts.typeOf(a), Casts.typeOf(b));
  }

  /** Unary minus. */
  static Object negate(Object v) {
    return switch (v) {
      case null -> null;
      case Long l when l == Long.MIN_VALUE ->
          throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "INT64 overflow: -(" + l + ")");
      case Long l -> -l;
      case Double d -> -d;
      case BigDecimal n -> n.negate();
      default -> throw new SqlError(SqlError.DATATYPE_MISMATCH,
          "unary - does not apply to " + Casts.typeOf(v));
    };
  }

  /**
   * {@code a || b}: STRING with STRING, BYTES with BYTES; a STRING with another non-BYTES value
   * takes that value's canonical text (as PostgreSQL's {@code 'id-' || 7}).
   */
  static Object concat(Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    if (a instanceof ByteString x && b instanceof ByteString y) {
      checkLength((long) x.size() + y.size(), "BYTES");
      return x.concat(y);
    }
    if ((a instanceof String || b instanceof String)
        && !(a instanceof ByteString) && !(b instanceof ByteString)) {
      String x = ValueText.show(a);
      String y = ValueText.show(b);
      checkLength((long) x.length() + y.length(), "STRING");
      return x + y;
    }
    throw new SqlError(SqlError.DATATYPE_MISMATCH,
        "operator || does not apply to " + Casts.typeOf(a) + " and " + Casts.typeOf(b));
  }

  private static void checkLength(long length, String type) {
    if (length > CONCAT_LENGTH_MAX) {
      throw new SqlError(SqlError.PROGRAM_LIMIT,
          type + " value longer than " + CONCAT_LENGTH_MAX + " would be built by ||");
    }
  }

  /** The static type of {@code a op b}; null when unknowable (both sides untyped). */
  static Type resultType(Op op, Type a, Type b) {
    if (a == Type.DATE || b == Type.DATE) {
      return dateResultType(op, a, b);
    }
    if ((a != null && !Numerics.isNumeric(a)) || (b != null && !Numerics.isNumeric(b))) {
      throw mismatch(op, a, b);
    }
    return Numerics.promote(a, b);
  }

  private static Type dateResultType(Op op, Type a, Type b) {
    boolean days = (a == null || a == Type.INT64 || a == Type.DATE)
        && (b == null || b == Type.INT64 || b == Type.DATE);
    if (days && op == Op.ADD && a != b) {
      return Type.DATE;
    }
    if (days && op == Op.SUBTRACT && a == Type.DATE && b != null) {
      return b == Type.DATE ? Type.INT64 : Type.DATE;
    }
    if (days && op == Op.SUBTRACT && a == Type.DATE) {
      return null; // DATE - NULL: a DATE or an INT64, nothing says which
    }
    throw mismatch(op, a, b);
  }

  static Type concatType(Type a, Type b) {
    if (a == Type.BYTES || b == Type.BYTES) {
      if ((a == null || a == Type.BYTES) && (b == null || b == Type.BYTES)) {
        return Type.BYTES;
      }
      throw concatMismatch(a, b);
    }
    if (a != null && b != null && a != Type.STRING && b != Type.STRING) {
      throw concatMismatch(a, b);
    }
    return Type.STRING;
  }

  private static SqlError concatMismatch(Type a, Type b) {
    return new SqlError(SqlError.DATATYPE_MISMATCH,
        "operator || does not apply to " + name(a) + " and " + name(b));
  }

  private static SqlError mismatch(Op op, Type a, Type b) {
    return new SqlError(SqlError.DATATYPE_MISMATCH,
        "operator " + op.symbol + " does not apply to " + name(a) + " and " + name(b));
  }

  private static String name(Type t) {
    return t == null ? "NULL" : t.name();
  }
}

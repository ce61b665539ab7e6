package meridian.jdbc;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import meridian.proto.v1.SqlType;
import meridian.proto.v1.SqlValue;

/**
 * Conversions between {@link SqlValue} and Java values. A value converts by what it holds (its
 * {@code kind}), not by its column's declared type. Numeric conversions that do not fit fail with
 * 22003; text that does not parse fails with 22018. Callers handle NULL (an unset kind) first.
 *
 * <p>Dates and timestamps are UTC throughout: a {@code LocalDateTime} is read and written as UTC, a
 * TIMESTAMP's {@code getString} is RFC 3339 with a {@code Z}. BYTES print as base64 (as Spanner's
 * driver does).
 */
final class Values {
  static final SqlValue NULL = SqlValue.getDefaultInstance();
  private static final long MICROS_PER_SECOND = 1_000_000;

  private Values() {}

  static boolean isNull(SqlValue v) {
    return v.getKindCase() == SqlValue.KindCase.KIND_NOT_SET;
  }

  static String toString(SqlValue v) {
    return switch (v.getKindCase()) {
      case INT64_VALUE -> Long.toString(v.getInt64Value());
      case FLOAT64_VALUE -> Double.toString(v.getFloat64Value());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case STRING_VALUE -> v.getStringValue();
      case BYTES_VALUE -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
      case DATE_DAYS -> LocalDate.ofEpochDay(v.getDateDays()).toString();
      case TIMESTAMP_MICROS -> instant(v.getTimestampMicros()).toString();
      case NUMERIC_VALUE -> v.getNumericValue();
      case KIND_NOT_SET -> null;
    };
  }

  static long toLong(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case INT64_VALUE -> v.getInt64Value();
      case FLOAT64_VALUE -> doubleToLong(v.getFloat64Value());
      case BOOL_VALUE -> v.getBoolValue() ? 1 : 0;
      case STRING_VALUE -> decimalToLong(parseDecimal(v.getStringValue(), "INT64"));
      case NUMERIC_VALUE -> decimalToLong(parseDecimal(v.getNumericValue(), "INT64"));
      case BYTES_VALUE, DATE_DAYS, TIMESTAMP_MICROS, KIND_NOT_SET -> throw cannot(v, "a number");
    };
  }

  /** {@link #toLong}, checked to lie in [min, max] ({@code what} names the Java type for the message). */
  static long toLong(SqlValue v, long min, long max, String what) throws SQLException {
    long n = toLong(v);
    if (n < min || n > max) {
      throw SqlExceptions.outOfRange("value " + n + " does not fit in a " + what);
    }
    return n;
  }

  static double toDouble(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case INT64_VALUE -> v.getInt64Value();
      case FLOAT64_VALUE -> v.getFloat64Value();
      case BOOL_VALUE -> v.getBoolValue() ? 1 : 0;
      case STRING_VALUE -> parseDouble(v.getStringValue());
      case NUMERIC_VALUE -> new BigDecimal(v.getNumericValue()).doubleValue();
      case BYTES_VALUE, DATE_DAYS, TIMESTAMP_MICROS, KIND_NOT_SET -> throw cannot(v, "a number");
    };
  }

  static float toFloat(SqlValue v) throws SQLException {
    double d = toDouble(v);
    if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
      throw SqlExceptions.outOfRange("value " + d + " does not fit in a float");
    }
    return (float) d;
  }

  static BigDecimal toBigDecimal(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case INT64_VALUE -> BigDecimal.valueOf(v.getInt64Value());
      case FLOAT64_VALUE -> {
        double d = v.getFloat64Value();
        if (!Double.isFinite(d)) {
          throw SqlExceptions.outOfRange("value " + d + " has no decimal form");
        }
        yield BigDecimal.valueOf(d);
      }
      case BOOL_VALUE -> v.getBoolValue() ? BigDecimal.ONE : BigDecimal.ZERO;
      case STRING_VALUE -> parseDecimal(v.getStringValue(), "NUMERIC");
      case NUMERIC_VALUE -> parseDecimal(v.getNumericValue(), "NUMERIC");
      case BYTES_VALUE, DATE_DAYS, TIMESTAMP_MICROS, KIND_NOT_SET -> throw cannot(v, "a number");
    };
  }

  static boolean toBoolean(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case BOOL_VALUE -> v.getBoolValue();
      case INT64_VALUE -> v.getInt64Value() != 0;
      case FLOAT64_VALUE -> v.getFloat64Value() != 0;
      case NUMERIC_VALUE -> new BigDecimal(v.getNumericValue()).signum() != 0;
      case STRING_VALUE -> switch (v.getStringValue().trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true", "t", "yes", "y", "1" -> true;
        case "false", "f", "no", "n", "0" -> false;
        default -> throw SqlExceptions.conversion("'" + v.getStringValue() + "' is not a boolean");
      };
      case BYTES_VALUE, DATE_DAYS, TIMESTAMP_MICROS, KIND_NOT_SET -> throw cannot(v, "a boolean");
    };
  }

  static byte[] toBytes(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case BYTES_VALUE -> v.getBytesValue().toByteArray();
      case STRING_VALUE -> v.getStringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      default -> throw cannot(v, "bytes");
    };
  }

  static LocalDate toLocalDate(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case DATE_DAYS -> LocalDate.ofEpochDay(v.getDateDays());
      case TIMESTAMP_MICROS -> LocalDate.ofInstant(instant(v.getTimestampMicros()), ZoneOffset.UTC);
      case STRING_VALUE -> {
        try {
          yield LocalDate.parse(v.getStringValue().trim());
        } catch (DateTimeParseException e) {
          throw SqlExceptions.conversion("'" + v.getStringValue() + "' is not a date (yyyy-mm-dd)");
        }
      }
      default -> throw cannot(v, "a date");
    };
  }

  static Instant toInstant(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case TIMESTAMP_MICROS -> instant(v.getTimestampMicros());
      case DATE_DAYS -> LocalDate.ofEpochDay(v.getDateDays()).atStartOfDay(ZoneOffset.UTC).toInstant();
      case STRING_VALUE -> parseInstant(v.getStringValue().trim());
      default -> throw cannot(v, "a timestamp");
    };
  }

  /** The object {@code getObject} returns for each kind. */
  static Object toObject(SqlValue v) throws SQLException {
    return switch (v.getKindCase()) {
      case INT64_VALUE -> v.getInt64Value();
      case FLOAT64_VALUE -> v.getFloat64Value();
      case BOOL_VALUE -> v.getBoolValue();
      case STRING_VALUE -> v.getStringValue();
      case BYTES_VALUE -> v.getBytesValue().toByteArray();
      case DATE_DAYS -> java.sql.Date.valueOf(toLocalDate(v));
      case TIMESTAMP_MICROS -> java.sql.Timestamp.from(toInstant(v));
      case NUMERIC_VALUE -> toBigDecimal(v);
      case KIND_NOT_SET -> null;
    };
  }

  /** {@code getObject(column, type)}: the value as {@code type}, for every class JDBC 4.2 lists that fits. */
  static <T> T toObject(SqlValue v, Class<T> type) throws SQLException {
    if (isNull(v)) {
      return null;
    }
    Object converted;
    if (type == Object.class) {
      converted = toObject(v);
    } else if (type == String.class) {
      converted = toString(v);
    } else if (type == Long.class) {
      converted = toLong(v);
    } else if (type == Integer.class) {
      converted = (int) toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    } else if (type == Short.class) {
      converted = (short) toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    } else if (type == Byte.class) {
      converted = (byte) toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    } else if (type == Double.class) {
      converted = toDouble(v);
    } else if (type == Float.class) {
      converted = toFloat(v);
    } else if (type == BigDecimal.class) {
      converted = toBigDecimal(v);
    } else if (type == BigInteger.class) {
      converted = toBigDecimal(v).setScale(0, RoundingMode.DOWN).toBigInteger();
    } else if (type == Boolean.class) {
      converted = toBoolean(v);
    } else if (type == byte[].class) {
      converted = toBytes(v);
    } else if (type == LocalDate.class) {
      converted = toLocalDate(v);
    } else if (type == java.sql.Date.class) {
      converted = java.sql.Date.valueOf(toLocalDate(v));
    } else if (type == Instant.class) {
      converted = toInstant(v);
    } else if (type == java.sql.Timestamp.class || type == java.util.Date.class) {
      converted = java.sql.Timestamp.from(toInstant(v));
    } else if (type == OffsetDateTime.class) {
      converted = toInstant(v).atOffset(ZoneOffset.UTC);
    } else if (type == ZonedDateTime.class) {
      converted = toInstant(v).atZone(ZoneOffset.UTC);
    } else if (type == LocalDateTime.class) {
      converted = LocalDateTime.ofInstant(toInstant(v), ZoneOffset.UTC);
    } else {
      throw SqlExceptions.notSupported("getObject as " + type.getName());
    }
    return type.cast(converted);
  }

  /** The value of a parameter from a Java object, by its class (the classes {@code toObject} returns and java.time's). */
  static SqlValue of(Object x) throws SQLException {
    SqlValue.Builder b = SqlValue.newBuilder();
    return switch (x) {
      case null -> NULL;
      case Long n -> b.setInt64Value(n).build();
      case Integer n -> b.setInt64Value(n).build();
      case Short n -> b.setInt64Value(n).build();
      case Byte n -> b.setInt64Value(n).build();
      case BigInteger n -> n.bitLength() < 64 ? b.setInt64Value(n.longValue()).build() : b.setNumericValue(n.toString()).build();
      case Double d -> b.setFloat64Value(d).build();
      case Float f -> b.setFloat64Value(f).build();
      case BigDecimal d -> b.setNumericValue(d.toPlainString()).build();
      case Boolean bool -> b.setBoolValue(bool).build();
      case String s -> b.setStringValue(s).build();
      case Character c -> b.setStringValue(c.toString()).build();
      case byte[] bytes -> b.setBytesValue(ByteString.copyFrom(bytes)).build();
      case java.sql.Date d -> date(d.toLocalDate());
      case java.sql.Timestamp t -> timestamp(t.toInstant());
      case java.sql.Time t -> throw SqlExceptions.notSupported("TIME (Meridian has no time-of-day type)");
      case java.util.Date d -> timestamp(d.toInstant());
      case LocalDate d -> date(d);
      case Instant i -> timestamp(i);
      case OffsetDateTime t -> timestamp(t.toInstant());
      case ZonedDateTime t -> timestamp(t.toInstant());
      case LocalDateTime t -> timestamp(t.toInstant(ZoneOffset.UTC));
      case java.util.UUID u -> b.setStringValue(u.toString()).build();
      default -> throw SqlExceptions.conversion("cannot send a " + x.getClass().getName() + " as a SQL value");
    };
  }

  /** {@code value} converted to {@code type}, as {@code setObject(i, x, targetSqlType)} asks. */
  static SqlValue convert(SqlValue value, SqlType type) throws SQLException {
    if (isNull(value)) {
      return value;
    }
    SqlValue.Builder b = SqlValue.newBuilder();
    return switch (type) {
      case INT64 -> b.setInt64Value(toLong(value)).build();
      case FLOAT64 -> b.setFloat64Value(toDouble(value)).build();
      case BOOL -> b.setBoolValue(toBoolean(value)).build();
      case STRING -> b.setStringValue(toString(value)).build();
      case BYTES -> b.setBytesValue(ByteString.copyFrom(toBytes(value))).build();
      case DATE -> date(toLocalDate(value));
      case TIMESTAMP -> timestamp(toInstant(value));
      case NUMERIC -> b.setNumericValue(toBigDecimal(value).toPlainString()).build();
      case SQL_TYPE_UNSPECIFIED, UNRECOGNIZED -> value;
    };
  }

  static SqlValue date(LocalDate d) throws SQLException {
    long days = d.toEpochDay();
    if (days < Integer.MIN_VALUE || days > Integer.MAX_VALUE) {
      throw new java.sql.SQLDataException("date " + d + " is out of range", "22008");
    }
    return SqlValue.newBuilder().setDateDays((int) days).build();
  }

  static SqlValue timestamp(Instant i) throws SQLException {
    try {
      long micros = Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS_PER_SECOND), i.getNano() / 1_000);
      return SqlValue.newBuilder().setTimestampMicros(micros).build();
    } catch (ArithmeticException e) {
      throw new java.sql.SQLDataException("timestamp " + i + " is out of range", "22008");
    }
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000);
  }

  private static long doubleToLong(double d) throws SQLException {
    // Truncates toward zero, as a cast does; 2^63 itself does not fit.
    if (!(d >= -0x1p63 && d < 0x1p63)) {
      throw SqlExceptions.outOfRange("value " + d + " does not fit in a long");
    }
    return (long) d;
  }

  private static long decimalToLong(BigDecimal d) throws SQLException {
    try {
      return d.setScale(0, RoundingMode.DOWN).longValueExact();
    } catch (ArithmeticException e) {
      throw SqlExceptions.outOfRange("value " + d.toPlainString() + " does not fit in a long");
    }
  }

  private static BigDecimal parseDecimal(String text, String what) throws SQLException {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw SqlExceptions.conversion("'" + text + "' is not a valid " + what);
    }
  }

  private static double parseDouble(String text) throws SQLException {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw SqlExceptions.conversion("'" + text + "' is not a valid FLOAT64");
    }
  }

  private static Instant parseInstant(String text) throws SQLException {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw SqlExceptions.conversion("'" + text + "' is not a timestamp (RFC 3339)");
      }
    }
  }

  private static SQLException cannot(SqlValue v, String target) {
    String kind = switch (v.getKindCase()) {
      case INT64_VALUE -> "INT64";
      case FLOAT64_VALUE -> "FLOAT64";
      case BOOL_VALUE -> "BOOL";
      case STRING_VALUE -> "STRING";
      case BYTES_VALUE -> "BYTES";
      case DATE_DAYS -> "DATE";
      case TIMESTAMP_MICROS -> "TIMESTAMP";
      case NUMERIC_VALUE -> "NUMERIC";
      case KIND_NOT_SET -> "NULL";
    };
    return SqlExceptions.conversion("cannot convert a " + kind + " value to " + target);
  }
}

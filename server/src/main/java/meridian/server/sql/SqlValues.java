package meridian.server.sql;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import meridian.proto.v1.SqlType;
import meridian.proto.v1.SqlValue;

/** SQL values to and from their wire form. */
final class SqlValues {
  private SqlValues() {}

  static Object fromProto(SqlValue v, int parameter) {
    return switch (v.getKindCase()) {
      case KIND_NOT_SET -> null;
      case INT64_VALUE -> v.getInt64Value();
      case FLOAT64_VALUE -> v.getFloat64Value();
      case BOOL_VALUE -> v.getBoolValue();
      case STRING_VALUE -> v.getStringValue();
      case BYTES_VALUE -> v.getBytesValue();
      case DATE_DAYS -> LocalDate.ofEpochDay(v.getDateDays());
      case TIMESTAMP_MICROS -> SqlKeys.instant(v.getTimestampMicros());
      case NUMERIC_VALUE -> {
        try {
          yield new BigDecimal(v.getNumericValue());
        } catch (NumberFormatException e) {
          throw new SqlError(SqlError.INVALID_TEXT, "parameter " + parameter + ": '" + v.getNumericValue() + "' is not a NUMERIC");
        }
      }
    };
  }

  static SqlValue toProto(Object v) {
    SqlValue.Builder b = SqlValue.newBuilder();
    return switch (v) {
      case null -> b.build();
      case Long l -> b.setInt64Value(l).build();
      case Double d -> b.setFloat64Value(d).build();
      case Boolean x -> b.setBoolValue(x).build();
      case String s -> b.setStringValue(s).build();
      case ByteString bytes -> b.setBytesValue(bytes).build();
      case LocalDate d -> b.setDateDays((int) d.toEpochDay()).build();
      case Instant i -> b.setTimestampMicros(SqlKeys.micros(i)).build();
      case BigDecimal n -> b.setNumericValue(SqlKeys.normalize(n).toPlainString()).build();
      default -> throw new IllegalStateException("not a SQL value: " + v.getClass());
    };
  }

  static SqlType type(Type t) {
    return SqlType.valueOf(t.name());
  }
}

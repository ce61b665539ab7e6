package meridian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import meridian.proto.v1.SqlType;
import meridian.proto.v1.SqlValue;
import org.junit.jupiter.api.Test;

class ValuesTest {
  private static SqlValue int64(long v) {
    return SqlValue.newBuilder().setInt64Value(v).build();
  }

  private static SqlValue float64(double v) {
    return SqlValue.newBuilder().setFloat64Value(v).build();
  }

  private static SqlValue string(String v) {
    return SqlValue.newBuilder().setStringValue(v).build();
  }

  private static SqlValue numeric(String v) {
    return SqlValue.newBuilder().setNumericValue(v).build();
  }

  private static String state(ThrowingCall call) {
    try {
      call.run();
      throw new AssertionError("no exception");
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  private interface ThrowingCall {
    void run() throws SQLException;
  }

  @Test
  void numbersConvertAndOverflowIs22003() throws SQLException {
    assertThat(Values.toLong(float64(-2.9))).isEqualTo(-2);
    assertThat(Values.toLong(numeric("12345678901.999"))).isEqualTo(12345678901L);
    assertThat(Values.toLong(string(" 17 "))).isEqualTo(17);
    assertThat(Values.toLong(SqlValue.newBuilder().setBoolValue(true).build())).isEqualTo(1);
    assertThat(Values.toDouble(numeric("0.5"))).isEqualTo(0.5);
    assertThat(Values.toBigDecimal(float64(0.1))).isEqualTo(new BigDecimal("0.1"));
    assertThat(state(() -> Values.toLong(float64(1e19)))).isEqualTo("22003");
    assertThat(state(() -> Values.toLong(float64(Double.NaN)))).isEqualTo("22003");
    assertThat(state(() -> Values.toLong(numeric("99999999999999999999")))).isEqualTo("22003");
    assertThat(state(() -> Values.toLong(int64(1L << 40), Integer.MIN_VALUE, Integer.MAX_VALUE, "int"))).isEqualTo("22003");
    assertThat(state(() -> Values.toLong(int64(128), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte"))).isEqualTo("22003");
    assertThat(state(() -> Values.toFloat(float64(1e300)))).isEqualTo("22003");
    assertThat(state(() -> Values.toBigDecimal(float64(Double.POSITIVE_INFINITY)))).isEqualTo("22003");
    assertThat(state(() -> Values.toLong(string("twelve")))).isEqualTo("22018");
    assertThat(state(() -> Values.toLong(SqlValue.newBuilder().setDateDays(1).build()))).isEqualTo("22018");
  }

  @Test
  void everyKindHasAString() {
    assertThat(Values.toString(int64(-5))).isEqualTo("-5");
    assertThat(Values.toString(float64(1.5))).isEqualTo("1.5");
    assertThat(Values.toString(SqlValue.newBuilder().setBoolValue(false).build())).isEqualTo("false");
    assertThat(Values.toString(SqlValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build())).isEqualTo("aGk=");
    assertThat(Values.toString(SqlValue.newBuilder().setDateDays(19723).build())).isEqualTo("2024-01-01");
    assertThat(Values.toString(SqlValue.newBuilder().setTimestampMicros(1_704_067_200_123_456L).build()))
        .isEqualTo("2024-01-01T00:00:00.123456Z");
    assertThat(Values.toString(numeric("-12.500000000"))).isEqualTo("-12.500000000");
    assertThat(Values.toString(Values.NULL)).isNull();
  }

  @Test
  void timestampsBeforeTheEpochKeepTheirMicros() {
    assertThat(Values.instant(-1)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
  }

  @Test
  void javaObjectsBecomeValues() throws SQLException {
    assertThat(Values.of(null)).isEqualTo(Values.NULL);
    assertThat(Values.of(7).getInt64Value()).isEqualTo(7);
    assertThat(Values.of((short) 7).getInt64Value()).isEqualTo(7);
    assertThat(Values.of(BigInteger.TEN.pow(30)).getNumericValue()).isEqualTo("1" + "0".repeat(30));
    assertThat(Values.of(2.5f).getFloat64Value()).isEqualTo(2.5);
    assertThat(Values.of(new BigDecimal("1E+3")).getNumericValue()).isEqualTo("1000");
    assertThat(Values.of('c').getStringValue()).isEqualTo("c");
    assertThat(Values.of(LocalDate.of(2024, 1, 1)).getDateDays()).isEqualTo(19723);
    assertThat(Values.of(java.sql.Date.valueOf("2024-01-01")).getDateDays()).isEqualTo(19723);
    Instant instant = Instant.parse("2024-01-01T00:00:00.123456789Z");
    assertThat(Values.of(instant).getTimestampMicros()).isEqualTo(1_704_067_200_123_456L);
    assertThat(Values.of(Timestamp.from(instant)).getTimestampMicros()).isEqualTo(1_704_067_200_123_456L);
    assertThat(Values.of(OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2))).getTimestampMicros())
        .isEqualTo(1_704_067_200_000_000L);
    assertThat(Values.of(LocalDateTime.of(2024, 1, 1, 0, 0)).getTimestampMicros()).isEqualTo(1_704_067_200_000_000L);
    assertThat(state(() -> Values.of(new Object()))).isEqualTo("22018");
    assertThat(state(() -> Values.of(java.sql.Time.valueOf("10:00:00")))).isEqualTo("0A000");
  }

  @Test
  void getObjectAsAClass() throws SQLException {
    SqlValue ts = SqlValue.newBuilder().setTimestampMicros(1_704_067_200_000_000L).build();
    assertThat(Values.toObject(ts)).isEqualTo(Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")));
    assertThat(Values.toObject(ts, Instant.class)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(Values.toObject(ts, OffsetDateTime.class)).isEqualTo(OffsetDateTime.parse("2024-01-01T00:00:00Z"));
    assertThat(Values.toObject(ts, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
    assertThat(Values.toObject(ts, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(Values.toObject(int64(5), Integer.class)).isEqualTo(5);
    assertThat(Values.toObject(int64(5), String.class)).isEqualTo("5");
    assertThat(Values.toObject(numeric("1.5"), BigDecimal.class)).isEqualTo(new BigDecimal("1.5"));
    assertThat(Values.toObject(Values.NULL, Long.class)).isNull();
    assertThat(state(() -> Values.toObject(int64(1), java.util.List.class))).isEqualTo("0A000");
  }

  @Test
  void setObjectWithATargetTypeConverts() throws SQLException {
    assertThat(Values.convert(string("12"), SqlType.INT64).getInt64Value()).isEqualTo(12);
    assertThat(Values.convert(int64(1), SqlType.BOOL).getBoolValue()).isTrue();
    assertThat(Values.convert(string("2024-01-01"), SqlType.DATE).getDateDays()).isEqualTo(19723);
    assertThat(Values.convert(string("2024-01-01T00:00:00Z"), SqlType.TIMESTAMP).getTimestampMicros()).isEqualTo(1_704_067_200_000_000L);
    assertThat(Values.convert(float64(2.25), SqlType.NUMERIC).getNumericValue()).isEqualTo("2.25");
    assertThat(Values.convert(Values.NULL, SqlType.INT64)).isEqualTo(Values.NULL);
    assertThatThrownBy(() -> Values.convert(string("x"), SqlType.FLOAT64)).isInstanceOf(java.sql.SQLDataException.class);
  }
}

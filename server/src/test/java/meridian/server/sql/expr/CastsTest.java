package meridian.server.sql.expr;

import static meridian.server.sql.expr.Exprs.assertState;
import static meridian.server.sql.expr.Exprs.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import meridian.server.sql.Type;
import org.junit.jupiter.api.Test;

/** Values.coerce (implicit, into columns) and Values.cast (CAST). */
class CastsTest {
  @Test
  void coerceKeepsTheSameType() {
    assertThat(Values.coerce(5L, Type.INT64, "column a")).isEqualTo(5L);
    assertThat(Values.coerce("x", Type.STRING, "column a")).isEqualTo("x");
    assertThat(Values.coerce(null, Type.DATE, "column a")).isNull();
    assertThat(Values.coerce(Instant.parse("2024-01-01T00:00:00.123456789Z"), Type.TIMESTAMP, "column a"))
        .isEqualTo(Instant.parse("2024-01-01T00:00:00.123456Z"));
    assertThat(Values.coerce(new BigDecimal("1.0000000005"), Type.NUMERIC, "column a"))
        .isEqualTo(new BigDecimal("1.000000001"));
  }

  @Test
  void coerceWidensNumbers() {
    assertThat(Values.coerce(5L, Type.FLOAT64, "column a")).isEqualTo(5.0);
    assertThat(Values.coerce(5L, Type.NUMERIC, "column a")).isEqualTo(new BigDecimal("5"));
    assertThat(Values.coerce(new BigDecimal("2.5"), Type.FLOAT64, "column a")).isEqualTo(2.5);
    assertThat(Values.coerce(12.5, Type.NUMERIC, "column a")).isEqualTo(new BigDecimal("12.5"));
    assertThat(Values.coerce(0.1, Type.NUMERIC, "column a")).isEqualTo(new BigDecimal("0.1"));
    assertThat(Values.coerce(3.0, Type.INT64, "column a")).isEqualTo(3L);
    assertThat(Values.coerce(new BigDecimal("3.000"), Type.INT64, "column a")).isEqualTo(3L);
    assertThat(Values.coerce(-0x1p63, Type.INT64, "column a")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void coerceReadsDatesTimestampsAndNumericsFromStrings() {
    assertThat(Values.coerce("2024-01-31", Type.DATE, "column d")).isEqualTo(LocalDate.of(2024, 1, 31));
    assertThat(Values.coerce("2024-01-31T10:00:00Z", Type.TIMESTAMP, "column t"))
        .isEqualTo(Instant.parse("2024-01-31T10:00:00Z"));
    assertThat(Values.coerce("2024-01-31 10:00:00", Type.TIMESTAMP, "column t"))
        .isEqualTo(Instant.parse("2024-01-31T10:00:00Z"));
    assertThat(Values.coerce("2024-01-31 10:00:00.123456789", Type.TIMESTAMP, "column t"))
        .isEqualTo(Instant.parse("2024-01-31T10:00:00.123456Z"));
    assertThat(Values.coerce("2024-01-31 10:00:00.5+02:00", Type.TIMESTAMP, "column t"))
        .isEqualTo(Instant.parse("2024-01-31T08:00:00.5Z"));
    assertThat(Values.coerce("2024-01-31 10:00:00-0130", Type.TIMESTAMP, "column t"))
        .isEqualTo(Instant.parse("2024-01-31T11:30:00Z"));
    assertThat(Values.coerce("2024-01-31", Type.TIMESTAMP, "column t"))
        .isEqualTo(Instant.parse("2024-01-31T00:00:00Z"));
    assertThat(Values.coerce(" 12.50 ", Type.NUMERIC, "column n")).isEqualTo(new BigDecimal("12.50"));
    assertThat(Values.coerce("-1e3", Type.NUMERIC, "column n")).isEqualTo(new BigDecimal("-1000"));
  }

  @Test
  void coerceErrorsHaveTheirStatesAndNameTheTarget() {
    assertThatThrownBy(() -> Values.coerce(true, Type.NUMERIC, "column price"))
        .hasMessage("column price: expected NUMERIC, got BOOL true");
    assertState(() -> Values.coerce("abc", Type.INT64, "column a"), "42804");
    assertState(() -> Values.coerce("abc", Type.BYTES, "column a"), "42804");
    assertState(() -> Values.coerce(1L, Type.STRING, "column a"), "42804");
    assertState(() -> Values.coerce(LocalDate.of(2024, 1, 1), Type.TIMESTAMP, "column a"), "42804");
    assertState(() -> Values.coerce(2.5, Type.INT64, "column a"), "42804");
    assertState(() -> Values.coerce(new BigDecimal("2.5"), Type.INT64, "column a"), "42804");
    assertState(() -> Values.coerce(1e19, Type.INT64, "column a"), "22003");
    assertState(() -> Values.coerce(new BigDecimal("9223372036854775808"), Type.INT64, "column a"), "22003");
    assertState(() -> Values.coerce(Double.NaN, Type.NUMERIC, "column a"), "22003");
    assertState(() -> Values.coerce(1e30, Type.NUMERIC, "column a"), "22003");
    assertState(() -> Values.coerce(new BigDecimal("1E+29"), Type.NUMERIC, "column a"), "22003");
    assertState(() -> Values.coerce("1e29", Type.NUMERIC, "column a"), "22003");
    assertState(() -> Values.coerce("12,5", Type.NUMERIC, "column a"), "22P02");
    assertState(() -> Values.coerce("2024-13-01", Type.DATE, "column a"), "22007");
    assertState(() -> Values.coerce("2024-02-30", Type.DATE, "column a"), "22007");
    assertState(() -> Values.coerce("yesterday", Type.DATE, "column a"), "22007");
    assertState(() -> Values.coerce("2024-01-01 25:00:00", Type.TIMESTAMP, "column a"), "22007");
    assertState(() -> Values.coerce("0000-01-01", Type.DATE, "column a"), "22008");
    assertThatThrownBy(() -> Values.coerce("2024-13-01", Type.DATE, "parameter 2"))
        .hasMessageStartingWith("parameter 2: invalid DATE value '2024-13-01'");
  }

  @Test
  void castToStringGivesCanonicalText() {
    assertThat(Values.cast(12L, Type.STRING)).isEqualTo("12");
    assertThat(Values.cast(2.5, Type.STRING)).isEqualTo("2.5");
    assertThat(Values.cast(true, Type.STRING)).isEqualTo("true");
    assertThat(Values.cast(new BigDecimal("1E+2"), Type.STRING)).isEqualTo("100");
    assertThat(Values.cast(LocalDate.of(2024, 1, 2), Type.STRING)).isEqualTo("2024-01-02");
    assertThat(Values.cast(Instant.parse("2024-01-02T03:04:05Z"), Type.STRING))
        .isEqualTo("2024-01-02T03:04:05.000000Z");
    assertThat(Values.cast(ValuesTest.bytes(0xde, 0xad), Type.STRING)).isEqualTo("0xdead");
    assertThat(Values.cast(null, Type.STRING)).isNull();
  }

  @Test
  void castReadsEveryTypeFromStrings() {
    assertThat(Values.cast(" -42 ", Type.INT64)).isEqualTo(-42L);
    assertThat(Values.cast("+7", Type.INT64)).isEqualTo(7L);
    assertThat(Values.cast("2.5e1", Type.FLOAT64)).isEqualTo(25.0);
    assertThat(Values.cast("NaN", Type.FLOAT64)).isEqualTo(Double.NaN);
    assertThat(Values.cast("-Infinity", Type.FLOAT64)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Values.cast("TRUE", Type.BOOL)).isEqualTo(true);
    assertThat(Values.cast("f", Type.BOOL)).isEqualTo(false);
    assertThat(Values.cast("1.25", Type.NUMERIC)).isEqualTo(new BigDecimal("1.25"));
    assertThat(Values.cast("2024-02-29", Type.DATE)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(Values.cast("2024-02-29 23:59:59.999999 UTC", Type.TIMESTAMP))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999Z"));
    assertThat(Values.cast("é", Type.BYTES)).isEqualTo(ValuesTest.bytes(0xc3, 0xa9));
  }

  @Test
  void castStringErrors() {
    assertState(() -> Values.cast("1.5", Type.INT64), "22P02");
    assertState(() -> Values.cast("9223372036854775808", Type.INT64), "22003");
    assertState(() -> Values.cast("1d", Type.FLOAT64), "22P02");
    assertState(() -> Values.cast("0x10", Type.FLOAT64), "22P02");
    assertState(() -> Values.cast("1e999", Type.FLOAT64), "22003");
    assertState(() -> Values.cast("maybe", Type.BOOL), "22P02");
    assertState(() -> Values.cast("2024/01/01", Type.DATE), "22007");
    assertState(() -> Values.cast("1".repeat(2000), Type.NUMERIC), "22P02");
  }

  @Test
  void castRoundsNumbersToInt64HalfAwayFromZero() {
    assertThat(Values.cast(2.5, Type.INT64)).isEqualTo(3L);
    assertThat(Values.cast(-2.5, Type.INT64)).isEqualTo(-3L);
    assertThat(Values.cast(2.4999999, Type.INT64)).isEqualTo(2L);
    assertThat(Values.cast(0.49999999999999994, Type.INT64)).isEqualTo(0L);
    assertThat(Values.cast(new BigDecimal("-1.5"), Type.INT64)).isEqualTo(-2L);
    assertState(() -> Values.cast(Double.NaN, Type.INT64), "22003");
    assertState(() -> Values.cast(0x1p63, Type.INT64), "22003");
    assertState(() -> Values.cast(new BigDecimal("9223372036854775807.5"), Type.INT64), "22003");
  }

  @Test
  void castBetweenOtherTypes() {
    assertThat(Values.cast(true, Type.INT64)).isEqualTo(1L);
    assertThat(Values.cast(0L, Type.BOOL)).isEqualTo(false);
    assertThat(Values.cast(-3L, Type.BOOL)).isEqualTo(true);
    assertThat(Values.cast(LocalDate.of(2024, 1, 2), Type.TIMESTAMP))
        .isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(Values.cast(Instant.parse("2024-01-02T23:59:00Z"), Type.DATE))
        .isEqualTo(LocalDate.of(2024, 1, 2));
    assertThat(Values.cast(1L, Type.FLOAT64)).isEqualTo(1.0);
    assertState(() -> Values.cast(true, Type.DATE), "42804");
    assertState(() -> Values.cast(1.5, Type.BOOL), "42804");
    assertState(() -> Values.cast(ByteString.EMPTY, Type.INT64), "42804");
  }

  @Test
  void castInExpressions() {
    assertThat(eval("CAST('12' AS BIGINT)")).isEqualTo(12L);
    assertThat(eval("CAST(12 AS VARCHAR(20))")).isEqualTo("12");
    assertThat(eval("CAST('1.5' AS NUMERIC(38, 9))")).isEqualTo(new BigDecimal("1.5"));
    assertThat(eval("CAST(1 AS DOUBLE PRECISION)")).isEqualTo(1.0);
    assertThat(eval("'7'::int")).isEqualTo(7L);
    assertThat(eval("CAST(NULL AS DATE)")).isNull();
    assertThat(eval("TIMESTAMP '2024-01-01 10:00:00'")).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
    assertState(() -> eval("CAST(1 AS WIDGET)"), "42704");
    assertState(() -> eval("DATE '2024-02-30'"), "22007");
  }
}

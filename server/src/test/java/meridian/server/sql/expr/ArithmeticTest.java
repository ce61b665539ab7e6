package meridian.server.sql.expr;

import static meridian.server.sql.expr.Exprs.assertState;
import static meridian.server.sql.expr.Exprs.eval;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.time.LocalDate;
import meridian.server.sql.Type;
import org.junit.jupiter.api.Test;

/** Literals, arithmetic with promotion and overflow, dates, concatenation. */
class ArithmeticTest {
  private final Exprs.Row row = new Exprs.Row()
      .with("i", Type.INT64, 7L)
      .with("max", Type.INT64, Long.MAX_VALUE)
      .with("min", Type.INT64, Long.MIN_VALUE)
      .with("f", Type.FLOAT64, 0.5)
      .with("n", Type.NUMERIC, new BigDecimal("1.50"))
      .with("big", Type.NUMERIC, new BigDecimal("99999999999999999999999999999"))
      .with("d", Type.DATE, LocalDate.of(2024, 2, 28))
      .with("s", Type.STRING, "ab")
      .with("b", Type.BYTES, ByteString.copyFrom(new byte[] {1, 2}))
      .with("nothing", Type.INT64, null);

  @Test
  void literals() {
    assertThat(eval("42")).isEqualTo(42L);
    assertThat(eval("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(eval("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(eval("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
    assertState(() -> eval("123456789012345678901234567890"), "22003");
    assertThat(eval("1.5")).isEqualTo(1.5);
    assertThat(eval("1e3")).isEqualTo(1000.0);
    assertState(() -> eval("1e999"), "22003");
    assertThat(eval("'it''s'")).isEqualTo("it's");
    assertThat(eval("X'0AFF'")).isEqualTo(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xff}));
    assertThat(eval("x'0aff' || X'00'"))
        .isEqualTo(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xff, 0}));
    assertState(() -> eval("X'ABC'"), "22P02");
    assertThat(eval("0xFF")).isEqualTo(255L);
    assertThat(eval("NULL")).isNull();
    assertThat(eval("DATE '2024-01-01'")).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(eval("NUMERIC '1.5'")).isEqualTo(new BigDecimal("1.5"));
    assertState(() -> eval("E'x'"), "0A000");
  }

  @Test
  void int64ArithmeticStaysInt64() {
    assertThat(eval("i + 1", row)).isEqualTo(8L);
    assertThat(eval("i - 10", row)).isEqualTo(-3L);
    assertThat(eval("i * 6", row)).isEqualTo(42L);
    assertThat(eval("i / 2", row)).isEqualTo(3L);
    assertThat(eval("-i / 2", row)).isEqualTo(-3L); // truncates toward zero
    assertThat(eval("i % 4", row)).isEqualTo(3L);
    assertThat(eval("-i % 4", row)).isEqualTo(-3L); // sign of the dividend
    assertThat(eval("(1 + 2) * 3")).isEqualTo(9L);
    assertThat(eval("1 + 2 * 3")).isEqualTo(7L);
  }

  @Test
  void int64OverflowIs22003() {
    assertState(() -> eval("max + 1", row), "22003");
    assertState(() -> eval("min - 1", row), "22003");
    assertState(() -> eval("max * 2", row), "22003");
    assertState(() -> eval("min / -1", row), "22003");
    assertState(() -> eval("-min", row), "22003");
    assertThat(eval("min % -1", row)).isEqualTo(0L);
  }

  @Test
  void divisionByZeroIs22012InEveryType() {
    assertState(() -> eval("1 / 0"), "22012");
    assertState(() -> eval("1 % 0"), "22012");
    assertState(() -> eval("1.5 / 0"), "22012");
    assertState(() -> eval("1 / 0.0"), "22012");
    assertState(() -> eval("1.5 % 0.0"), "22012");
    assertState(() -> eval("n / 0", row), "22012");
    assertState(() -> eval("n % 0", row), "22012");
    assertState(() -> eval("MOD(1, 0)"), "22012");
  }

  @Test
  void anyFloat64MakesFloat64() {
    assertThat(eval("i + f", row)).isEqualTo(7.5);
    assertThat(eval("n * f", row)).isEqualTo(0.75);
    assertThat(eval("i / 2.0", row)).isEqualTo(3.5);
    assertThat(eval("7.5 % 2", row)).isEqualTo(1.5);
  }

  @Test
  void numericWithInt64OrNumericIsNumeric() {
    assertThat(eval("n + 1", row)).isEqualTo(new BigDecimal("2.50"));
    assertThat(eval("n * n", row)).isEqualTo(new BigDecimal("2.2500"));
    assertThat(eval("n - i", row)).isEqualTo(new BigDecimal("-5.50"));
    assertThat(eval("1 / NUMERIC '3'")).isEqualTo(new BigDecimal("0.333333333"));
    assertThat(eval("2 / NUMERIC '3'")).isEqualTo(new BigDecimal("0.666666667")); // HALF_UP
    assertThat(eval("NUMERIC '4' / 2")).isEqualTo(new BigDecimal("2"));
    assertThat(eval("NUMERIC '7.5' % 2")).isEqualTo(new BigDecimal("1.5"));
    assertThat(eval("NUMERIC '0.000000001' * NUMERIC '0.5'")).isEqualTo(new BigDecimal("0.000000001"));
    assertState(() -> eval("big + 1", row), "22003");
    assertState(() -> eval("big * 10", row), "22003");
  }

  @Test
  void nullPropagates() {
    assertThat(eval("nothing + 1", row)).isNull();
    assertThat(eval("1 - NULL")).isNull();
    assertThat(eval("NULL * 2.5")).isNull();
    assertThat(eval("NULL / 0")).isNull();
    assertThat(eval("-nothing", row)).isNull();
    assertThat(eval("s || NULL", row)).isNull();
  }

  @Test
  void unaryMinus() {
    assertThat(eval("-i", row)).isEqualTo(-7L);
    assertThat(eval("-f", row)).isEqualTo(-0.5);
    assertThat(eval("-n", row)).isEqualTo(new BigDecimal("-1.50"));
    assertThat(eval("-(2 + 3)")).isEqualTo(-5L);
    assertThat(eval("+i", row)).isEqualTo(7L);
    assertState(() -> eval("-s", row), "42804");
    assertState(() -> eval("+s", row), "42804");
  }

  @Test
  void nonNumbersAre42804() {
    assertState(() -> eval("s + 1", row), "42804");
    assertState(() -> eval("1 + '1'"), "42804");
    assertState(() -> eval("TRUE * 2"), "42804");
    assertState(() -> eval("b || s", row), "42804");
  }

  @Test
  void dateArithmetic() {
    assertThat(eval("d + 2", row)).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(eval("1 + d", row)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(eval("d - 28", row)).isEqualTo(LocalDate.of(2024, 1, 31));
    assertThat(eval("d - DATE '2024-01-01'", row)).isEqualTo(58L);
    assertState(() -> eval("d + d", row), "42804");
    assertState(() -> eval("d * 2", row), "42804");
    assertState(() -> eval("DATE '9999-12-31' + 1"), "22008");
  }

  @Test
  void concatenation() {
    assertThat(eval("s || 'cd'", row)).isEqualTo("abcd");
    assertThat(eval("'id-' || i", row)).isEqualTo("id-7");
    assertThat(eval("b || X'03'", row)).isEqualTo(ByteString.copyFrom(new byte[] {1, 2, 3}));
    assertState(() -> eval("1 || 2"), "42804");
  }
}

package meridian.server.sql.expr;

import static meridian.server.sql.expr.Exprs.assertState;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Values.compare, groupKey and show. */
class ValuesTest {
  /** Each list is in strictly ascending order. */
  private static final List<List<Object>> ASCENDING = List.of(
      Arrays.asList(null, Long.MIN_VALUE, -1.5, -1L, new BigDecimal("-0.5"), 0L, 0.25,
          new BigDecimal("0.3"), 1L, 9007199254740992L, 9007199254740993L, 1e19,
          new BigDecimal("99999999999999999999999999999"), Double.POSITIVE_INFINITY, Double.NaN),
      Arrays.asList(null, Double.NEGATIVE_INFINITY, -0.1, 0.0, Double.MIN_VALUE),
      Arrays.asList(null, "", "A", "B", "a", "ab", "b", "\uFFFD", "\uD83D\uDE00"),
      Arrays.asList(null, bytes(), bytes(0), bytes(0, 0), bytes(1), bytes(0x7f), bytes(0x80),
          bytes(0xff), bytes(0xff, 0)),
      Arrays.asList(null, false, true),
      Arrays.asList(null, LocalDate.of(1, 1, 1), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1)),
      Arrays.asList(null, Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.EPOCH,
          Instant.parse("2024-01-31T10:00:00Z")));

  @Test
  void everyTypeIsInOrderWithNullFirst() {
    for (List<Object> ascending : ASCENDING) {
      for (int i = 0; i < ascending.size(); i++) {
        for (int j = 0; j < ascending.size(); j++) {
          Object a = ascending.get(i);
          Object b = ascending.get(j);
          assertThat(Integer.signum(Values.compare(a, b)))
              .as("compare(%s, %s)", Values.show(a), Values.show(b))
              .isEqualTo(Integer.compare(i, j));
        }
      }
    }
  }

  @Test
  void numbersOfDifferentTypesThatAreEqualCompareEqual() {
    assertThat(Values.compare(1L, 1.0)).isZero();
    assertThat(Values.compare(1.0, new BigDecimal("1.00"))).isZero();
    assertThat(Values.compare(new BigDecimal("1.5"), new BigDecimal("1.50"))).isZero();
    assertThat(Values.compare(-0.0, 0.0)).isZero();
    assertThat(Values.compare(-0.0, 0L)).isZero();
    assertThat(Values.compare(Double.NaN, Double.NaN)).isZero();
    // 2^53 + 1 has no double; comparing through double would call them equal.
    assertThat(Values.compare(9007199254740993L, 9007199254740992.0)).isPositive();
    assertThat(Values.compare(0.1, new BigDecimal("0.1"))).isPositive(); // the double is 0.1000...055
    assertThat(Values.compare(Long.MAX_VALUE, 0x1p63)).isNegative();
  }

  @Test
  void incomparableTypesAre42804() {
    assertState(() -> Values.compare(1L, "1"), "42804");
    assertState(() -> Values.compare(true, 1L), "42804");
    assertState(() -> Values.compare(LocalDate.of(2024, 1, 1), Instant.EPOCH), "42804");
    assertState(() -> Values.compare("a", bytes(0x61)), "42804");
  }

  @Test
  void groupKeysAreEqualExactlyWhenValuesCompareEqual() {
    Object one = Values.groupKey(List.of(1L));
    assertThat(Values.groupKey(List.of(1.0))).isEqualTo(one).hasSameHashCodeAs(one);
    assertThat(Values.groupKey(List.of(new BigDecimal("1.00")))).isEqualTo(one).hasSameHashCodeAs(one);
    assertThat(Values.groupKey(List.of(new BigDecimal("1.50"))))
        .isEqualTo(Values.groupKey(List.of(1.5)))
        .isEqualTo(Values.groupKey(List.of(new BigDecimal("1.5"))));
    assertThat(Values.groupKey(List.of(-0.0))).isEqualTo(Values.groupKey(List.of(0L)));
    assertThat(Values.groupKey(List.of(Double.NaN)))
        .isEqualTo(Values.groupKey(List.of(Double.longBitsToDouble(0x7ff8000000000001L))));
    assertThat(Values.groupKey(List.of(0x1p63)))
        .isEqualTo(Values.groupKey(List.of(new BigDecimal("9223372036854775808"))));
    assertThat(Values.groupKey(List.of(0.1))).isNotEqualTo(Values.groupKey(List.of(new BigDecimal("0.1"))));
    assertThat(Values.groupKey(List.of(1L))).isNotEqualTo(Values.groupKey(List.of("1")));
    assertThat(Values.groupKey(List.of(1L, "a"))).isNotEqualTo(Values.groupKey(List.of(1L, "b")));
    assertThat(Values.groupKey(List.of(bytes(1, 2)))).isEqualTo(Values.groupKey(List.of(bytes(1, 2))));
  }

  @Test
  void nullsAreEqualGroupKeys() {
    List<Object> a = new ArrayList<>(Arrays.asList(null, 1L));
    List<Object> b = new ArrayList<>(Arrays.asList(null, 1.0));
    assertThat(Values.groupKey(a)).isEqualTo(Values.groupKey(b));
    assertThat(Set.of(Values.groupKey(a))).contains(Values.groupKey(b));
    assertThat(Values.groupKey(Arrays.asList((Object) null)))
        .isNotEqualTo(Values.groupKey(List.of(0L)));
  }

  @Test
  void showGivesCanonicalText() {
    assertThat(Values.show(null)).isEqualTo("NULL");
    assertThat(Values.show(-12L)).isEqualTo("-12");
    assertThat(Values.show(1.0)).isEqualTo("1");
    assertThat(Values.show(0.1)).isEqualTo("0.1");
    assertThat(Values.show(-0.0)).isEqualTo("-0");
    assertThat(Values.show(1e21)).isEqualTo("1e+21");
    assertThat(Values.show(1.5e-8)).isEqualTo("1.5e-8");
    assertThat(Values.show(123456789.125)).isEqualTo("123456789.125");
    assertThat(Values.show(Double.NaN)).isEqualTo("NaN");
    assertThat(Values.show(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    assertThat(Values.show(true)).isEqualTo("true");
    assertThat(Values.show("it's")).isEqualTo("it's");
    assertThat(Values.show(bytes(0x0a, 0xff))).isEqualTo("0x0aff");
    assertThat(Values.show(bytes())).isEqualTo("0x");
    assertThat(Values.show(LocalDate.of(2024, 1, 31))).isEqualTo("2024-01-31");
    assertThat(Values.show(Instant.parse("2024-01-31T10:00:00Z"))).isEqualTo("2024-01-31T10:00:00.000000Z");
    assertThat(Values.show(Instant.parse("2024-01-31T10:00:00.1234567Z"))).isEqualTo("2024-01-31T10:00:00.123456Z");
    assertThat(Values.show(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Values.show(new BigDecimal("1.50"))).isEqualTo("1.50");
  }

  static ByteString bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return ByteString.copyFrom(b);
  }
}

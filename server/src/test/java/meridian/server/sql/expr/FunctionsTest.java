package meridian.server.sql.expr;

import static meridian.server.sql.expr.Exprs.assertState;
import static meridian.server.sql.expr.Exprs.eval;
import static meridian.server.sql.expr.Exprs.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.Function;
import org.junit.jupiter.api.Test;

/** Scalar functions, aggregates (delegated), parameters, columns and unsupported constructs. */
class FunctionsTest {
  @Test
  void nullHandlingFunctions() {
    assertThat(eval("COALESCE(NULL, NULL, 3, 4)")).isEqualTo(3L);
    assertThat(eval("COALESCE(NULL, NULL)")).isNull();
    assertThat(eval("COALESCE(1, 1/0)")).isEqualTo(1L); // lazily
    assertThat(eval("IFNULL(NULL, 'b')")).isEqualTo("b");
    assertThat(eval("IFNULL('a', 'b')")).isEqualTo("a");
    assertThat(eval("NULLIF(1, 1)")).isNull();
    assertThat(eval("NULLIF(1, 1.0)")).isNull();
    assertThat(eval("NULLIF(1, 2)")).isEqualTo(1L);
    assertThat(eval("NULLIF(1, NULL)")).isEqualTo(1L);
    assertThat(eval("NULLIF(NULL, 1)")).isNull();
  }

  @Test
  void stringFunctions() {
    assertThat(eval("UPPER('abc')")).isEqualTo("ABC");
    assertThat(eval("lower('ÀBC')")).isEqualTo("àbc");
    assertThat(eval("LENGTH('a\uD83D\uDE00b')")).isEqualTo(3L);
    assertThat(eval("LENGTH(X'0102')")).isEqualTo(2L);
    assertThat(eval("CHAR_LENGTH('')")).isEqualTo(0L);
    assertThat(eval("CONCAT('a', 'b', 'c')")).isEqualTo("abc");
    assertThat(eval("CONCAT('a', NULL)")).isNull();
    assertThat(eval("CONCAT('n=', 5)")).isEqualTo("n=5");
    assertThat(eval("CONCAT(X'01', X'02')")).isEqualTo(ValuesTest.bytes(1, 2));
    assertThat(eval("UPPER(NULL)")).isNull();
    assertState(() -> eval("UPPER(1)"), "42804");
    assertState(() -> eval("LENGTH(1)"), "42804");
  }

  @Test
  void substrIsOneBasedOnCodePoints() {
    assertThat(eval("SUBSTR('hello', 2)")).isEqualTo("ello");
    assertThat(eval("SUBSTR('hello', 2, 3)")).isEqualTo("ell");
    assertThat(eval("SUBSTRING('hello', 1, 100)")).isEqualTo("hello");
    assertThat(eval("SUBSTR('hello', 0, 2)")).isEqualTo("he");
    assertThat(eval("SUBSTR('hello', -3)")).isEqualTo("llo");
    assertThat(eval("SUBSTR('hello', -10, 2)")).isEqualTo("he");
    assertThat(eval("SUBSTR('hello', 9)")).isEqualTo("");
    assertThat(eval("SUBSTR('hello', 2, 0)")).isEqualTo("");
    assertThat(eval("SUBSTR('a\uD83D\uDE00b', 2, 1)")).isEqualTo("\uD83D\uDE00");
    assertThat(eval("SUBSTRING('hello' FROM 2 FOR 3)")).isEqualTo("ell");
    assertThat(eval("SUBSTRING('hello' FROM 4)")).isEqualTo("lo");
    assertThat(eval("SUBSTR(X'010203', 2, 1)")).isEqualTo(ValuesTest.bytes(2));
    assertThat(eval("SUBSTR('hello', NULL)")).isNull();
    assertState(() -> eval("SUBSTR('hello', 1, -1)"), "22011");
    assertState(() -> eval("SUBSTR('hello', '1')"), "42804");
  }

  @Test
  void trim() {
    assertThat(eval("TRIM('  a b  ')")).isEqualTo("a b");
    assertThat(eval("TRIM(LEADING FROM '  a  ')")).isEqualTo("a  ");
    assertThat(eval("TRIM(TRAILING FROM '  a  ')")).isEqualTo("  a");
    assertThat(eval("TRIM(BOTH 'xy' FROM 'xyaxyx')")).isEqualTo("a");
    assertThat(eval("TRIM('x' FROM 'xxaxx')")).isEqualTo("a");
    assertThat(eval("LTRIM('  a  ')")).isEqualTo("a  ");
    assertThat(eval("RTRIM('xxaxx', 'x')")).isEqualTo("xxa");
    assertThat(eval("TRIM(NULL)")).isNull();
    assertThat(eval("TRIM(NULL FROM 'a')")).isNull();
  }

  @Test
  void numberFunctions() {
    assertThat(eval("ABS(-5)")).isEqualTo(5L);
    assertThat(eval("ABS(-2.5)")).isEqualTo(2.5);
    assertThat(eval("ABS(NUMERIC '-1.25')")).isEqualTo(new BigDecimal("1.25"));
    assertState(() -> eval("ABS(-9223372036854775808)"), "22003");
    assertThat(eval("ROUND(2.5)")).isEqualTo(3.0);
    assertThat(eval("ROUND(-2.5)")).isEqualTo(-3.0);
    assertThat(eval("ROUND(2.675, 2)")).isEqualTo(2.68);
    assertThat(eval("ROUND(1234.5, -2)")).isEqualTo(1200.0);
    assertThat(eval("ROUND(1250, -2)")).isEqualTo(1300L);
    assertThat(eval("ROUND(7)")).isEqualTo(7L);
    assertThat(eval("ROUND(NUMERIC '1.2345', 2)")).isEqualTo(new BigDecimal("1.23"));
    assertThat(eval("ROUND(NUMERIC '1.235', 2)")).isEqualTo(new BigDecimal("1.24"));
    assertThat(eval("ROUND(NUMERIC '1.5')")).isEqualTo(new BigDecimal("2"));
    assertState(() -> eval("ROUND(9223372036854775807, -1)"), "22003");
    assertThat(eval("FLOOR(-2.5)")).isEqualTo(-3.0);
    assertThat(eval("CEIL(2.1)")).isEqualTo(3.0);
    assertThat(eval("CEILING(NUMERIC '2.1')")).isEqualTo(new BigDecimal("3"));
    assertThat(eval("FLOOR(NUMERIC '-2.1')")).isEqualTo(new BigDecimal("-3"));
    assertThat(eval("FLOOR(7)")).isEqualTo(7L);
    assertThat(eval("MOD(7, 3)")).isEqualTo(1L);
    assertThat(eval("MOD(-7, 3)")).isEqualTo(-1L);
    assertThat(eval("ROUND(NULL, 2)")).isNull();
    assertState(() -> eval("FLOOR('1')"), "42804");
  }

  @Test
  void greatestAndLeastPromoteAndPropagateNull() {
    assertThat(eval("GREATEST(1, 3, 2)")).isEqualTo(3L);
    assertThat(eval("LEAST(1, 3, 2)")).isEqualTo(1L);
    assertThat(eval("GREATEST(3, 2.5)")).isEqualTo(3.0);
    assertThat(eval("LEAST(3, NUMERIC '2.5')")).isEqualTo(new BigDecimal("2.5"));
    assertThat(eval("GREATEST(1, NULL)")).isNull();
    assertThat(eval("GREATEST('a', 'b')")).isEqualTo("b");
    assertState(() -> eval("GREATEST(1, 'a')"), "42804");
  }

  @Test
  void statementTimeIsFixedAndInMicroseconds() {
    Instant micros = Instant.parse("2024-05-06T07:08:09.123456Z");
    assertThat(eval("CURRENT_TIMESTAMP")).isEqualTo(micros);
    assertThat(eval("CURRENT_TIMESTAMP()")).isEqualTo(micros);
    assertThat(eval("NOW()")).isEqualTo(micros);
    assertThat(eval("CURRENT_DATE")).isEqualTo(LocalDate.of(2024, 5, 6));
    assertState(() -> eval("CURRENT_TIME"), "0A000");
  }

  @Test
  void unknownFunctionsAndWrongArityAre42883() {
    assertState(() -> eval("FROBNICATE(1)"), "42883");
    assertState(() -> eval("s.upper('a')"), "42883");
    assertThatThrownBy(() -> eval("ROUND(1, 2, 3)")).hasMessage("ROUND takes 1 to 2 arguments, not 3");
    assertThatThrownBy(() -> eval("ABS()")).hasMessage("ABS takes 1 argument, not 0");
    assertState(() -> eval("COALESCE()"), "42883");
  }

  @Test
  void aggregatesComeFromTheScope() {
    Exprs.Row row = new Exprs.Row().withAggregate("SUM(x)", 10L).withAggregate("COUNT(*)", 4L);
    assertThat(eval("SUM(x) + 1", row)).isEqualTo(11L);
    assertThat(eval("COUNT(*)", row)).isEqualTo(4L);
    assertState(() -> eval("AVG(x)", row), "42803");
    assertThat(Evaluator.isAggregate((Function) parse("count(x)"))).isTrue();
    assertThat(Evaluator.isAggregate((Function) parse("Max(x)"))).isTrue();
    assertThat(Evaluator.isAggregate((Function) parse("ABS(x)"))).isFalse();
    assertThat(Evaluator.containsAggregate(parse("1 + SUM(x)"))).isTrue();
    assertThat(Evaluator.containsAggregate(parse("CASE WHEN a THEN MIN(b) END"))).isTrue();
    assertThat(Evaluator.containsAggregate(parse("COALESCE(x, AVG(y))"))).isTrue();
    assertThat(Evaluator.containsAggregate(parse("CAST(COUNT(*) AS STRING)"))).isTrue();
    assertThat(Evaluator.containsAggregate(parse("x IN (1, MAX(y))"))).isTrue();
    assertThat(Evaluator.containsAggregate(parse("ABS(x) + 1"))).isFalse();
    assertThat(Evaluator.containsAggregate(parse("TRIM(x)"))).isFalse();
  }

  @Test
  void parameters() {
    Exprs.Row row = new Exprs.Row();
    assertThat(eval("? + ?", row, 1L, 2L)).isEqualTo(3L);
    assertThat(eval("? IS NULL", row, (Object) null)).isEqualTo(true);
    assertThat(eval("?2", row, "a", "b")).isEqualTo("b");
    assertThatThrownBy(() -> eval("? + ? + ?", row, 1L, 2L)).hasMessage("no value for parameter 3");
    assertState(() -> eval("? + ? + ?", row, 1L, 2L), "07001");
    assertThatThrownBy(() -> new Evaluator(List.of(1), Exprs.NOW))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void columnsAreCaseInsensitiveAndUnquoted() {
    Exprs.Row row = new Exprs.Row()
        .with("t.price", Type.INT64, 5L)
        .with("u.price", Type.INT64, 6L)
        .with("t.qty", Type.INT64, 2L)
        .with("mycol", Type.STRING, "m");
    assertThat(eval("T.Price * QTY", row)).isEqualTo(10L);
    assertThat(eval("\"t\".\"PRICE\"", row)).isEqualTo(5L);
    assertThat(eval("\"MyCol\"", row)).isEqualTo("m");
    assertThat(eval("`mycol`", row)).isEqualTo("m");
    assertState(() -> eval("price", row), "42702");
    assertState(() -> eval("nope", row), "42703");
    assertState(() -> eval("v.price", row), "42703");
  }

  @Test
  void unsupportedConstructsAre0A000() {
    for (String sql : Arrays.asList("EXISTS (SELECT 1)", "(SELECT 1)", "ROW_NUMBER() OVER ()",
        "1 = ANY (SELECT 1)", "INTERVAL '1' DAY", ":name", "a & b", "(1, 2)", "a[1]",
        "EXTRACT(YEAR FROM d)", "a XOR b", "TRY_CAST('1' AS INT64)")) {
      assertState(() -> eval(sql), "0A000");
    }
    assertThatThrownBy(() -> eval("ROW_NUMBER() OVER ()"))
        .hasMessage("window function ROW_NUMBER() OVER () is not supported");
  }
}

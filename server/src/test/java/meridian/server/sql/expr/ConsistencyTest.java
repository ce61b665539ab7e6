package meridian.server.sql.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.Expression;
import org.junit.jupiter.api.Test;

/**
 * Every operator and function over columns a and b holding every kind of value: evaluation either
 * gives a value or a SqlError that is not an internal one, and when both typeOf and eval succeed
 * with a value, the value has the type that typeOf promised. (Columns rather than literals: each
 * shape is parsed once, and JSqlParser takes milliseconds per parse.)
 */
class ConsistencyTest {
  private record Operand(Type type, Object value) {}

  private static final List<Operand> OPERANDS = List.of(
      new Operand(Type.INT64, null), new Operand(Type.STRING, null),
      new Operand(Type.INT64, 0L), new Operand(Type.INT64, -1L),
      new Operand(Type.INT64, Long.MAX_VALUE), new Operand(Type.INT64, Long.MIN_VALUE),
      new Operand(Type.FLOAT64, 1.5), new Operand(Type.FLOAT64, Double.NaN),
      new Operand(Type.FLOAT64, -0.0), new Operand(Type.FLOAT64, Double.POSITIVE_INFINITY),
      new Operand(Type.NUMERIC, new BigDecimal("2.50")),
      new Operand(Type.NUMERIC, new BigDecimal("-99999999999999999999999999999.999999999")),
      new Operand(Type.STRING, "a"), new Operand(Type.STRING, "2024-01-01"),
      new Operand(Type.BYTES, ValuesTest.bytes(0, 0xff)), new Operand(Type.BOOL, true),
      new Operand(Type.DATE, LocalDate.of(2024, 2, 29)), new Operand(Type.DATE, LocalDate.of(1, 1, 1)),
      new Operand(Type.TIMESTAMP, Instant.parse("2024-01-01T10:00:00Z")));
  private static final List<String> SHAPES = List.of("a + b", "a - b", "a * b", "a / b", "a % b",
      "a || b", "a = b", "a <> b", "a < b", "a >= b", "a AND b", "a OR b", "a IS DISTINCT FROM b",
      "a LIKE b", "a IN (b, NULL)", "a BETWEEN b AND b", "COALESCE(a, b)", "IFNULL(a, b)",
      "NULLIF(a, b)", "MOD(a, b)", "GREATEST(a, b)", "LEAST(a, b)", "CONCAT(a, b)", "ROUND(a, b)",
      "SUBSTR(a, b)", "SUBSTR(a, 2, b)", "TRIM(b FROM a)", "CASE WHEN a THEN b END",
      "CASE a WHEN b THEN 1 ELSE 2 END", "-a", "NOT a", "a IS NULL", "a IS TRUE", "ABS(a)",
      "UPPER(a)", "LENGTH(a)", "FLOOR(a)", "CEIL(a)", "ROUND(a)", "CAST(a AS INT64)",
      "CAST(a AS FLOAT64)", "CAST(a AS NUMERIC)", "CAST(a AS STRING)", "CAST(a AS BOOL)",
      "CAST(a AS DATE)", "CAST(a AS TIMESTAMP)", "CAST(a AS BYTES)", "a + 1", "a - 1", "a * 2",
      "1 / a");

  @Test
  void everyCombinationGivesAValueOfItsTypeOrASqlError() {
    Evaluator evaluator = new Evaluator(List.of(), Exprs.NOW);
    int checked = 0;
    for (String shape : SHAPES) {
      Expression e = Exprs.parse(shape);
      for (Operand a : OPERANDS) {
        for (Operand b : OPERANDS) {
          Exprs.Row row = new Exprs.Row().with("a", a.type(), a.value()).with("b", b.type(), b.value());
          check(evaluator, e, row, () -> shape + " with a = " + show(a) + ", b = " + show(b));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(SHAPES.size() * OPERANDS.size() * OPERANDS.size());
  }

  /** Fails with a message built only on failure: most of the 18k combinations end in a SqlError. */
  private static void check(Evaluator evaluator, Expression e, Exprs.Row row, Supplier<String> what) {
    Type type;
    try {
      type = evaluator.typeOf(e, row.types());
    } catch (SqlError error) {
      if (error.sqlState().equals(SqlError.INTERNAL)) {
        fail("typeOf " + what.get() + ": " + error.getMessage(), error);
      }
      type = null; // eval may still succeed: AND, CASE and COALESCE do not evaluate everything
    }
    Object value;
    try {
      value = evaluator.eval(e, row);
    } catch (SqlError error) {
      if (error.sqlState().equals(SqlError.INTERNAL)) {
        fail("eval " + what.get() + ": " + error.getMessage(), error);
      }
      return;
    }
    String text = e.toString();
    boolean ownBranchType = text.startsWith("CASE") || text.startsWith("COALESCE")
        || text.startsWith("IFNULL"); // return the chosen branch's own type (the package HAZARD)
    if (value != null && type != null && !ownBranchType && Type.of(value) != type) {
      fail("type of " + what.get() + " = " + Values.show(value) + " is " + Type.of(value)
          + ", typeOf said " + type);
    }
  }

  private static String show(Operand o) {
    return Values.show(o.value()) + " (" + o.type() + ")";
  }
}

package meridian.server.sql.expr;

import static meridian.server.sql.expr.Exprs.assertState;
import static meridian.server.sql.expr.Exprs.eval;
import static meridian.server.sql.expr.Exprs.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import meridian.server.sql.Type;
import org.junit.jupiter.api.Test;

/** Three-valued logic: AND, OR, NOT, IS, comparisons with NULL, and isTrue. */
class LogicTest {
  // Operands in the order TRUE, FALSE, NULL.
  private static final String[] OPERANDS = {"TRUE", "FALSE", "NULL"};

  @Test
  void andTruthTable() {
    Object[][] expected = {
        {true, false, null},
        {false, false, false},
        {null, false, null}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        String sql = OPERANDS[i] + " AND " + OPERANDS[j];
        assertThat(eval(sql)).as(sql).isEqualTo(expected[i][j]);
      }
    }
  }

  @Test
  void orTruthTable() {
    Object[][] expected = {
        {true, true, true},
        {true, false, null},
        {true, null, null}};
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        String sql = OPERANDS[i] + " OR " + OPERANDS[j];
        assertThat(eval(sql)).as(sql).isEqualTo(expected[i][j]);
      }
    }
  }

  @Test
  void notOfNullIsNull() {
    assertThat(eval("NOT TRUE")).isEqualTo(false);
    assertThat(eval("NOT FALSE")).isEqualTo(true);
    assertThat(eval("NOT NULL")).isNull();
    assertThat(eval("NOT (1 = NULL)")).isNull();
  }

  @Test
  void trueAndFalseParsedAsColumnsAreBooleans() {
    // Quoted, they are column names again.
    Exprs.Row row = new Exprs.Row().with("true", Type.INT64, 7L);
    assertThat(eval("true", row)).isEqualTo(true);
    assertThat(eval("\"true\"", row)).isEqualTo(7L);
    assertThat(new Evaluator(List.of(), Exprs.NOW).eval(
        new net.sf.jsqlparser.schema.Column("FALSE"), row)).isEqualTo(false);
  }

  @Test
  void comparisonsWithNullAreNull() {
    for (String op : new String[] {"=", "<>", "!=", "<", "<=", ">", ">="}) {
      assertThat(eval("1 " + op + " NULL")).as(op).isNull();
      assertThat(eval("NULL " + op + " 1")).as(op).isNull();
      assertThat(eval("NULL " + op + " NULL")).as(op).isNull();
    }
  }

  @Test
  void comparisonOperators() {
    assertThat(eval("1 = 1")).isEqualTo(true);
    assertThat(eval("1 <> 1")).isEqualTo(false);
    assertThat(eval("1 != 2")).isEqualTo(true);
    assertThat(eval("1 < 2")).isEqualTo(true);
    assertThat(eval("2 <= 2")).isEqualTo(true);
    assertThat(eval("3 > 2")).isEqualTo(true);
    assertThat(eval("2 >= 3")).isEqualTo(false);
    assertThat(eval("1 = 1.0")).isEqualTo(true);
    assertThat(eval("'a' < 'b'")).isEqualTo(true);
    assertThat(eval("FALSE < TRUE")).isEqualTo(true);
  }

  @Test
  void incomparableTypesAre42804() {
    assertState(() -> eval("1 = TRUE"), "42804");
    assertState(() -> eval("X'01' < 1"), "42804");
  }

  @Test
  void isNullAndIsBoolean() {
    assertThat(eval("NULL IS NULL")).isEqualTo(true);
    assertThat(eval("1 IS NULL")).isEqualTo(false);
    assertThat(eval("NULL IS NOT NULL")).isEqualTo(false);
    assertThat(eval("1 IS NOT NULL")).isEqualTo(true);
    assertThat(eval("1 NOTNULL")).isEqualTo(true);
    assertThat(eval("NULL ISNULL")).isEqualTo(true);
    assertThat(eval("TRUE IS TRUE")).isEqualTo(true);
    assertThat(eval("NULL IS TRUE")).isEqualTo(false);
    assertThat(eval("NULL IS NOT TRUE")).isEqualTo(true);
    assertThat(eval("FALSE IS FALSE")).isEqualTo(true);
    assertThat(eval("NULL IS FALSE")).isEqualTo(false);
    assertThat(eval("NULL IS NOT FALSE")).isEqualTo(true);
    assertThat(eval("TRUE IS NOT FALSE")).isEqualTo(true);
    assertThat(eval("FALSE IS NOT FALSE")).isEqualTo(false);
    assertState(() -> eval("1 IS TRUE"), "42804");
  }

  @Test
  void isDistinctFromTreatsNullsAsEqual() {
    assertThat(eval("NULL IS DISTINCT FROM NULL")).isEqualTo(false);
    assertThat(eval("NULL IS DISTINCT FROM 1")).isEqualTo(true);
    assertThat(eval("1 IS DISTINCT FROM 1.0")).isEqualTo(false);
    assertThat(eval("1 IS NOT DISTINCT FROM NULL")).isEqualTo(false);
    assertThat(eval("NULL IS NOT DISTINCT FROM NULL")).isEqualTo(true);
  }

  @Test
  void logicNeedsBooleans() {
    assertState(() -> eval("1 AND TRUE"), "42804");
    assertState(() -> eval("FALSE OR 'x'"), "42804");
    assertState(() -> eval("NULL AND 2"), "42804");
    assertState(() -> eval("NOT 5"), "42804");
  }

  @Test
  void andAndOrStopWhenTheLeftDecides() {
    // The right side would divide by zero.
    assertThat(eval("FALSE AND 1/0 = 1")).isEqualTo(false);
    assertThat(eval("TRUE OR 1/0 = 1")).isEqualTo(true);
    assertState(() -> eval("TRUE AND 1/0 = 1"), "22012");
  }

  @Test
  void isTrueTakesOnlyTrue() {
    Evaluator ev = new Evaluator(List.of(), Exprs.NOW);
    Exprs.Row row = new Exprs.Row();
    assertThat(ev.isTrue(parse("1 < 2"), row)).isTrue();
    assertThat(ev.isTrue(parse("1 > 2"), row)).isFalse();
    assertThat(ev.isTrue(parse("1 = NULL"), row)).isFalse();
    assertThat(ev.isTrue(parse("NULL"), row)).isFalse();
    assertState(() -> ev.isTrue(parse("1"), row), "42804");
    assertState(() -> ev.isTrue(parse("'true'"), row), "42804");
  }
}

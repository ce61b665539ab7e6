package meridian.server.sql.expr;

import static meridian.server.sql.expr.Exprs.assertState;
import static meridian.server.sql.expr.Exprs.typeOf;
import static org.assertj.core.api.Assertions.assertThat;

import meridian.server.sql.Type;
import org.junit.jupiter.api.Test;

/** Evaluator.typeOf: static types for result metadata, and the errors it finds before any row. */
class TypeOfTest {
  private final Exprs.Row row = new Exprs.Row()
      .with("i", Type.INT64, null)
      .with("f", Type.FLOAT64, null)
      .with("n", Type.NUMERIC, null)
      .with("s", Type.STRING, null)
      .with("b", Type.BYTES, null)
      .with("ok", Type.BOOL, null)
      .with("d", Type.DATE, null)
      .with("ts", Type.TIMESTAMP, null)
      .with("t.x", Type.INT64, null)
      .with("u.x", Type.STRING, null);

  @Test
  void literals() {
    assertThat(typeOf("1", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("-9223372036854775808", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("9223372036854775808", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("1.5", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("'a'", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("X'00'", row)).isEqualTo(Type.BYTES);
    assertThat(typeOf("TRUE", row)).isEqualTo(Type.BOOL);
    assertThat(typeOf("NULL", row)).isNull();
    assertThat(typeOf("DATE '2024-01-01'", row)).isEqualTo(Type.DATE);
    assertThat(typeOf("TIMESTAMP '2024-01-01 00:00:00'", row)).isEqualTo(Type.TIMESTAMP);
    assertThat(typeOf("CURRENT_TIMESTAMP", row)).isEqualTo(Type.TIMESTAMP);
    assertThat(typeOf("CURRENT_DATE", row)).isEqualTo(Type.DATE);
  }

  @Test
  void parametersHaveTheirValuesTypes() {
    assertThat(typeOf("?", row, 1L)).isEqualTo(Type.INT64);
    assertThat(typeOf("?", row, (Object) null)).isNull();
    assertThat(typeOf("?", row)).isNull();
    assertThat(typeOf("? + 1.5", row)).isEqualTo(Type.FLOAT64);
  }

  @Test
  void columns() {
    assertThat(typeOf("S", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("t.x", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("U.X", row)).isEqualTo(Type.STRING);
    assertState(() -> typeOf("x", row), "42702");
    assertState(() -> typeOf("nope + 1", row), "42703");
  }

  @Test
  void arithmeticPromotes() {
    assertThat(typeOf("i + i", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("i / i", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("i * f", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("n - i", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("n * f", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("-n", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("NULL + i", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("NULL + NULL", row)).isNull();
    assertThat(typeOf("d + 1", row)).isEqualTo(Type.DATE);
    assertThat(typeOf("d - d", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("s || i", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("b || b", row)).isEqualTo(Type.BYTES);
    assertState(() -> typeOf("s + 1", row), "42804");
    assertState(() -> typeOf("-s", row), "42804");
    assertState(() -> typeOf("b || s", row), "42804");
    assertState(() -> typeOf("d * 2", row), "42804");
  }

  @Test
  void predicatesAreBool() {
    for (String sql : new String[] {"i = 1", "i < f", "ok AND NOT ok", "ok OR NULL", "s IS NULL",
        "ok IS TRUE", "i IN (1, 2.5, NULL)", "i BETWEEN 1 AND n", "s LIKE 'a%'", "s ILIKE 'a'",
        "i IS DISTINCT FROM 2", "d >= '2024-01-01'", "ts < ?"}) {
      assertThat(typeOf(sql, row, "2024-01-01 00:00:00")).as(sql).isEqualTo(Type.BOOL);
    }
    assertState(() -> typeOf("s = d", row), "42804");
    assertState(() -> typeOf("i = s", row), "42804");
    assertState(() -> typeOf("i IN (1, X'01')", row), "42804");
    // A string literal is read as the other side's type, and fails as it would on every row.
    assertState(() -> typeOf("i IN (1, 'a')", row), "22P02");
    assertState(() -> typeOf("d = '2024-02-30'", row), "22007");
    assertState(() -> typeOf("NOT i", row), "42804");
    assertState(() -> typeOf("i AND ok", row), "42804");
    assertState(() -> typeOf("i LIKE 'a'", row), "42804");
  }

  @Test
  void caseCastAndFunctions() {
    assertThat(typeOf("CASE WHEN ok THEN 1 ELSE 2.5 END", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("CASE WHEN ok THEN i ELSE n END", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("CASE WHEN ok THEN NULL ELSE s END", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("CASE i WHEN 1 THEN 'a' END", row)).isEqualTo(Type.STRING);
    assertState(() -> typeOf("CASE WHEN ok THEN 1 ELSE 'a' END", row), "42804");
    assertState(() -> typeOf("CASE WHEN i THEN 1 END", row), "42804");
    assertThat(typeOf("CAST(i AS STRING)", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("CAST(s AS DECIMAL(10, 2))", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("COALESCE(i, 0)", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("COALESCE(NULL, f, i)", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("NULLIF(s, 'x')", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("ABS(n)", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("ROUND(f, 2)", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("FLOOR(i)", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("LENGTH(b)", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("SUBSTR(b, 1, 2)", row)).isEqualTo(Type.BYTES);
    assertThat(typeOf("SUBSTRING(s FROM 2)", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("UPPER(s)", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("TRIM(BOTH 'x' FROM s)", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("CONCAT(s, i)", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("MOD(i, n)", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("GREATEST(i, f)", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("NOW()", row)).isEqualTo(Type.TIMESTAMP);
    assertState(() -> typeOf("UPPER(i)", row), "42804");
    assertState(() -> typeOf("ROUND(f, 'a')", row), "42804");
    assertState(() -> typeOf("NOPE(i)", row), "42883");
    assertState(() -> typeOf("ABS(i, i)", row), "42883");
    assertState(() -> typeOf("CAST(i AS WIDGET)", row), "42704");
    assertState(() -> typeOf("EXISTS (SELECT 1)", row), "0A000");
  }

  @Test
  void aggregates() {
    assertThat(typeOf("COUNT(*)", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("COUNT(s)", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("SUM(i)", row)).isEqualTo(Type.INT64);
    assertThat(typeOf("SUM(f)", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("SUM(n)", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("AVG(n)", row)).isEqualTo(Type.NUMERIC);
    assertThat(typeOf("AVG(i)", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("AVG(f)", row)).isEqualTo(Type.FLOAT64);
    assertThat(typeOf("MIN(d)", row)).isEqualTo(Type.DATE);
    assertThat(typeOf("max(s)", row)).isEqualTo(Type.STRING);
    assertThat(typeOf("SUM(i) / COUNT(*)", row)).isEqualTo(Type.INT64);
    assertState(() -> typeOf("SUM(s)", row), "42804");
    assertState(() -> typeOf("AVG(ok)", row), "42804");
  }
}

package meridian.server.sql.expr;

import static meridian.server.sql.expr.Exprs.assertState;
import static meridian.server.sql.expr.Exprs.eval;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import meridian.server.sql.Type;
import org.junit.jupiter.api.Test;

/** IN, BETWEEN, LIKE, CASE and the reading of string literals against typed values. */
class PredicatesTest {
  @Test
  void inFollowsSqlNullSemantics() {
    assertThat(eval("1 IN (1, 2)")).isEqualTo(true);
    assertThat(eval("3 IN (1, 2)")).isEqualTo(false);
    assertThat(eval("1 IN (1, NULL)")).isEqualTo(true);
    assertThat(eval("3 IN (1, NULL)")).isNull();
    assertThat(eval("NULL IN (1, 2)")).isNull();
    assertThat(eval("3 NOT IN (1, 2)")).isEqualTo(true);
    assertThat(eval("1 NOT IN (1, 2)")).isEqualTo(false);
    assertThat(eval("3 NOT IN (1, NULL)")).isNull();
    assertThat(eval("1 IN (1)")).isEqualTo(true);
    assertThat(eval("2 IN (1.0, 2.0)")).isEqualTo(true);
  }

  @Test
  void inWithASubqueryIsNotSupported() {
    assertState(() -> eval("1 IN (SELECT 1)"), "0A000");
  }

  @Test
  void betweenIsInclusiveAndThreeValued() {
    assertThat(eval("2 BETWEEN 1 AND 3")).isEqualTo(true);
    assertThat(eval("1 BETWEEN 1 AND 3")).isEqualTo(true);
    assertThat(eval("3 BETWEEN 1 AND 3")).isEqualTo(true);
    assertThat(eval("4 BETWEEN 1 AND 3")).isEqualTo(false);
    assertThat(eval("4 NOT BETWEEN 1 AND 3")).isEqualTo(true);
    assertThat(eval("NULL BETWEEN 1 AND 3")).isNull();
    assertThat(eval("2 BETWEEN NULL AND 3")).isNull();
    // x >= NULL is NULL, but x <= 1 is FALSE, and FALSE AND NULL is FALSE.
    assertThat(eval("2 BETWEEN NULL AND 1")).isEqualTo(false);
    assertThat(eval("2 NOT BETWEEN NULL AND 1")).isEqualTo(true);
    assertThat(eval("'b' BETWEEN 'a' AND 'c'")).isEqualTo(true);
  }

  @Test
  void likeWildcards() {
    assertThat(eval("'hello' LIKE 'h%'")).isEqualTo(true);
    assertThat(eval("'hello' LIKE '%llo'")).isEqualTo(true);
    assertThat(eval("'hello' LIKE 'h_llo'")).isEqualTo(true);
    assertThat(eval("'hello' LIKE 'h_lo'")).isEqualTo(false);
    assertThat(eval("'hello' LIKE 'hello'")).isEqualTo(true);
    assertThat(eval("'hello' LIKE 'HELLO'")).isEqualTo(false);
    assertThat(eval("'' LIKE '%'")).isEqualTo(true);
    assertThat(eval("'' LIKE '_'")).isEqualTo(false);
    assertThat(eval("'abcabc' LIKE '%b%c'")).isEqualTo(true);
    assertThat(eval("'abcabd' LIKE '%b%c'")).isEqualTo(false);
    assertThat(eval("'a%%b' LIKE 'a%%%b'")).isEqualTo(true);
    assertThat(eval("'line1\nline2' LIKE 'line1%'")).isEqualTo(true);
    assertThat(eval("'hello' NOT LIKE 'h%'")).isEqualTo(false);
  }

  @Test
  void likeUnderscoreIsOneCodePoint() {
    // U+1F600 is two UTF-16 chars but one character.
    assertThat(eval("'a\uD83D\uDE00b' LIKE 'a_b'")).isEqualTo(true);
    assertThat(eval("'a\uD83D\uDE00b' LIKE 'a__b'")).isEqualTo(false);
  }

  @Test
  void likeEscapes() {
    assertThat(eval("'50%' LIKE '50!%' ESCAPE '!'")).isEqualTo(true);
    assertThat(eval("'500' LIKE '50!%' ESCAPE '!'")).isEqualTo(false);
    assertThat(eval("'a_b' LIKE 'a!_b' ESCAPE '!'")).isEqualTo(true);
    assertThat(eval("'axb' LIKE 'a!_b' ESCAPE '!'")).isEqualTo(false);
    assertThat(eval("'a!b' LIKE 'a!!b' ESCAPE '!'")).isEqualTo(true);
    // Backslash is the default escape; ESCAPE '' turns escaping off.
    assertThat(eval("'a_b' LIKE 'a\\_b'")).isEqualTo(true);
    assertThat(eval("'axb' LIKE 'a\\_b'")).isEqualTo(false);
    assertThat(eval("'a\\xb' LIKE 'a\\_b' ESCAPE ''")).isEqualTo(true);
    assertState(() -> eval("'a' LIKE 'a!' ESCAPE '!'"), "22025");
    assertState(() -> eval("'a' LIKE 'a' ESCAPE '!!'"), "22025");
  }

  @Test
  void likeWithNulls() {
    assertThat(eval("NULL LIKE 'a'")).isNull();
    assertThat(eval("'a' LIKE NULL")).isNull();
    assertThat(eval("'a' NOT LIKE NULL")).isNull();
    assertThat(eval("'a' LIKE 'a' ESCAPE NULL")).isNull();
  }

  @Test
  void ilikeIgnoresCase() {
    assertThat(eval("'Hello' ILIKE 'hE%'")).isEqualTo(true);
    assertThat(eval("'Straße' ILIKE 'STRASSE'")).isEqualTo(false);
    assertThat(eval("'ÉCOLE' ILIKE 'école'")).isEqualTo(true);
    assertThat(eval("'Hello' NOT ILIKE 'x%'")).isEqualTo(true);
  }

  @Test
  void likeNeedsStrings() {
    assertState(() -> eval("1 LIKE '1'"), "42804");
    assertState(() -> eval("'a' SIMILAR TO 'a'"), "0A000");
  }

  @Test
  void searchedCase() {
    assertThat(eval("CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END")).isEqualTo("b");
    assertThat(eval("CASE WHEN NULL THEN 'a' ELSE 'c' END")).isEqualTo("c");
    assertThat(eval("CASE WHEN 1 > 2 THEN 'a' END")).isNull();
    // Only the chosen branch is evaluated.
    assertThat(eval("CASE WHEN TRUE THEN 1 ELSE 1/0 END")).isEqualTo(1L);
    assertState(() -> eval("CASE WHEN 1 THEN 'a' END"), "42804");
  }

  @Test
  void simpleCase() {
    assertThat(eval("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END")).isEqualTo("two");
    assertThat(eval("CASE 2.0 WHEN 2 THEN 'two' END")).isEqualTo("two");
    assertThat(eval("CASE 5 WHEN 1 THEN 'one' ELSE 'many' END")).isEqualTo("many");
    // NULL matches no WHEN, not even WHEN NULL.
    assertThat(eval("CASE NULL WHEN NULL THEN 'null' ELSE 'else' END")).isEqualTo("else");
  }

  @Test
  void stringLiteralsAreReadAsTheOtherSidesType() {
    Exprs.Row row = new Exprs.Row()
        .with("d", Type.DATE, LocalDate.of(2024, 3, 1))
        .with("ts", Type.TIMESTAMP, Instant.parse("2024-03-01T10:00:00Z"))
        .with("price", Type.NUMERIC, new BigDecimal("12.50"))
        .with("id", Type.INT64, 7L)
        .with("name", Type.STRING, "2024-03-01");
    assertThat(eval("d >= '2024-01-01'", row)).isEqualTo(true);
    assertThat(eval("'2024-12-31' < d", row)).isEqualTo(false);
    assertThat(eval("d = '2024-03-01'", row)).isEqualTo(true);
    assertThat(eval("d BETWEEN '2024-01-01' AND '2024-12-31'", row)).isEqualTo(true);
    assertThat(eval("d IN ('2024-02-01', '2024-03-01')", row)).isEqualTo(true);
    assertThat(eval("ts > '2024-03-01 09:59:59'", row)).isEqualTo(true);
    assertThat(eval("ts = '2024-03-01T12:00:00+02:00'", row)).isEqualTo(true);
    assertThat(eval("price = '12.5'", row)).isEqualTo(true);
    assertThat(eval("id = '7'", row)).isEqualTo(true);
    assertThat(eval("id = ?", row, "7")).isEqualTo(true);
    assertState(() -> eval("d = 'soon'", row), "22007");
    assertState(() -> eval("id = 'seven'", row), "22P02");
    // A STRING column is not a literal: comparing it with a DATE is a type error.
    assertState(() -> eval("name = d", row), "42804");
  }
}

package meridian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the driver reads from SQL text: statement kinds and the number of parameters. */
class StatementTextTest {
  @Test
  void kindsFromLeadingKeywords() {
    assertThat(StatementKind.of("  select 1")).isEqualTo(StatementKind.QUERY);
    assertThat(StatementKind.of("-- note\n/* more */ WITH x AS (SELECT 1) SELECT * FROM x")).isEqualTo(StatementKind.QUERY);
    assertThat(StatementKind.of("(SELECT 1)")).isEqualTo(StatementKind.QUERY);
    assertThat(StatementKind.of("SHOW TABLES")).isEqualTo(StatementKind.QUERY);
    assertThat(StatementKind.of("insert into t values (1)")).isEqualTo(StatementKind.WRITE);
    assertThat(StatementKind.of("INSERT OR UPDATE INTO t VALUES (1)")).isEqualTo(StatementKind.WRITE);
    assertThat(StatementKind.of("create table t (id INT64)")).isEqualTo(StatementKind.DDL);
    assertThat(StatementKind.of("ALTER TABLE t SPLIT AT VALUES (5)")).isEqualTo(StatementKind.DDL);
    assertThat(StatementKind.of("BEGIN READ ONLY")).isEqualTo(StatementKind.BEGIN);
    assertThat(StatementKind.of("start transaction")).isEqualTo(StatementKind.BEGIN);
    assertThat(StatementKind.of("commit")).isEqualTo(StatementKind.COMMIT);
    assertThat(StatementKind.of("ROLLBACK")).isEqualTo(StatementKind.ROLLBACK);
    assertThat(StatementKind.of("SET TRANSACTION READ ONLY")).isEqualTo(StatementKind.SET_TRANSACTION);
    assertThat(StatementKind.of("set read_only_staleness = 'STRONG'")).isEqualTo(StatementKind.SET_SESSION);
    assertThat(StatementKind.settingName("set read_only_staleness = 'STRONG'")).isEqualTo("READ_ONLY_STALENESS");
  }

  @Test
  void placeholdersOutsideLiteralsIdentifiersAndComments() {
    assertThat(Placeholders.count("SELECT ?")).isEqualTo(1);
    assertThat(Placeholders.count("INSERT INTO t VALUES (?, ?, ?)")).isEqualTo(3);
    assertThat(Placeholders.count("SELECT '?', 'it''s ?', \"a?b\", `c?` FROM t WHERE x = ?")).isEqualTo(1);
    assertThat(Placeholders.count("SELECT 1 -- why?\n, ? /* and ? here */")).isEqualTo(1);
    assertThat(Placeholders.count("SELECT 'unterminated ?")).isZero();
    assertThat(Placeholders.count("SELECT a - b / c FROM t WHERE d = ?")).isEqualTo(1);
  }
}

package meridian.server.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScriptRunnerTest {
  private final List<String> sent = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Answers like a small server: SELECT returns one row, a statement with "bad" a syntax error, "lost" a lost connection. */
  private static Object answer(String sql) throws SQLException {
    if (sql.contains("bad")) {
      throw new SQLException("syntax error at or near \"bad\"", "42601");
    }
    if (sql.contains("lost")) {
      throw new SQLException("connection to 127.0.0.1:7701 lost", "08006");
    }
    if (sql.startsWith("SELECT")) {
      return FakeJdbc.rows(List.of("n"), List.of(Types.BIGINT), FakeJdbc.table(new Object[] {42L}));
    }
    return sql.startsWith("INSERT") ? 3 : 0;
  }

  private ShellSession session(Connection connection) {
    return new ShellSession(connection, OutputFormat.TABLE, new PrintWriter(out, true), new PrintWriter(err, true), () -> 0);
  }

  private int run(String script, String sourceName) throws IOException {
    return new ScriptRunner(session(FakeJdbc.connection(ScriptRunnerTest::answer, sent)), new PrintWriter(err, true), sourceName)
        .run(new StringReader(script));
  }

  private String out() {
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void runsEveryStatementInOrderAndNamesWhatEachDid() throws IOException {
    int exit = run("CREATE TABLE t (id INT64 PRIMARY KEY);\nINSERT INTO t VALUES (1), (2), (3);\nSELECT n FROM t;\nBEGIN; COMMIT;", null);
    assertThat(exit).isEqualTo(SqlShell.EXIT_OK);
    assertThat(sent).containsExactly(
        "CREATE TABLE t (id INT64 PRIMARY KEY)", "INSERT INTO t VALUES (1), (2), (3)", "SELECT n FROM t", "BEGIN", "COMMIT");
    assertThat(out()).isEqualTo("OK\nINSERT 3\n n\n----\n 42\n(1 row)\nBEGIN\nCOMMIT\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void stopsAtTheFirstErrorWithItsLineAndExitOne() throws IOException {
    int exit = run("INSERT INTO t VALUES (1);\n\nSELECT bad\n  FROM t;\nCOMMIT;", "load.sql");
    assertThat(exit).isEqualTo(SqlShell.EXIT_FAILED);
    assertThat(sent).as("nothing after the failure runs").containsExactly("INSERT INTO t VALUES (1)", "SELECT bad\n  FROM t");
    assertThat(err.toString()).isEqualTo("load.sql:3: ERROR 42601: syntax error at or near \"bad\"" + System.lineSeparator());
    assertThat(out()).isEqualTo("INSERT 3\n");
  }

  @Test
  void withoutASourceTheErrorHasNoLocation() throws IOException {
    assertThat(run("SELECT bad", null)).isEqualTo(SqlShell.EXIT_FAILED);
    assertThat(err.toString()).startsWith("ERROR 42601: ");
  }

  @Test
  void aLostConnectionExitsWithTwo() throws IOException {
    assertThat(run("SELECT 1; SELECT lost; SELECT 2;", null)).isEqualTo(SqlShell.EXIT_CONNECTION);
    assertThat(err.toString()).startsWith("ERROR 08006: connection to 127.0.0.1:7701 lost");
    assertThat(sent).hasSize(2);
  }

  @Test
  void unterminatedInputFailsAfterTheStatementsBeforeIt() throws IOException {
    assertThat(run("SELECT 1;\nSELECT 'open", "<stdin>")).isEqualTo(SqlShell.EXIT_FAILED);
    assertThat(sent).containsExactly("SELECT 1");
    assertThat(err.toString()).startsWith("<stdin>:2: ERROR: unterminated quoted string");
  }

  @Test
  void backslashCommandsWorkInScripts() throws IOException {
    assertThat(run("\\timing on\nSELECT 1;\n\\q\nSELECT 2;", null)).isEqualTo(SqlShell.EXIT_OK);
    assertThat(sent).containsExactly("SELECT 1");
    assertThat(out()).isEqualTo("Timing is on.\n n\n----\n 42\n(1 row)\nTime: 0.0 ms\n");
    assertThat(run("\\nope", null)).isEqualTo(SqlShell.EXIT_FAILED);
    assertThat(err.toString()).startsWith("ERROR: unknown command \\nope");
  }

  @Test
  void timingCountsExecutionAndFetching() throws IOException {
    long[] clock = {0};
    ShellSession session = new ShellSession(
        FakeJdbc.connection(ScriptRunnerTest::answer, sent), OutputFormat.CSV, new PrintWriter(out, true), new PrintWriter(err, true),
        () -> clock[0] += 1_600_000);
    session.timing(true);
    assertThat(session.run(new StatementSplitter.Piece(StatementSplitter.Kind.SQL, "SELECT 1", 1), "")).isEqualTo(ShellSession.Step.CONTINUE);
    assertThat(out()).as("execute 1.6 ms + two fetches of 1.6 ms").isEqualTo("n\n42\nTime: 4.8 ms\n");
  }

  @Test
  void thePromptShowsATransactionTheShellBegan() {
    ShellSession session = session(FakeJdbc.connection(ScriptRunnerTest::answer, sent));
    assertThat(session.prompt()).isEqualTo("meridian> ");
    session.run(sql("BEGIN"), "");
    assertThat(session.prompt()).isEqualTo("meridian[txn]> ");
    session.run(sql("SELECT bad"), "");
    assertThat(session.prompt()).as("a failed statement does not end it").isEqualTo("meridian[txn]> ");
    session.run(sql("COMMIT"), "");
    assertThat(session.prompt()).isEqualTo("meridian> ");
    session.run(sql("start transaction"), "");
    session.run(sql("ROLLBACK TO SAVEPOINT a"), "");
    assertThat(session.inTransaction()).isTrue();
    session.run(sql("rollback"), "");
    assertThat(session.inTransaction()).isFalse();
    session.run(sql("BEGIN bad"), "");
    assertThat(session.inTransaction()).as("a BEGIN that failed opened nothing").isFalse();
  }

  @Test
  void describeListsColumnsKeyAndIndexes() throws IOException {
    var metadata = FakeJdbc.metadata(
        () -> FakeJdbc.rows(List.of("TABLE_NAME", "TABLE_TYPE"), List.of(Types.VARCHAR, Types.VARCHAR),
            FakeJdbc.table(new Object[] {"users", "TABLE"})),
        Map.of("users", () -> FakeJdbc.rows(
            List.of("COLUMN_NAME", "TYPE_NAME", "NULLABLE", "COLUMN_DEF", "ORDINAL_POSITION"),
            List.of(Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.INTEGER),
            FakeJdbc.table(new Object[] {"name", "STRING", 1, null, 2}, new Object[] {"id", "INT64", 0, null, 1}))),
        Map.of("users", () -> FakeJdbc.rows(List.of("COLUMN_NAME", "KEY_SEQ"), List.of(Types.VARCHAR, Types.INTEGER),
            FakeJdbc.table(new Object[] {"id", 1}))),
        Map.of("users", () -> FakeJdbc.rows(
            List.of("INDEX_NAME", "NON_UNIQUE", "ORDINAL_POSITION", "COLUMN_NAME", "TYPE"),
            List.of(Types.VARCHAR, Types.BOOLEAN, Types.INTEGER, Types.VARCHAR, Types.SMALLINT),
            FakeJdbc.table(new Object[] {"users_by_name", true, 1, "name", 3}, new Object[] {"users_email", false, 1, "email", 3}))));
    ShellSession session = session(FakeJdbc.connection(ScriptRunnerTest::answer, sent, metadata));
    int exit = new ScriptRunner(session, new PrintWriter(err, true), null).run(new StringReader("\\d\n\\d USERS;\n\\d nobody"));
    assertThat(exit).isEqualTo(SqlShell.EXIT_FAILED);
    assertThat(out()).isEqualTo("""
         name  | type
        -------+-------
         users | TABLE
        (1 row)
        Table users
         column |  type  | nullable
        --------+--------+----------
         id     | INT64  | not null
         name   | STRING |
        (2 rows)
        Primary key: (id)
        Indexes:
          users_by_name (name)
          users_email UNIQUE (email)
        """);
    assertThat(err.toString()).startsWith("ERROR: no table named nobody");
  }

  private static StatementSplitter.Piece sql(String text) {
    return new StatementSplitter.Piece(StatementSplitter.Kind.SQL, text, 1);
  }
}

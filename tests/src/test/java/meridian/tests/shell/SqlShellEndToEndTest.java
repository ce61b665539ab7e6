package meridian.tests.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import meridian.server.cli.Main;
import meridian.tests.sql.EmbeddedNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code meridian sql -e/-f} in process, through the real JDBC driver, against a real node. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SqlShellEndToEndTest {
  private EmbeddedNode node;

  @BeforeAll
  void start(@TempDir Path dir) {
    node = EmbeddedNode.start(dir, 4);
  }

  @AfterAll
  void stop() {
    node.close();
  }

  /** The exit code and what went to stdout and stderr. */
  record Run(int exit, String out, String err) {}

  private Run sql(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "sql";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    return new Run(exit, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void createInsertSelect() {
    Run run = sql("--url", node.jdbcUrl(), "-e", """
        CREATE TABLE fruit (id INT64 PRIMARY KEY, name STRING, note STRING);
        INSERT INTO fruit (id, name, note) VALUES (1, 'apple', 'crisp; red'), (2, 'kiwi', NULL);
        -- a comment between statements
        SELECT id, name, note FROM fruit ORDER BY id;
        UPDATE fruit SET note = 'it''s green' WHERE id = 2;
        SELECT note FROM fruit WHERE id = 2
        """);
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("""
        OK
        INSERT 2
         id | name  |    note
        ----+-------+------------
          1 | apple | crisp; red
          2 | kiwi  | NULL
        (2 rows)
        UPDATE 1
            note
        ------------
         it's green
        (1 row)
        """);
  }

  @Test
  void aFailedStatementStopsTheRunWithExitOneAndItsSqlState() {
    assertThat(sql("--url", node.jdbcUrl(), "-e", "CREATE TABLE counted (id INT64 PRIMARY KEY)").exit()).isZero();
    Run run = sql("--url", node.jdbcUrl(), "-e",
        "INSERT INTO counted (id) VALUES (1); SELECT nosuch FROM counted; INSERT INTO counted (id) VALUES (2)");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("INSERT 1\n");
    assertThat(run.err()).matches("ERROR 42703: .*nosuch.*\n");
    Run count = sql("--url", node.jdbcUrl(), "--format", "csv", "-e", "SELECT COUNT(*) AS n FROM counted");
    assertThat(count.out()).as("the statement after the error did not run").isEqualTo("n\n1\n");
  }

  @Test
  void aFileReportsTheLineOfTheFailingStatement(@TempDir Path dir) throws IOException {
    Path script = dir.resolve("load.sql");
    Files.writeString(script, """
        CREATE TABLE lines (id INT64 PRIMARY KEY, v STRING);
        BEGIN;
        INSERT INTO lines (id, v) VALUES (1, 'a');
        COMMIT;

        INSERT INTO lines (id, v)
          VALUES (1, 'duplicate');
        SELECT 1;
        """);
    Run run = sql("--url", node.jdbcUrl(), "-f", script.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("OK\nBEGIN\nINSERT 1\nCOMMIT\n");
    assertThat(run.err()).startsWith(script + ":6: ERROR 23505: ");
  }

  @Test
  void describeShowsColumnsAndKeys() {
    assertThat(sql("--url", node.jdbcUrl(), "-e",
        "CREATE TABLE people (id INT64 PRIMARY KEY, email STRING NOT NULL, age INT64); CREATE INDEX people_by_age ON people (age)")
        .exit()).isZero();
    Run run = sql("--url", node.jdbcUrl(), "-e", "\\d\n\\d people");
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains(" people ").contains("Table people").contains("Primary key: (id)")
        .containsPattern(" email +\\| STRING.* \\| not null").contains("people_by_age (age)");
  }

  @Test
  void aNodeThatIsNotThereExitsWithTwo() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      port = socket.getLocalPort();
    }
    Run run = sql("--url", "jdbc:meridian://127.0.0.1:" + port, "-e", "SELECT 1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("meridian: cannot connect to jdbc:meridian://127.0.0.1:" + port + ": ");
  }
}

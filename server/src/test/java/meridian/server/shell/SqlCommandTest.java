package meridian.server.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import meridian.server.cli.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meridian sql} from its command line, against a fake JDBC driver registered for {@code jdbc:fake:}. */
class SqlCommandTest {
  private static final String URL = "jdbc:fake://127.0.0.1:1";

  private final List<String> sent = new ArrayList<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Driver driver;

  @BeforeEach
  void registerDriver() throws SQLException {
    driver = (Driver) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Driver.class}, (proxy, method, args) ->
        switch (method.getName()) {
          case "acceptsURL" -> ((String) args[0]).startsWith("jdbc:fake:");
          case "connect" -> ((String) args[0]).startsWith("jdbc:fake:")
              ? FakeJdbc.connection(SqlCommandTest::answer, sent)
              : null;
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "fake driver";
          default -> throw new UnsupportedOperationException(method.getName());
        });
    DriverManager.registerDriver(driver);
  }

  @AfterEach
  void deregisterDriver() throws SQLException {
    DriverManager.deregisterDriver(driver);
  }

  private static Object answer(String sql) throws SQLException {
    if (sql.contains("nope")) {
      throw new SQLException("table nope does not exist", "42P01");
    }
    return sql.startsWith("SELECT")
        ? FakeJdbc.rows(List.of("a", "b"), List.of(Types.BIGINT, Types.VARCHAR), FakeJdbc.table(new Object[] {1L, "x,y"}))
        : 1;
  }

  private int sql(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "sql";
    System.arraycopy(args, 0, all, 1, args.length);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
  }

  private String out() {
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void executeRunsTheStatementsAndExitsZero() {
    assertThat(sql("--url", URL, "-e", "INSERT INTO t VALUES (1, 'x,y'); SELECT a, b FROM t")).isZero();
    assertThat(sent).containsExactly("INSERT INTO t VALUES (1, 'x,y')", "SELECT a, b FROM t");
    assertThat(out()).isEqualTo("INSERT 1\n a |  b\n---+-----\n 1 | x,y\n(1 row)\n");
  }

  @Test
  void csvFormatPrintsOnlyTheRows() {
    assertThat(sql("--url", URL, "--format", "CSV", "-e", "INSERT INTO t VALUES (1); SELECT a, b FROM t;")).isZero();
    assertThat(out()).isEqualTo("a,b\n1,\"x,y\"\n");
  }

  @Test
  void aFileStopsAtItsFirstErrorWithTheLine(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("load.sql");
    Files.writeString(script, "INSERT INTO t VALUES (1);\n-- then\nSELECT * FROM nope;\nSELECT 1;\n");
    assertThat(sql("--url", URL, "-f", script.toString())).isEqualTo(SqlShell.EXIT_FAILED);
    assertThat(sent).hasSize(2);
    assertThat(err.toString()).isEqualTo(script + ":3: ERROR 42P01: table nope does not exist" + System.lineSeparator());
  }

  @Test
  void bothExecuteAndFileIsAUsageError() {
    assertThat(sql("--url", URL, "-e", "SELECT 1", "-f", "x.sql")).isEqualTo(2);
    assertThat(err.toString()).contains("give either -e SQL or -f FILE, not both");
    assertThat(sent).isEmpty();
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    assertThat(sql("--url", URL, "--format", "xml", "-e", "SELECT 1")).isEqualTo(2);
    assertThat(err.toString()).contains("'xml' is not a format (table, csv or tsv)");
  }

  @Test
  void aMissingFileFailsBeforeConnecting(@TempDir Path dir) {
    assertThat(sql("--url", "jdbc:nothing://x", "-f", dir.resolve("absent.sql").toString())).isEqualTo(1);
    assertThat(err.toString()).startsWith("meridian: cannot read ").contains("absent.sql");
  }

  @Test
  void noClusterAndNoUrlSaysWhatToDo(@TempDir Path dir) {
    assertThat(sql("--dir", dir.toString(), "-e", "SELECT 1")).isEqualTo(1);
    assertThat(err.toString()).contains("no cluster found in").contains("--url").contains("meridian up");
  }

  @Test
  void theDefaultUrlListsEveryNodeOfTheCluster(@TempDir Path dir) {
    List<meridian.server.cluster.ClusterFile.Entry> nodes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      nodes.add(new meridian.server.cluster.ClusterFile.Entry("n" + i, "zone-" + i,
          new meridian.client.NodeAddress("127.0.0.1", i), 7800 + i, false, 0, dir.resolve("n" + i), dir.resolve("n" + i + ".log"),
          List.of()));
    }
    new meridian.server.cluster.ClusterFile(nodes, List.of()).write(dir);
    // Nothing listens on ports 1-3 (and no driver may be on the class path): the URL shows in the connection error.
    assertThat(sql("--dir", dir.toString(), "-e", "SELECT 1")).isEqualTo(SqlShell.EXIT_CONNECTION);
    assertThat(err.toString()).startsWith("meridian: cannot connect to jdbc:meridian://127.0.0.1:1,127.0.0.1:2,127.0.0.1:3: ");
  }

  @Test
  void aConnectionFailureExitsWithTwo() {
    assertThat(sql("--url", "jdbc:nothing://127.0.0.1:1", "-e", "SELECT 1")).isEqualTo(SqlShell.EXIT_CONNECTION);
    assertThat(err.toString()).startsWith("meridian: cannot connect to jdbc:nothing://127.0.0.1:1: ");
  }
}

package meridian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sessions across hosts: the first reachable one, failover outside transactions, loss inside them. */
class FailoverTest {
  private FakeSqlServer first;
  private FakeSqlServer second;

  @BeforeEach
  void start() throws Exception {
    first = FakeSqlServer.start();
    second = FakeSqlServer.start();
  }

  @AfterEach
  void stop() {
    first.close();
    second.close();
  }

  private static String closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  private Connection connect(String hosts) throws SQLException {
    return DriverManager.getConnection("jdbc:meridian://" + hosts + "?readOnlyStaleness=MAX_STALENESS+5s&connectTimeout=2");
  }

  @Test
  void opensTheSessionAtTheFirstReachableHost() throws Exception {
    try (Connection c = connect(closedPort() + "," + first.address()); Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1").close();
    }
    assertThat(first.statements()).containsExactly("SET READ_ONLY_STALENESS = 'MAX_STALENESS 5s'", "SELECT 1");
  }

  @Test
  void noReachableHostIs08001NamingEveryHost() throws Exception {
    String a = closedPort();
    String b = closedPort();
    assertThatThrownBy(() -> connect(a + "," + b))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining(a)
        .hasMessageContaining(b)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
  }

  @Test
  void outsideATransactionTheNextStatementMovesToAnotherHostWithItsSettings() throws Exception {
    try (Connection c = connect(first.address() + "," + second.address()); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      s.execute("SET STATEMENT_TAG = 'a'");
      s.executeQuery("SELECT 1").close();
      first.stop();
      // Refused connections prove the statement never left: it runs at once on the other host.
      s.executeQuery("SELECT 2").close();
    }
    assertThat(second.statements()).containsExactly(
        "SET READ_ONLY_STALENESS = 'MAX_STALENESS 5s'", "SET READ_ONLY = TRUE", "SET STATEMENT_TAG = 'a'", "SELECT 2");
  }

  @Test
  void insideATransactionALostNodeLosesTheTransaction() throws Exception {
    try (Connection c = connect(first.address() + "," + second.address()); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      first.stop();
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (2)"))
          .isInstanceOf(SQLTransactionRollbackException.class)
          .hasMessageContaining("lost inside a transaction")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40001");
      s.executeUpdate("INSERT INTO t VALUES (3)");
      c.commit();
    }
    assertThat(second.statements()).containsExactly(
        "SET READ_ONLY_STALENESS = 'MAX_STALENESS 5s'", "BEGIN", "INSERT INTO t VALUES (3)", "COMMIT");
  }

  @Test
  void aCommitCutOffInFlightIsOutcomeUnknown() throws Exception {
    first.script = (request, inTransaction) -> request.getSql().equals("COMMIT") ? FakeSqlServer.HOLD : null;
    try (Connection c = connect(first.address() + "," + second.address()); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
        try {
          c.commit();
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      });
      assertThat(first.held.await(10, TimeUnit.SECONDS)).isTrue();
      first.stop();
      assertThatThrownBy(() -> commit.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(MeridianOutcomeUnknownException.class)
          .hasMessageContaining("may or may not have committed")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40003");
      // Never retried; the connection goes on at the other host.
      s.executeQuery("SELECT 1").close();
    }
    assertThat(first.count("COMMIT")).isEqualTo(1);
    assertThat(second.count("COMMIT")).isZero();
    assertThat(second.statements()).endsWith("BEGIN", "SELECT 1");
  }

  @Test
  void anAutocommitWriteCutOffInFlightIsOutcomeUnknown() throws Exception {
    first.script = (request, inTransaction) -> request.getSql().startsWith("INSERT") ? FakeSqlServer.HOLD : null;
    try (Connection c = connect(first.address() + "," + second.address()); Statement s = c.createStatement()) {
      CompletableFuture<Integer> insert = CompletableFuture.supplyAsync(() -> {
        try {
          return s.executeUpdate("INSERT INTO t VALUES (1)");
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      });
      assertThat(first.held.await(10, TimeUnit.SECONDS)).isTrue();
      first.stop();
      assertThatThrownBy(() -> insert.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(MeridianOutcomeUnknownException.class);
    }
    assertThat(second.count("INSERT INTO t VALUES (1)")).isZero();
  }
}

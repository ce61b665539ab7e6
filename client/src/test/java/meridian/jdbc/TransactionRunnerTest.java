package meridian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import meridian.proto.v1.ExecuteResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions, abort replay and commit outcomes against a scripted server. */
class TransactionRunnerTest {
  private FakeSqlServer server;

  @BeforeEach
  void start() throws Exception {
    server = FakeSqlServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Connection connect(String properties) throws SQLException {
    return DriverManager.getConnection("jdbc:meridian://" + server.address() + (properties.isEmpty() ? "" : "?" + properties));
  }

  @Test
  void autocommitSendsStatementsAsTheyAre() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(s.executeUpdate("INSERT INTO t VALUES (1)")).isEqualTo(1);
      try (ResultSet rs = s.executeQuery("SELECT x FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
    }
    assertThat(server.statements()).containsExactly("INSERT INTO t VALUES (1)", "SELECT x FROM t");
  }

  @Test
  void manualCommitBeginsLazilyAndCommits() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      c.commit(); // nothing begun: nothing sent
      s.executeUpdate("INSERT INTO t VALUES (1)");
      s.executeUpdate("INSERT INTO t VALUES (2)");
      c.commit();
      s.executeQuery("SELECT x FROM t").close();
      c.rollback();
    }
    assertThat(server.statements()).containsExactly(
        "BEGIN", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)", "COMMIT", "BEGIN", "SELECT x FROM t", "ROLLBACK");
  }

  @Test
  void switchingAutocommitOnInsideATransactionCommitsIt() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      c.setAutoCommit(true);
      s.executeUpdate("INSERT INTO t VALUES (2)");
    }
    assertThat(server.statements()).containsExactly("BEGIN", "INSERT INTO t VALUES (1)", "COMMIT", "INSERT INTO t VALUES (2)");
  }

  @Test
  void readOnlySetsTheSessionAndBeginsReadOnlyTransactions() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      assertThat(c.isReadOnly()).isTrue();
      s.executeQuery("SELECT x FROM t").close();
      c.setAutoCommit(false);
      s.executeQuery("SELECT x FROM t").close();
      assertThatThrownBy(() -> c.setReadOnly(false)).isInstanceOf(SQLException.class).hasMessageContaining("inside a transaction");
      c.commit();
    }
    assertThat(server.statements()).containsExactly(
        "SET READ_ONLY = TRUE", "SELECT x FROM t", "BEGIN READ ONLY", "SELECT x FROM t", "COMMIT");
  }

  @Test
  void commitAndRollbackInAutocommitModeAreErrors() throws Exception {
    try (Connection c = connect("")) {
      assertThatThrownBy(c::commit).isInstanceOf(SQLException.class).hasMessageContaining("auto-commit");
      assertThatThrownBy(c::rollback).isInstanceOf(SQLException.class).hasMessageContaining("auto-commit");
    }
  }

  @Test
  void ddlAndSessionSettingsDoNotBeginATransaction() throws Exception {
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("CREATE TABLE t (id INT64 NOT NULL, PRIMARY KEY (id))");
      s.execute("SET READ_ONLY_STALENESS = 'STRONG'");
      s.executeUpdate("INSERT INTO t VALUES (1)");
      s.execute("COMMIT");
    }
    assertThat(server.statements()).containsExactly(
        "CREATE TABLE t (id INT64 NOT NULL, PRIMARY KEY (id))", "SET READ_ONLY_STALENESS = 'STRONG'",
        "BEGIN", "INSERT INTO t VALUES (1)", "COMMIT");
  }

  @Test
  void anAbortedCommitIsReplayedWhenTheRetrySeesTheSameData() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    server.script = (request, inTransaction) -> {
      if (request.getSql().equals("COMMIT") && commits.incrementAndGet() == 1) {
        throw FakeSqlServer.error(Status.Code.ABORTED, "40001", "aborted by a conflict");
      }
      return null;
    };
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      try (ResultSet rs = s.executeQuery("SELECT x FROM t")) {
        assertThat(rs.next()).isTrue();
      }
      s.executeUpdate("INSERT INTO t VALUES (2)");
      c.commit();
    }
    assertThat(server.statements()).containsExactly(
        "BEGIN", "SELECT x FROM t", "INSERT INTO t VALUES (2)", "COMMIT",
        "ROLLBACK", "BEGIN", "SELECT x FROM t", "INSERT INTO t VALUES (2)", "COMMIT");
  }

  @Test
  void anAbortedStatementIsReplayedAndReturnsItsResult() throws Exception {
    AtomicInteger updates = new AtomicInteger();
    server.script = (request, inTransaction) -> {
      if (request.getSql().startsWith("UPDATE") && updates.incrementAndGet() == 1) {
        throw FakeSqlServer.error(Status.Code.ABORTED, "40001", "wounded");
      }
      return request.getSql().startsWith("UPDATE") ? ExecuteResponse.newBuilder().setUpdateCount(7).build() : null;
    };
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      assertThat(s.executeUpdate("UPDATE t SET x = 2")).isEqualTo(7);
      c.commit();
    }
    assertThat(server.statements()).containsExactly(
        "BEGIN", "INSERT INTO t VALUES (1)", "UPDATE t SET x = 2",
        "ROLLBACK", "BEGIN", "INSERT INTO t VALUES (1)", "UPDATE t SET x = 2", "COMMIT");
  }

  @Test
  void aRetryThatSeesDifferentDataFailsWith40001() throws Exception {
    AtomicInteger selects = new AtomicInteger();
    AtomicInteger commits = new AtomicInteger();
    server.script = (request, inTransaction) -> {
      if (request.getSql().startsWith("SELECT")) {
        return FakeSqlServer.longs("n", selects.incrementAndGet());
      }
      if (request.getSql().equals("COMMIT") && commits.incrementAndGet() == 1) {
        throw FakeSqlServer.error(Status.Code.ABORTED, "40001", "aborted");
      }
      return null;
    };
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeQuery("SELECT n FROM counter").close();
      s.executeUpdate("UPDATE counter SET n = 2");
      assertThatThrownBy(c::commit)
          .isInstanceOf(SQLTransactionRollbackException.class)
          .hasMessageContaining("transaction aborted and the retry saw different data")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40001");
      // The connection is usable again and begins a new transaction.
      s.executeUpdate("UPDATE counter SET n = 3");
      c.commit();
    }
    assertThat(commits.get()).isEqualTo(2);
    assertThat(server.statements()).endsWith("ROLLBACK", "BEGIN", "UPDATE counter SET n = 3", "COMMIT");
  }

  @Test
  void aFailedStatementIsReplayedAndMustFailTheSameWay() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    server.script = (request, inTransaction) -> {
      if (request.getSql().startsWith("INSERT INTO dup")) {
        throw FakeSqlServer.error(Status.Code.ALREADY_EXISTS, "23505", "duplicate key");
      }
      if (request.getSql().equals("COMMIT") && commits.incrementAndGet() == 1) {
        throw FakeSqlServer.error(Status.Code.ABORTED, "40001", "aborted");
      }
      return null;
    };
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO dup VALUES (1)")).hasMessageContaining("duplicate key");
      s.executeUpdate("INSERT INTO t VALUES (1)");
      c.commit();
    }
    assertThat(server.count("INSERT INTO dup VALUES (1)")).isEqualTo(2);
    assertThat(commits.get()).isEqualTo(2);
  }

  @Test
  void retriesStopAfterMaxRetries() throws Exception {
    server.script = (request, inTransaction) -> {
      if (request.getSql().equals("COMMIT")) {
        throw FakeSqlServer.error(Status.Code.ABORTED, "40001", "aborted");
      }
      return null;
    };
    try (Connection c = connect("maxRetries=2"); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      assertThatThrownBy(c::commit)
          .isInstanceOf(SQLTransactionRollbackException.class)
          .hasMessageContaining("aborted 3 times");
    }
    assertThat(server.count("COMMIT")).isEqualTo(3);
  }

  @Test
  void withoutInternalRetryAnAbortReachesTheApplication() throws Exception {
    server.script = (request, inTransaction) -> {
      if (request.getSql().equals("COMMIT")) {
        throw FakeSqlServer.error(Status.Code.ABORTED, "40001", "aborted");
      }
      return null;
    };
    try (Connection c = connect("retryAbortsInternally=false"); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      assertThatThrownBy(c::commit).isInstanceOf(SQLTransactionRollbackException.class).hasMessageContaining("aborted");
    }
    assertThat(server.count("COMMIT")).isEqualTo(1);
  }

  @Test
  void anUnknownCommitOutcomeIs40003AndNeverRetried() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    server.script = (request, inTransaction) -> {
      if (request.getSql().equals("COMMIT") && commits.incrementAndGet() == 1) {
        throw FakeSqlServer.error(Status.Code.UNKNOWN, "40003", "commit outcome unknown: the coordinator did not answer");
      }
      return null;
    };
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO t VALUES (1)");
      assertThatThrownBy(c::commit)
          .isInstanceOf(MeridianOutcomeUnknownException.class)
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("40003");
      // The transaction is over: the next statement begins a new one.
      s.executeUpdate("INSERT INTO t VALUES (2)");
      c.commit();
    }
    assertThat(server.count("COMMIT")).isEqualTo(2);
    assertThat(server.statements()).containsSubsequence("COMMIT", "BEGIN", "INSERT INTO t VALUES (2)", "COMMIT");
  }

  @Test
  void stalenessIsSentAsASessionStatement() throws Exception {
    try (Connection c = connect("readOnlyStaleness=EXACT_STALENESS%2010s"); Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1").close();
    }
    assertThat(server.statements()).containsExactly("SET READ_ONLY_STALENESS = 'EXACT_STALENESS 10s'", "SELECT 1");
  }

  @Test
  void serverErrorsKeepTheirSqlStateAndNameTheNode() throws Exception {
    server.script = (request, inTransaction) -> {
      throw FakeSqlServer.error(Status.Code.INVALID_ARGUMENT, "42P01", "table nope does not exist");
    };
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM nope"))
          .isInstanceOf(java.sql.SQLSyntaxErrorException.class)
          .hasMessageContaining("table nope does not exist")
          .hasMessageContaining(server.address())
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
    }
  }

  @Test
  void statementsSendMaxRowsTimeoutAndParametersInOrder() throws Exception {
    try (Connection c = connect("queryTimeout=30");
        java.sql.PreparedStatement p = c.prepareStatement("SELECT x FROM t WHERE a = ? AND b = ? AND c = '?'")) {
      assertThat(p.getQueryTimeout()).isEqualTo(30);
      p.setMaxRows(5);
      p.setQueryTimeout(3);
      p.setLong(1, 42);
      assertThatThrownBy(p::executeQuery).hasMessageContaining("parameter 2 of 2 is not set")
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07001");
      p.setString(2, "two");
      p.executeQuery().close();
      assertThat(p.getParameterMetaData().getParameterCount()).isEqualTo(2);
    }
    var request = server.requests.get(server.requests.size() - 1);
    assertThat(request.getMaxRows()).isEqualTo(5);
    assertThat(request.getTimeoutMillis()).isEqualTo(3_000);
    assertThat(request.getParametersList()).extracting(v -> v.getKindCase().name()).containsExactly("INT64_VALUE", "STRING_VALUE");
    assertThat(request.getParameters(0).getInt64Value()).isEqualTo(42);
    assertThat(request.getParameters(1).getStringValue()).isEqualTo("two");
  }

  @Test
  void aBatchFailureReportsTheCountsBeforeIt() throws Exception {
    server.script = (request, inTransaction) -> {
      if (request.getSql().contains("(3)")) {
        throw FakeSqlServer.error(Status.Code.ALREADY_EXISTS, "23505", "duplicate key 3");
      }
      return null;
    };
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      for (int i = 1; i <= 4; i++) {
        s.addBatch("INSERT INTO t VALUES (" + i + ")");
      }
      assertThatThrownBy(s::executeBatch)
          .isInstanceOfSatisfying(java.sql.BatchUpdateException.class, e -> {
            assertThat(e.getUpdateCounts()).containsExactly(1, 1);
            assertThat(e.getSQLState()).isEqualTo("23505");
          });
      assertThat(s.executeBatch()).isEmpty();
    }
    assertThat(server.statements()).hasSize(3);
  }

  @Test
  void cancelStopsTheCallInFlight() throws Exception {
    server.script = (request, inTransaction) -> request.getSql().contains("slow") ? FakeSqlServer.HOLD : null;
    try (Connection c = connect(""); Statement s = c.createStatement()) {
      var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return s.executeQuery("SELECT slow FROM t");
        } catch (SQLException e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      assertThat(server.held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      s.cancel();
      assertThatThrownBy(() -> running.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(java.sql.SQLTimeoutException.class)
          .hasMessageContaining("canceled");
      // The connection goes on.
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void theServerVersionAndProductNameReachTheMetadata() throws Exception {
    try (Connection c = connect("")) {
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("Meridian");
      assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("9.8.7-fake");
      assertThat(c.getMetaData().getDatabaseMajorVersion()).isEqualTo(9);
      assertThat(c.isValid(2)).isTrue();
      assertThat(server.statements()).isEqualTo(List.of("SELECT 1"));
    }
  }
}

package meridian.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** java.sql.Connection against a real node: transactions, read-only, isolation, lifecycle, failover. */
class ConnectionComplianceTest {
  @TempDir
  static Path dir;

  static JdbcServer server;

  @BeforeAll
  static void start() {
    server = JdbcServer.start(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  @Test
  void autocommitIsOnByDefaultAndEachStatementCommits() throws Exception {
    String table = server.createTable("autocommit");
    try (Connection writer = server.connect(); Connection reader = server.connect(); Statement s = writer.createStatement()) {
      assertThat(writer.getAutoCommit()).isTrue();
      assertThat(s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'a')")).isEqualTo(1);
      assertThat(count(reader, table)).isEqualTo(1);
    }
  }

  @Test
  void manualCommitAndRollback() throws Exception {
    String table = server.createTable("manual");
    try (Connection c = server.connect(); Connection other = server.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(c.getAutoCommit()).isFalse();
      s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'kept')");
      c.commit();
      s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (2, 'discarded')");
      assertThat(count(c, table)).isEqualTo(2);
      c.rollback();
      assertThat(count(other, table)).isEqualTo(1);
      s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (3, 'committed by setAutoCommit')");
      c.setAutoCommit(true);
      assertThat(count(other, table)).isEqualTo(2);
    }
  }

  @Test
  void closingWithAnOpenTransactionRollsItBack() throws Exception {
    String table = server.createTable("closeopen");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'never committed')");
    }
    try (Connection c = server.connect()) {
      assertThat(count(c, table)).isZero();
    }
  }

  @Test
  void readOnlyConnectionsRefuseWritesWith25006() throws Exception {
    String table = server.createTable("readonly");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      assertThat(c.isReadOnly()).isTrue();
      assertThat(count(c, table)).isZero();
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'x')"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");
      c.setAutoCommit(false);
      assertThat(count(c, table)).isZero();
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'x')"))
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25006");
      c.rollback();
      c.setReadOnly(false);
      c.setAutoCommit(true);
      assertThat(s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'x')")).isEqualTo(1);
    }
  }

  @Test
  void isolationIsAlwaysSerializable() throws Exception {
    try (Connection c = server.connect()) {
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertThatThrownBy(() -> c.setTransactionIsolation(Connection.TRANSACTION_NONE)).isInstanceOf(SQLFeatureNotSupportedException.class);
    }
  }

  @Test
  void plainPropertiesAndUnsupportedFeatures() throws Exception {
    try (Connection c = server.connect()) {
      assertThat(c.getCatalog()).isEmpty();
      assertThat(c.getSchema()).isEmpty();
      c.setSchema("");
      c.setCatalog("ignored");
      assertThat(c.nativeSQL("SELECT 1")).isEqualTo("SELECT 1");
      assertThat((Object) c.getWarnings()).isNull();
      assertThat(c.getHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      assertThat(c.getTypeMap()).isEmpty();
      c.setClientInfo("ApplicationName", "tests");
      assertThat(c.getClientInfo("ApplicationName")).isEqualTo("tests");
      assertThat(c.isValid(5)).isTrue();
      assertThat(c.isWrapperFor(Connection.class)).isTrue();
      assertThatThrownBy(() -> c.setSchema("other")).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(c::setSavepoint).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(() -> c.prepareCall("CALL p()")).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(c::createBlob).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(c::createClob).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(() -> c.createArrayOf("INT64", new Object[0])).isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(() -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY))
          .isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(() -> c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE))
          .isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThatThrownBy(() -> c.setHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT)).isInstanceOf(SQLFeatureNotSupportedException.class);
      c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, ResultSet.CLOSE_CURSORS_AT_COMMIT).close();
    }
  }

  @Test
  void closeClosesStatementsAndLaterCallsFailWith08003() throws Exception {
    Connection c = server.connect();
    Statement s = c.createStatement();
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThat(s.isClosed()).isTrue();
    assertThat(c.isValid(1)).isFalse();
    assertThatThrownBy(c::createStatement).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    c.close();
    Connection aborted = server.connect();
    aborted.abort(Executors.newSingleThreadExecutor());
    assertThat(aborted.isClosed()).isTrue();
  }

  @Test
  void anUnreachableFirstHostIsSkipped() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      closed = socket.getLocalPort();
    }
    String url = "jdbc:meridian://127.0.0.1:" + closed + "," + server.hostAndPort() + "?connectTimeout=2";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1);
    }
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:meridian://127.0.0.1:" + closed + "?connectTimeout=2"))
        .hasMessageContaining("127.0.0.1:" + closed)
        .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
  }

  @Test
  void stalenessFromTheUrlAppliesToReads() throws Exception {
    String table = server.createTable("stale");
    try (Connection c = server.connect("readOnlyStaleness=MAX_STALENESS+10s"); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      assertThat(count(c, table)).isZero();
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
    assertThatThrownBy(() -> server.connect("readOnlyStaleness=EXACT_STALENESS+bogus"))
        .isInstanceOf(SQLException.class);
  }
}

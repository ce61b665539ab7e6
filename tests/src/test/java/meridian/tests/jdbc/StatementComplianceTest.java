package meridian.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statement, PreparedStatement and ResultSet against a real node. */
class StatementComplianceTest {
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

  @Test
  void executeQueryUpdateAndExecute() throws Exception {
    String table = server.createTable("stmt");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'one')")).isEqualTo(1);
      assertThat(s.executeLargeUpdate("INSERT INTO " + table + " (id, name) VALUES (2, 'two')")).isEqualTo(1);
      assertThat(s.execute("UPDATE " + table + " SET name = 'TWO' WHERE id = 2")).isFalse();
      assertThat(s.getUpdateCount()).isEqualTo(1);
      assertThat(s.getLargeUpdateCount()).isEqualTo(1);
      assertThat(s.getResultSet()).isNull();
      assertThat(s.getMoreResults()).isFalse();
      assertThat(s.getUpdateCount()).isEqualTo(-1);

      assertThat(s.execute("SELECT id, name FROM " + table + " ORDER BY id")).isTrue();
      assertThat(s.getUpdateCount()).isEqualTo(-1);
      try (ResultSet rs = s.getResultSet()) {
        assertThat(rs.getStatement()).isSameAs(s);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong("ID")).isEqualTo(1);
        assertThat(rs.getString("Name")).isEqualTo("one");
        assertThat(rs.findColumn("name")).isEqualTo(2);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).isEqualTo("TWO");
        assertThat(rs.next()).isFalse();
      }
      assertThat(s.executeUpdate("DELETE FROM " + table + " WHERE id = 1")).isEqualTo(1);
      assertThat(s.getGeneratedKeys().next()).isFalse();
    }
  }

  @Test
  void wrongExecuteMethodsAreErrors() throws Exception {
    String table = server.createTable("wrong");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("INSERT INTO " + table + " (id, name) VALUES (1, 'x')"))
          .hasMessageContaining("returned no rows");
      assertThatThrownBy(() -> s.executeUpdate("SELECT id FROM " + table)).hasMessageContaining("returned rows");
    }
  }

  @Test
  void serverErrorsArriveAsTypedExceptions() throws Exception {
    String table = server.createTable("errors");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELEKT 1")).isInstanceOf(SQLSyntaxErrorException.class)
          .hasMessageContaining(server.hostAndPort());
      assertThatThrownBy(() -> s.executeQuery("SELECT id FROM no_such_table")).isInstanceOf(SQLSyntaxErrorException.class)
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("42P01");
      s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'x')");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, 'y')"))
          .isInstanceOf(SQLIntegrityConstraintViolationException.class)
          .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
      assertThatThrownBy(() -> s.executeUpdate("INSERT INTO " + table + " (name) VALUES ('no id')"))
          .isInstanceOf(SQLIntegrityConstraintViolationException.class);
    }
  }

  @Test
  void maxRowsAndTimeoutsAreAccepted() throws Exception {
    String table = server.createTable("maxrows");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (int i = 1; i <= 5; i++) {
        s.addBatch("INSERT INTO " + table + " (id, name) VALUES (" + i + ", 'n" + i + "')");
      }
      assertThat(s.executeBatch()).containsExactly(1, 1, 1, 1, 1);
      s.setMaxRows(2);
      assertThat(s.getMaxRows()).isEqualTo(2);
      s.setQueryTimeout(30);
      assertThat(s.getQueryTimeout()).isEqualTo(30);
      try (ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
        int rows = 0;
        while (rs.next()) {
          rows++;
        }
        assertThat(rows).isEqualTo(2);
      }
      s.setMaxRows(0);
      s.setFetchSize(100);
      s.setEscapeProcessing(true);
      s.setPoolable(true);
      assertThat(s.getResultSetType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
      assertThat(s.getResultSetConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
      assertThat(s.getResultSetHoldability()).isEqualTo(ResultSet.CLOSE_CURSORS_AT_COMMIT);
      assertThat(s.getConnection()).isSameAs(c);
      s.closeOnCompletion();
      ResultSet last = s.executeQuery("SELECT id FROM " + table);
      last.close();
      assertThat(s.isClosed()).isTrue();
    }
  }

  @Test
  void aFailingBatchReportsTheCountsBeforeIt() throws Exception {
    String table = server.createTable("batch");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.addBatch("INSERT INTO " + table + " (id, name) VALUES (1, 'a')");
      s.addBatch("INSERT INTO " + table + " (id, name) VALUES (2, 'b')");
      s.addBatch("INSERT INTO " + table + " (id, name) VALUES (1, 'duplicate')");
      s.addBatch("INSERT INTO " + table + " (id, name) VALUES (3, 'c')");
      assertThatThrownBy(s::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
        assertThat(e.getUpdateCounts()).containsExactly(1, 1);
        assertThat(e.getSQLState()).isEqualTo("23505");
      });
    }
  }

  @Test
  void preparedStatementsBindParametersAndBatch() throws Exception {
    String table = server.createTable("prepared");
    try (Connection c = server.connect();
        PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (id, name) VALUES (?, ?)");
        PreparedStatement select = c.prepareStatement("SELECT id, name FROM " + table + " WHERE id = ?")) {
      ParameterMetaData pmd = insert.getParameterMetaData();
      assertThat(pmd.getParameterCount()).isEqualTo(2);
      insert.setLong(1, 1);
      assertThatThrownBy(insert::executeUpdate).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07001");
      insert.setString(2, "it's one");
      assertThat(insert.executeUpdate()).isEqualTo(1);
      for (int i = 2; i <= 4; i++) {
        insert.setInt(1, i);
        insert.setString(2, "n" + i);
        insert.addBatch();
      }
      assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
      insert.clearParameters();
      assertThatThrownBy(insert::execute).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("07001");
      assertThatThrownBy(() -> insert.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);

      select.setLong(1, 1);
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("name")).isEqualTo("it's one");
      }
      select.setObject(1, 3);
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).isEqualTo("n3");
        assertThat(rs.next()).isFalse();
      }
      select.setNull(1, Types.BIGINT);
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void resultSetMetadataDescribesTheColumns() throws Exception {
    String table = server.createTable("rsmd");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO " + table + " (id, name) VALUES (1, NULL)");
      try (ResultSet rs = s.executeQuery("SELECT id, name FROM " + table)) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(2);
        assertThat(md.getColumnName(1)).isEqualToIgnoringCase("id");
        assertThat(md.getColumnLabel(2)).isEqualToIgnoringCase("name");
        assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
        assertThat(md.getColumnTypeName(1)).isEqualTo("INT64");
        assertThat(md.getColumnType(2)).isEqualTo(Types.VARCHAR);
        assertThat(md.getColumnTypeName(2)).isEqualTo("STRING");
        assertThat(md.getTableName(1)).isEqualToIgnoringCase(table);
        assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
        assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
        assertThat(md.getColumnClassName(1)).isEqualTo(Long.class.getName());
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(1);
        assertThat(rs.wasNull()).isFalse();
        assertThat(rs.getObject(1)).isEqualTo(1L);
      }
    }
  }
}

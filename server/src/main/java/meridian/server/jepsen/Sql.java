package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers the workloads share. */
final class Sql {
  private Sql() {}

  /** A body of statements run inside one transaction. */
  interface Body<T> {
    T run() throws SQLException, Workload.Refused;
  }

  /**
   * Runs {@code body} in a read-write transaction and commits it. A failure before the commit is
   * sent rolls back and is {@link Outcomes.NotCommitted}; the commit's own failure is thrown as is.
   */
  static <T> T inTransaction(Connection c, Body<T> body) throws SQLException, Outcomes.NotCommitted, Workload.Refused {
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      throw new Outcomes.NotCommitted(e);
    }
    try {
      T result;
      try {
        result = body.run();
      } catch (SQLException e) {
        rollbackQuietly(c);
        throw new Outcomes.NotCommitted(e);
      } catch (Workload.Refused e) {
        rollbackQuietly(c);
        throw e;
      }
      c.commit();
      return result;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is broken; the client replaces it
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // a broken connection rolls back on its own: the node ends the session's transaction
    }
  }

  /** Runs a statement with long parameters and returns its update count. */
  static int update(Connection c, String sql, long... parameters) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, parameters)) {
      return s.executeUpdate();
    }
  }

  /** The first column of every row, as longs (null stays null). */
  static List<Long> longs(Connection c, String sql, long... parameters) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, parameters); ResultSet rs = s.executeQuery()) {
      List<Long> values = new ArrayList<>();
      while (rs.next()) {
        long v = rs.getLong(1);
        values.add(rs.wasNull() ? null : v);
      }
      return values;
    }
  }

  /** The first column of the first row as a string, or null when there is no row. */
  static String string(Connection c, String sql, long... parameters) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, parameters); ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, long... parameters) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      s.setLong(i + 1, parameters[i]);
    }
    return s;
  }

  /**
   * Creates {@code table} with {@code columns} and splits it, empty, at each of {@code splitAt}.
   * Idempotent: a table that exists is kept, and a key that already starts a range is left alone.
   */
  static void createSplit(Connection c, String table, String columns, long... splitAt) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
      for (long at : splitAt) {
        s.execute("ALTER TABLE " + table + " SPLIT AT VALUES (" + at + ")");
      }
    }
  }
}

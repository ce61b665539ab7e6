package meridian.tests.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import meridian.tests.sql.EmbeddedNode;

/**
 * A real one-node cluster for the JDBC tests of one class, and fresh table names so that the
 * tests of a class never see each other's rows.
 */
final class JdbcServer implements AutoCloseable {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private final EmbeddedNode node;

  private JdbcServer(EmbeddedNode node) {
    this.node = node;
  }

  /** Starts a node with 4 initial ranges. */
  static JdbcServer start(Path dir) {
    return new JdbcServer(EmbeddedNode.start(dir, 4));
  }

  String url() {
    return node.jdbcUrl();
  }

  String hostAndPort() {
    return node.address().toString();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  Connection connect(String properties) throws SQLException {
    return DriverManager.getConnection(url() + "?" + properties);
  }

  /** A table name no other test uses. */
  static String freshTable(String prefix) {
    return prefix + "_" + TABLES.incrementAndGet();
  }

  /** Creates {@code name (id INT64 NOT NULL, name STRING, PRIMARY KEY (id))}. */
  String createTable(String prefix) throws SQLException {
    String table = freshTable(prefix);
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id INT64 NOT NULL, name STRING, PRIMARY KEY (id))");
    }
    return table;
  }

  @Override
  public void close() {
    node.close();
  }
}

package meridian.tests.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import meridian.tests.sql.EmbeddedNode;
import org.junit.jupiter.api.Assumptions;

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

  /**
   * Starts a node. Skips the calling tests while the server has no SQL service yet (this branch
   * was written before it landed); once {@code meridian.server.sql.SqlService} exists they run.
   */
  static JdbcServer start(Path dir) {
    Assumptions.assumeTrue(serverHasSql(), "the server has no SqlService yet");
    return new JdbcServer(EmbeddedNode.start(dir, 4));
  }

  static boolean serverHasSql() {
    try {
      Class.forName("meridian.server.sql.SqlService");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
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

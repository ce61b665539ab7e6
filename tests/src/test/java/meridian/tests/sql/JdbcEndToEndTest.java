package meridian.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC driver against a real node: DriverManager, prepared statements, transactions, metadata, a pool. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcEndToEndTest {
  private EmbeddedNode node;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = EmbeddedNode.start(dir, 4);
    try (Connection c = DriverManager.getConnection(node.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id INT64 PRIMARY KEY, owner STRING, balance INT64 NOT NULL, rate NUMERIC)");
    }
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void preparedStatementsTransactionsAndMetadata() throws Exception {
    try (Connection c = DriverManager.getConnection(node.jdbcUrl())) {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts (id, owner, balance, rate) VALUES (?, ?, ?, ?)")) {
        for (int i = 1; i <= 3; i++) {
          insert.setLong(1, i);
          insert.setString(2, i == 3 ? null : "owner" + i);
          insert.setLong(3, 100);
          insert.setBigDecimal(4, new BigDecimal("0.05"));
          insert.addBatch();
        }
        assertThat(insert.executeBatch()).containsExactly(1, 1, 1);
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE accounts SET balance = balance - 10 WHERE id = 1");
        s.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 2");
        c.commit();
        s.executeUpdate("UPDATE accounts SET balance = 0 WHERE id = 3");
        c.rollback();
      }
      c.setAutoCommit(true);
      try (PreparedStatement q = c.prepareStatement("SELECT id, owner, balance, rate FROM accounts WHERE id >= ? ORDER BY id")) {
        q.setLong(1, 1);
        try (ResultSet rs = q.executeQuery()) {
          List<String> rows = new ArrayList<>();
          while (rs.next()) {
            String owner = rs.getString("owner");
            rows.add(rs.getLong(1) + "|" + (rs.wasNull() ? "?" : "") + owner + "|" + rs.getLong("balance") + "|" + rs.getBigDecimal(4).toPlainString());
          }
          assertThat(rows).containsExactly("1|owner1|90|0.05", "2|owner2|110|0.05", "3|null|100|0.05");
        }
      }
      try (ResultSet tables = c.getMetaData().getTables(null, null, "acc%", null)) {
        assertThat(tables.next()).isTrue();
        assertThat(tables.getString("TABLE_NAME")).isEqualTo("accounts");
      }
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeQuery("SELEC 1")).isInstanceOf(SQLSyntaxErrorException.class);
        assertThatThrownBy(() -> s.executeUpdate("INSERT INTO accounts (id, balance) VALUES (1, 5)"))
            .isInstanceOf(SQLIntegrityConstraintViolationException.class)
            .satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isEqualTo("23505"));
      }
    }
  }

  @Test
  void aHikariPoolRunsConcurrentTransfers() throws Exception {
    try (Connection c = DriverManager.getConnection(node.jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE wallets (id INT64 PRIMARY KEY, amount INT64 NOT NULL)");
      s.executeUpdate("INSERT INTO wallets VALUES (1, 1000), (2, 1000), (3, 1000), (4, 1000)");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(node.jdbcUrl());
    config.setMaximumPoolSize(4);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      ExecutorService workers = Executors.newFixedThreadPool(4);
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int from = w + 1;
        done.add(workers.submit(() -> {
          for (int i = 0; i < 5; i++) {
            try (Connection c = pool.getConnection()) {
              c.setAutoCommit(false);
              try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE wallets SET amount = amount - 7 WHERE id = " + from);
                s.executeUpdate("UPDATE wallets SET amount = amount + 7 WHERE id = " + (from % 4 + 1));
              }
              c.commit();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
      workers.shutdown();
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT SUM(amount), COUNT(*) FROM wallets")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(4000);
        assertThat(rs.getLong(2)).isEqualTo(4);
      }
    }
  }
}

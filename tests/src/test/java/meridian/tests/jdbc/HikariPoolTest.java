package meridian.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HikariCP pool running concurrent read-write transactions (transfers between accounts) on a
 * real node: conflicting transactions abort, the driver replays or reports 40001, the application
 * retries, and the total never changes.
 */
class HikariPoolTest {
  static final int ACCOUNTS = 8;
  static final long OPENING_BALANCE = 1_000;
  static final int WORKERS = 4;
  static final int TRANSFERS_PER_WORKER = 20;
  static final int ATTEMPTS_MAX = 30;

  @TempDir
  static Path dir;

  static JdbcServer server;
  static String table;

  @BeforeAll
  static void start() throws SQLException {
    server = JdbcServer.start(dir);
    table = JdbcServer.freshTable("bank");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id INT64 NOT NULL, balance INT64, PRIMARY KEY (id))");
      for (int i = 0; i < ACCOUNTS; i++) {
        s.executeUpdate("INSERT INTO " + table + " (id, balance) VALUES (" + i + ", " + OPENING_BALANCE + ")");
      }
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void concurrentTransfersThroughAPoolKeepTheTotal() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.url() + "?queryTimeout=30");
    config.setMaximumPoolSize(WORKERS);
    config.setAutoCommit(false);
    config.setConnectionTimeout(30_000);
    config.setPoolName("meridian-test");
    AtomicInteger committed = new AtomicInteger();
    AtomicInteger retriedByApplication = new AtomicInteger();
    try (HikariDataSource pool = new HikariDataSource(config)) {
      ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
          done.add(workers.submit(() -> {
            for (int t = 0; t < TRANSFERS_PER_WORKER; t++) {
              transferWithRetries(pool, committed, retriedByApplication);
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(300, TimeUnit.SECONDS);
        }
      } finally {
        workers.shutdownNow();
      }
      assertThat(committed.get()).isEqualTo(WORKERS * TRANSFERS_PER_WORKER);
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT balance FROM " + table)) {
        long total = 0;
        int rows = 0;
        while (rs.next()) {
          total += rs.getLong(1);
          rows++;
        }
        c.commit();
        assertThat(rows).isEqualTo(ACCOUNTS);
        assertThat(total).isEqualTo(ACCOUNTS * OPENING_BALANCE);
      }
      assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(WORKERS);
    }
  }

  private static void transferWithRetries(HikariDataSource pool, AtomicInteger committed, AtomicInteger retried) throws Exception {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int from = random.nextInt(ACCOUNTS);
    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    long amount = 1 + random.nextInt(10);
    for (int attempt = 1; ; attempt++) {
      try (Connection c = pool.getConnection()) {
        try {
          move(c, from, to, amount);
          c.commit();
          committed.incrementAndGet();
          return;
        } catch (SQLTransactionRollbackException e) {
          // The driver already replayed what it could; a 40001 here means the data changed.
          c.rollback();
          retried.incrementAndGet();
          if (attempt >= ATTEMPTS_MAX) {
            throw e;
          }
        }
      }
    }
  }

  private static void move(Connection c, int from, int to, long amount) throws SQLException {
    try (PreparedStatement read = c.prepareStatement("SELECT balance FROM " + table + " WHERE id = ?");
        PreparedStatement write = c.prepareStatement("UPDATE " + table + " SET balance = ? WHERE id = ?")) {
      long fromBalance = balance(read, from);
      long toBalance = balance(read, to);
      write.setLong(1, fromBalance - amount);
      write.setLong(2, from);
      assertThat(write.executeUpdate()).isEqualTo(1);
      write.setLong(1, toBalance + amount);
      write.setLong(2, to);
      assertThat(write.executeUpdate()).isEqualTo(1);
    }
  }

  private static long balance(PreparedStatement read, int id) throws SQLException {
    read.setLong(1, id);
    try (ResultSet rs = read.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}

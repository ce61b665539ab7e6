package meridian.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import meridian.jdbc.MeridianOutcomeUnknownException;
import meridian.proto.v1.RangeDescriptor;
import meridian.server.cluster.ClusterFile;
import meridian.server.replication.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank of {@link CoordinatorFailureProcessTest} through SQL and the JDBC driver, on real
 * processes through kill -9. Table {@code accounts} is split at ids 3 and 6 before it holds data,
 * so its 8 accounts lie in three groups (1, and two made by the split) and a transfer is a
 * two-phase commit over two or three of them (each also writes its client's row of {@code
 * markers}, which lies in the last one). Four clients, each with its own connection whose URL
 * lists every node with the client's own node first, move money in explicit transactions: read
 * both balances and the marker, and when the source covers the amount, update both accounts and
 * the marker, and COMMIT. A reader checks the total meanwhile with strong read-only statements,
 * read-only transactions and bounded-stale statements.
 *
 * <p>Faults: (a) kill -9 of a node that some clients open their sessions at and that does not
 * lead group 1, while one of them is committing; it is restarted once its clients committed
 * through the others; (b) kill -9 of the leader of group 1 (accounts 1-2, the catalog, and the
 * coordinator of every transfer that touches those accounts) while transfers commit, restarted
 * likewise.
 *
 * <p>Checked, the data first: every successful read sees the exact total and every update finds
 * its row; after the faults every row can be written within {@link #STRANDED_LOCK_BOUND}, and
 * every node reads the exact total with no negative balance; each client's marker counts at least
 * the commits it was told of and at most those plus its unknown outcomes. Then how failures were
 * reported: none other than an abort (40001), an unknown outcome (40003) of a read-write COMMIT,
 * a statement timeout, a lost connection or a node fenced for want of its time masters ({@link
 * #FENCED}); no COMMIT answered 57014 (which promises that nothing was left behind, while the
 * commit may go on) and no read-only COMMIT answered 40003 (it wrote nothing to be unsure of).
 */
class JdbcBankProcessTest {
  static final int ACCOUNTS = 8;
  static final long BALANCE = 1000;
  static final long TOTAL = ACCOUNTS * BALANCE;
  static final int AMOUNT_MAX = 50;
  static final int CLIENTS = 4;
  /** The reader opens new connections (at the next node first) after this many rounds. */
  static final int READ_ROUNDS_PER_CONNECTION_MAX = 20;
  /** Group 1 holds accounts 1-2 (below the first split point) and the catalog. */
  static final long FIRST_ACCOUNTS_GROUP = 1;
  /** A client opens a new connection (at its own node first) after this many transfers. */
  static final int TRANSFERS_PER_CONNECTION_MAX = 20;
  static final Duration STRANDED_LOCK_BOUND = Duration.ofSeconds(40);
  // A killed node refuses connections at once, so the connect timeout only bounds a slow node
  // (this machine is shared); the statement timeout bounds a stall during an election.
  static final String CLIENT_PROPERTIES = "connectTimeout=10&queryTimeout=20";
  static final String STALENESS = "MAX_STALENESS 5s";
  /**
   * SQLState of a node whose TrueTime is fenced. {@code up} makes 2 of the 3 nodes time masters,
   * so killing one leaves the third without a majority-agreed sync: 10 s later it is fenced until
   * the master is back (truetime's HAZARD on the masters' majority).
   */
  static final String FENCED = "55000";

  @TempDir static Path dir;
  static ProcessCluster cluster;

  @BeforeAll
  static void up() {
    cluster = ProcessCluster.up(dir);
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.down();
    }
  }

  /** One transfer client: its own node and what it was told. */
  static final class Client {
    final int id;
    final int home;
    volatile boolean committing;
    final AtomicInteger committed = new AtomicInteger();
    final AtomicInteger aborted = new AtomicInteger();
    final AtomicInteger unknown = new AtomicInteger();
    final AtomicInteger commitTimeouts = new AtomicInteger();
    final AtomicInteger statementTimeouts = new AtomicInteger();
    final AtomicInteger connectionErrors = new AtomicInteger();
    final AtomicInteger fenced = new AtomicInteger();
    final AtomicInteger uncovered = new AtomicInteger();

    Client(int id) {
      this.id = id;
      this.home = id % 3;
    }
  }

  final AtomicBoolean stop = new AtomicBoolean();
  final List<Client> clients = new ArrayList<>();
  final Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  // Outcomes reported as something they are not: a COMMIT answered 57014 (the node stopped waiting,
  // but the commit may go on and take effect), a read-only transaction's COMMIT reported 40003.
  final ConcurrentLinkedQueue<String> misreported = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
  final AtomicInteger readFailures = new AtomicInteger();
  volatile long staleReadsFromNanos;

  @Test
  void bankHoldsOverJdbcThroughKillOfASessionNodeAndOfAnAccountsLeader() throws Exception {
    long startNanos = System.nanoTime();
    createSplitAndLoad();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Client client = new Client(i);
      clients.add(client);
      threads.add(Thread.ofPlatform().name("transfers-" + i).start(() -> transfers(client)));
    }
    threads.add(Thread.ofPlatform().name("reads").start(this::reads));
    long workloadNanos = System.nanoTime();
    try {
      awaitCommits(5);
      phase("workload running");

      // (a) The first host of some clients, not group 1's leader, while one of them commits.
      String accountsLeader = cluster.leaderOf(FIRST_ACCOUNTS_GROUP).id();
      ClusterFile.Entry sessionNode = cluster.nodes().stream().filter(n -> !n.id().equals(accountsLeader)).findFirst().orElseThrow();
      int sessionIndex = cluster.indexOf(sessionNode);
      Set<Long> itLeads = cluster.ledBy(sessionNode);
      List<Client> itsClients = clients.stream().filter(c -> c.home == sessionIndex).toList();
      int[] before = itsClients.stream().mapToInt(c -> c.committed.get()).toArray();
      awaitCommitting(c -> c.home == sessionIndex);
      cluster.kill(sessionNode);
      phase("killed " + sessionNode.id() + " (first host of clients " + itsClients.stream().map(c -> c.id).toList() + ", leads groups " + itLeads + ")");
      awaitCommits(10);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
          java.util.stream.IntStream.range(0, itsClients.size()).allMatch(i -> itsClients.get(i).committed.get() > before[i]));
      phase("its clients committed through the other nodes");
      cluster.restart();
      phase("restarted " + sessionNode.id());
      awaitCommits(5);

      // (b) The leader of group 1 (accounts 1-2, the catalog, coordinator of transfers touching them).
      ClusterFile.Entry leader = cluster.leaderOf(FIRST_ACCOUNTS_GROUP);
      int leaderIndex = cluster.indexOf(leader);
      Set<Long> leaderLeads = cluster.ledBy(leader);
      awaitCommitting(c -> c.home != leaderIndex);
      cluster.kill(leader);
      phase("killed " + leader.id() + ", leader of groups " + leaderLeads);
      awaitCommits(10);
      phase("committing without " + leader.id());
      cluster.restart();
      phase("restarted " + leader.id());
      awaitCommits(5);
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
    }
    for (Thread t : threads) {
      assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
    }
    phase("stopped after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - workloadNanos) + " s of transfers");
    System.out.printf("jdbc bank: %s; reads %s (%d failed); failures: %s%n", outcomes(), reads, readFailures.get(), failureKinds);
    // The data checks first, then how the failures were reported.
    assertThat(violations).as("reads that saw a different total, and updates that found no row").isEmpty();
    assertThat(reads.values().stream().mapToInt(AtomicInteger::get).sum()).as("successful reads").isGreaterThan(10);

    long lockCheckNanos = System.nanoTime();
    writeEveryRowOnce();
    System.out.printf("every account and marker written %d ms after the run stopped%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lockCheckNanos));
    for (ClusterFile.Entry node : cluster.nodes()) {
      try (Connection c = DriverManager.getConnection(ProcessCluster.jdbcUrlOf(node, CLIENT_PROPERTIES));
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT SUM(balance), COUNT(*), MIN(balance) FROM accounts")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).as("final total through " + node.id()).isEqualTo(TOTAL);
        assertThat(rs.getLong(2)).as("accounts through " + node.id()).isEqualTo(ACCOUNTS);
        assertThat(rs.getLong(3)).as("smallest balance through " + node.id()).isNotNegative();
      }
    }
    checkMarkers();
    assertThat(unexpected).as("failures that are neither an abort, an unknown outcome, a timeout, a lost connection nor a fenced node").isEmpty();
    assertThat(misreported).as("outcomes reported as what they are not").isEmpty();
    System.out.printf("jdbc bank test ran %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
  }

  /**
   * Creates the tables, splits {@code accounts} at ids 3 and 6 while both tables are empty (a
   * split needs an empty right-hand side), checks that the range map has the two new ranges, and
   * loads the accounts and one marker per client in one transaction.
   */
  private void createSplitAndLoad() throws SQLException {
    try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(0, CLIENT_PROPERTIES)); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id INT64 PRIMARY KEY, balance INT64 NOT NULL)");
      s.execute("CREATE TABLE markers (client INT64 PRIMARY KEY, n INT64 NOT NULL)");
      s.execute("ALTER TABLE accounts SPLIT AT VALUES (3), (6)");
      List<RangeDescriptor> ranges = cluster.ranges();
      ranges.forEach(r -> System.out.printf("range %s..%s: group %d%n", Keys.show(r.getStartKey().toByteArray()),
          r.getEndUnbounded() ? "end" : Keys.show(r.getEndKey().toByteArray()), r.getGroupId()));
      List<Long> splitGroups = ranges.stream()
          .filter(r -> startsWith(r.getStartKey().toByteArray(), Keys.SQL_PREFIX))
          .map(RangeDescriptor::getGroupId)
          .toList();
      assertThat(splitGroups).as("groups of the ranges that start at the split points").hasSize(2).doesNotContain(FIRST_ACCOUNTS_GROUP);

      c.setAutoCommit(false);
      try (PreparedStatement account = c.prepareStatement("INSERT INTO accounts (id, balance) VALUES (?, ?)");
          PreparedStatement marker = c.prepareStatement("INSERT INTO markers (client, n) VALUES (?, 0)")) {
        for (int id = 1; id <= ACCOUNTS; id++) {
          account.setLong(1, id);
          account.setLong(2, BALANCE);
          assertThat(account.executeUpdate()).isEqualTo(1);
        }
        for (int client = 0; client < CLIENTS; client++) {
          marker.setLong(1, client);
          assertThat(marker.executeUpdate()).isEqualTo(1);
        }
      }
      c.commit();
    }
    // Committed (commit wait included) before now: a read at most 5 s stale from here on sees it.
    staleReadsFromNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private void transfers(Client me) {
    Connection conn = null;
    int transfers = 0;
    try {
      while (!stop.get()) {
        try {
          if (conn == null || transfers >= TRANSFERS_PER_CONNECTION_MAX) {
            closeQuietly(conn);
            conn = null;
            // A new connection starts at the client's own node: back home once it is up again.
            conn = DriverManager.getConnection(cluster.jdbcUrl(me.home, CLIENT_PROPERTIES));
            conn.setAutoCommit(false);
            transfers = 0;
          }
          transfers++;
          transferOnce(me, conn);
        } catch (SQLException e) {
          // Opening a connection or rolling back failed: start afresh with a new connection.
          record(me, e, false);
          closeQuietly(conn);
          conn = null;
        }
      }
    } finally {
      closeQuietly(conn);
    }
  }

  /** One transfer; its outcome is counted in {@code me}. Throws only when the connection must be replaced. */
  private void transferOnce(Client me, Connection conn) throws SQLException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int from = 1 + random.nextInt(ACCOUNTS);
    int to = 1 + (from + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    long amount = 1 + random.nextInt(AMOUNT_MAX);
    boolean atCommit = false;
    try {
      long fromBalance = balance(conn, from);
      balance(conn, to);
      long n = marker(conn, me.id);
      if (fromBalance < amount) {
        me.uncovered.incrementAndGet();
        conn.rollback();
        return;
      }
      expectOneRow(me, conn, "UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?", amount, from, amount);
      expectOneRow(me, conn, "UPDATE accounts SET balance = balance + ? WHERE id = ?", amount, to);
      expectOneRow(me, conn, "INSERT OR UPDATE INTO markers (client, n) VALUES (?, ?)", me.id, n + 1);
      atCommit = true;
      me.committing = true;
      conn.commit();
      me.committed.incrementAndGet();
    } catch (SQLException e) {
      record(me, e, atCommit);
      conn.rollback();
    } finally {
      me.committing = false;
    }
  }

  private static long balance(Connection conn, long id) throws SQLException {
    return single(conn, "SELECT balance FROM accounts WHERE id = ?", id);
  }

  private static long marker(Connection conn, long client) throws SQLException {
    return single(conn, "SELECT n FROM markers WHERE client = ?", client);
  }

  private static long single(Connection conn, String sql, long key) throws SQLException {
    try (PreparedStatement q = conn.prepareStatement(sql)) {
      q.setLong(1, key);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no row for " + key + ": " + sql, "02000");
        }
        return rs.getLong(1);
      }
    }
  }

  private void expectOneRow(Client me, Connection conn, String sql, long... parameters) throws SQLException {
    try (PreparedStatement u = conn.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        u.setLong(i + 1, parameters[i]);
      }
      int rows = u.executeUpdate();
      if (rows != 1) {
        violations.add("client " + me.id + ": " + sql + " with " + Arrays.toString(parameters) + " changed " + rows + " rows");
      }
    }
  }

  /** Counts a failed transfer by what it was; anything else than the expected kinds is recorded as unexpected. */
  private void record(Client me, SQLException e, boolean atCommit) {
    String state = String.valueOf(e.getSQLState());
    String shape = (atCommit ? "COMMIT " : "") + state + " " + e.getClass().getSimpleName() + ": "
        + String.valueOf(e.getMessage()).replaceAll("[0-9]+", "N");
    failureKinds.merge(shape.substring(0, Math.min(160, shape.length())), 1, Integer::sum);
    if (e instanceof MeridianOutcomeUnknownException) {
      if (!atCommit) {
        unexpected.add("client " + me.id + ": 40003 outside a COMMIT: " + e);
      }
      me.unknown.incrementAndGet();
      return;
    }
    switch (state) {
      case "40001" -> me.aborted.incrementAndGet();
      // The node's TrueTime is fenced (no majority-agreed sync: a time master is down), so it
      // refuses. Not counted as a possible commit: if one such COMMIT did commit, the markers show it.
      case FENCED -> me.fenced.incrementAndGet();
      case "57014" -> {
        if (atCommit) {
          me.commitTimeouts.incrementAndGet();
          misreported.add("client " + me.id + ": " + e.getMessage());
        } else {
          me.statementTimeouts.incrementAndGet();
        }
      }
      default -> {
        if (state.startsWith("08")) {
          me.connectionErrors.incrementAndGet();
        } else {
          unexpected.add("client " + me.id + (atCommit ? " at COMMIT: " : ": ") + state + " " + e);
        }
      }
    }
  }

  /**
   * Reads the total over and over: a read-only connection's autocommit SELECT (strong) and
   * read-only transaction, and a bounded-stale SELECT on another connection once no read 5 s stale
   * can precede the load. New connections start at the next node, so every node serves some.
   */
  private void reads() {
    Connection readOnly = null;
    Connection stale = null;
    int home = 0;
    int rounds = 0;
    String step = "";
    try {
      while (!stop.get()) {
        try {
          step = "connect";
          if (rounds++ >= READ_ROUNDS_PER_CONNECTION_MAX) {
            closeQuietly(readOnly);
            closeQuietly(stale);
            readOnly = null;
            stale = null;
            home = (home + 1) % 3;
            rounds = 0;
          }
          if (readOnly == null) {
            readOnly = DriverManager.getConnection(cluster.jdbcUrl(home, CLIENT_PROPERTIES));
            readOnly.setReadOnly(true);
          }
          if (stale == null) {
            stale = DriverManager.getConnection(cluster.jdbcUrl(home, CLIENT_PROPERTIES));
            try (Statement s = stale.createStatement()) {
              s.execute("SET READ_ONLY_STALENESS = '" + STALENESS + "'");
            }
          }
          step = "read-only statement";
          readOnly.setAutoCommit(true);
          checkTotal(step, readOnly);
          step = "read-only transaction";
          readOnly.setAutoCommit(false);
          checkTotal(step, readOnly);
          step = "COMMIT of a read-only transaction";
          readOnly.commit();
          step = STALENESS;
          if (System.nanoTime() - staleReadsFromNanos > 0) {
            checkTotal(step, stale);
          }
        } catch (SQLException e) {
          readFailures.incrementAndGet();
          String state = String.valueOf(e.getSQLState());
          failureKinds.merge("read (" + step + ") " + state + " " + e.getClass().getSimpleName(), 1, Integer::sum);
          if (e instanceof MeridianOutcomeUnknownException) {
            // A read-only transaction wrote nothing: its outcome is never in doubt.
            misreported.add("reader, " + step + ": " + e.getMessage());
          } else if (!state.startsWith("08") && !List.of("40001", "57014", FENCED).contains(state)) {
            unexpected.add("reader via node " + home + " first, " + step + ": " + state + " " + e);
          }
          closeQuietly(readOnly);
          closeQuietly(stale);
          readOnly = null;
          stale = null;
        }
      }
    } finally {
      closeQuietly(readOnly);
      closeQuietly(stale);
    }
  }

  private void checkTotal(String kind, Connection conn) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT SUM(balance), COUNT(*) FROM accounts")) {
      rs.next();
      long total = rs.getLong(1);
      long count = rs.getLong(2);
      if (total != TOTAL || count != ACCOUNTS) {
        violations.add(kind + " saw a total of " + total + " over " + count + " accounts");
      }
      reads.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  /**
   * No lock is stranded: each account and marker alone, then all of them in one transaction, can
   * be written within {@link #STRANDED_LOCK_BOUND} of the run's end, through every node in turn.
   */
  private void writeEveryRowOnce() throws InterruptedException {
    ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
    Thread writer = Thread.ofPlatform().name("lock-check").daemon().start(() -> {
      List<String> rows = new ArrayList<>();
      for (int id = 1; id <= ACCOUNTS; id++) {
        rows.add("UPDATE accounts SET balance = balance WHERE id = " + id);
      }
      for (int client = 0; client < CLIENTS; client++) {
        rows.add("UPDATE markers SET n = n WHERE client = " + client);
      }
      int i = 0;
      for (String sql : rows) {
        int node = i++ % 3;
        try (Connection c = DriverManager.getConnection(ProcessCluster.jdbcUrlOf(cluster.nodes().get(node), "queryTimeout=35"));
            Statement s = c.createStatement()) {
          int changed = s.executeUpdate(sql);
          if (changed != 1) {
            failed.add(sql + " changed " + changed + " rows");
          }
        } catch (SQLException e) {
          failed.add(sql + " via node " + node + ": " + e.getSQLState() + " " + e.getMessage());
        }
      }
      try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(0, "queryTimeout=35")); Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        int accounts = s.executeUpdate("UPDATE accounts SET balance = balance");
        int markers = s.executeUpdate("UPDATE markers SET n = n");
        c.commit();
        if (accounts != ACCOUNTS || markers != CLIENTS) {
          failed.add("all rows in one transaction: " + accounts + " accounts, " + markers + " markers");
        }
      } catch (SQLException e) {
        failed.add("all rows in one transaction: " + e.getSQLState() + " " + e.getMessage());
      }
    });
    writer.join(STRANDED_LOCK_BOUND.toMillis());
    assertThat(writer.isAlive()).as("writing every row took longer than " + STRANDED_LOCK_BOUND + ": a stranded lock?").isFalse();
    assertThat(failed).as("writes that failed after the faults healed (a stranded lock?)").isEmpty();
  }

  /** Each client's marker counts its committed transfers, give or take those of unknown outcome. */
  private void checkMarkers() throws SQLException {
    Map<Long, Long> markers = new HashMap<>();
    try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(0, CLIENT_PROPERTIES)); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      try (ResultSet rs = s.executeQuery("SELECT client, n FROM markers")) {
        while (rs.next()) {
          markers.put(rs.getLong(1), rs.getLong(2));
        }
      }
    }
    for (Client client : clients) {
      long applied = markers.getOrDefault((long) client.id, -1L);
      long told = client.committed.get();
      // A COMMIT answered 57014 may have committed too (reported apart, as misreported).
      long maybe = client.unknown.get() + client.commitTimeouts.get();
      assertThat(applied)
          .as("client %d: transfers applied vs committed %d (+%d of unknown outcome, +%d COMMIT timeouts)",
              client.id, told, client.unknown.get(), client.commitTimeouts.get())
          .isBetween(told, told + maybe);
    }
  }

  private static void closeQuietly(Connection conn) {
    if (conn != null) {
      try {
        conn.close();
      } catch (SQLException e) {
        // Closing a connection whose node is gone: nothing left to release here.
      }
    }
  }

  private long phaseNanos = System.nanoTime();

  /** Prints how long the phase that just ended took, and the outcomes so far. */
  private void phase(String what) {
    long now = System.nanoTime();
    System.out.printf("[%5d ms] %s; %s; reads %s%n", TimeUnit.NANOSECONDS.toMillis(now - phaseNanos), what, outcomes(), reads);
    phaseNanos = now;
  }

  private int commits() {
    return clients.stream().mapToInt(c -> c.committed.get()).sum();
  }

  private void awaitCommits(int more) {
    int target = commits() + more;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> commits() >= target);
  }

  /** Waits (bounded) until a client that {@code which} selects has a COMMIT in flight. */
  private void awaitCommitting(Predicate<Client> which) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
        .until(() -> clients.stream().anyMatch(c -> c.committing && which.test(c)));
  }

  private String outcomes() {
    return String.format(
        "committed %d, aborted %d, outcome unknown %d, COMMIT timed out %d, statement timed out %d, connection errors %d, fenced %d, not covered %d",
        sum(c -> c.committed), sum(c -> c.aborted), sum(c -> c.unknown), sum(c -> c.commitTimeouts),
        sum(c -> c.statementTimeouts), sum(c -> c.connectionErrors), sum(c -> c.fenced), sum(c -> c.uncovered));
  }

  private int sum(java.util.function.Function<Client, AtomicInteger> counter) {
    return clients.stream().mapToInt(c -> counter.apply(c).get()).sum();
  }
}

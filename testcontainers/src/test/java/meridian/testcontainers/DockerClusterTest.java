package meridian.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.MasterView;
import meridian.proto.v1.SkewClockResponse;
import meridian.proto.v1.StatusResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One 3-node cluster in Docker, shared by the tests in order (each leaves every node running and
 * every link joined). Docker must work: without it the class fails in its setup, it never skips.
 * Each test writes its own key range of table {@code kv}, so they do not see each other's rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerClusterTest {
  /** How long SQL may fail while the cluster recovers from a fault (lease expiry, election). */
  private static final Duration RECOVERY = Duration.ofSeconds(60);
  private static final Duration MASTER_VIEW_CHANGE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(DockerClusterTest.class);

  private static MeridianCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    long startNanos = System.nanoTime();
    NodeImage.ensurePresent();
    LOG.info("image ready after {} ms", (System.nanoTime() - startNanos) / 1_000_000);
    // The client compiler only: three node JVMs share this host's cores with the build, and the
    // tests are too short for the optimizing compiler to pay for itself.
    cluster = MeridianCluster.builder().nodes(3).env("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1").build();
    cluster.start();
    Eventually.run("CREATE TABLE kv", RECOVERY,
        () -> execute(cluster.jdbcUrl(), "CREATE TABLE IF NOT EXISTS kv (k INT64 PRIMARY KEY, v STRING)"));
    LOG.info("cluster and table ready after {} ms", (System.nanoTime() - startNanos) / 1_000_000);
  }

  @AfterAll
  static void removeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A test that failed midway must not leave the next one a broken cluster. */
  @AfterEach
  void restoreCluster() {
    cluster.heal();
    List<Integer> down = new ArrayList<>();
    for (int node = 1; node <= cluster.size(); node++) {
      if (!cluster.isRunning(node)) {
        down.add(node);
      }
    }
    if (!down.isEmpty()) {
      cluster.restart(down.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  @Order(1)
  void servesSqlThroughTheJdbcDriver() throws SQLException {
    try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO kv (k, v) VALUES (1, 'one'), (2, 'two'), (3, 'three')")).isEqualTo(3);
      assertThat(rows(c, 1, 4)).containsExactly(Map.entry(1L, "one"), Map.entry(2L, "two"), Map.entry(3L, "three"));
    }
    // Every node serves SQL on its own port, and sees the rows.
    for (int node = 1; node <= cluster.size(); node++) {
      try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(node))) {
        assertThat(rows(c, 1, 4)).as("rows read at n%d", node).hasSize(3);
      }
    }
  }

  @Test
  @Order(2)
  void skewClockAndPauseReachTheNode() {
    SkewClockResponse skewed = cluster.skewClock(3, 200, 0);
    assertThat(skewed.getOffsetMicros()).isEqualTo(200);
    assertThat(cluster.skewClock(3, 0, 0).getOffsetMicros()).isZero();

    cluster.pause(3);
    try (NodeClient client = new NodeClient(cluster.address(3), Duration.ofSeconds(1))) {
      assertThatThrownBy(client::status)
          .isInstanceOfSatisfying(MeridianException.class, e -> assertThat(e.kind()).isEqualTo(MeridianException.Kind.DEADLINE_EXCEEDED));
    } finally {
      cluster.unpause(3);
    }
    assertThat(cluster.status(3).getNodeId()).isEqualTo("n3");
  }

  @Test
  @Order(3)
  void aCutLinkDropsTrafficBetweenTwoNodesOnlyUntilHealed() throws Exception {
    cluster.cut(1, 2);
    awaitMasterState(1, "n2", "unreachable");
    awaitMasterState(2, "n1", "unreachable");
    assertThat(masterState(1, "n3")).isEqualTo("agreed");
    // Through n3, which reaches both sides: n1 or n2 alone cannot serve a group whose leader is
    // across the cut (that leader keeps its lease through n3).
    upsertAll(cluster.jdbcUrl(3), 400, 403);

    cluster.heal();
    awaitMasterState(1, "n2", "agreed");
    awaitMasterState(2, "n1", "agreed");
  }

  @Test
  @Order(4)
  void aStoppedNodeRejoinsWithItsDataAndCatchesUp() throws Exception {
    cluster.stop(3);
    assertThat(cluster.isRunning(3)).isFalse();
    upsertAll(cluster.jdbcUrl(), 100, 120); // n1 and n2: n3 has no port while stopped
    Map<Long, Long> committed = commitIndexByGroup(1, 2);
    assertThat(committed).isNotEmpty();

    cluster.restart(3);

    Eventually.run("n3 applying every group's log up to what was committed while it was down", RECOVERY, () -> {
      for (GroupStatus group : cluster.status(3).getGroupsList()) {
        Long needed = committed.get(group.getGroupId());
        assertThat(group.getAppliedIndex()).as("group %d applied at n3", group.getGroupId()).isGreaterThanOrEqualTo(needed == null ? 0 : needed);
      }
    });
    // A strong read through n3 alone sees every row written while it was down.
    Map<Long, String> seen = Eventually.get("a strong read at n3", RECOVERY, () -> {
      try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(3))) {
        return rows(c, 100, 120);
      }
    });
    assertThat(seen).hasSize(20).containsEntry(100L, "v100").containsEntry(119L, "v119");
  }

  @Test
  @Order(5)
  void anIsolatedNodeLosesNoAcknowledgedWrite() throws Exception {
    cluster.isolate(2);
    awaitMasterState(1, "n2", "unreachable");
    String majority = "jdbc:meridian://" + cluster.address(1) + "," + cluster.address(3);
    upsertAll(majority, 200, 210); // each acknowledged before the next is sent

    cluster.heal();
    for (int node = 1; node <= cluster.size(); node++) {
      int at = node;
      // Only a failed read is retried: a strong read that answers must hold every acknowledged row.
      Map<Long, String> seen = Eventually.get("a strong read at n" + at, RECOVERY, () -> {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(at))) {
          return rows(c, 200, 210);
        }
      });
      for (long k = 200; k < 210; k++) {
        assertThat(seen).as("read at n%d", at).containsEntry(k, "v" + k);
      }
    }
  }

  @Test
  @Order(6)
  void survivesKillingTheLeaderOfGroupOne() throws Exception {
    int leader = leaderOf(1);
    cluster.kill(leader);
    assertThat(cluster.isRunning(leader)).isFalse();

    String survivors = cluster.jdbcUrl(); // the two nodes that run
    upsertAll(survivors, 300, 305);
    try (Connection c = DriverManager.getConnection(survivors)) {
      assertThat(rows(c, 300, 305)).hasSize(5);
    }
    int newLeader = Eventually.get("a new leader of group 1", RECOVERY, () -> leaderOf(1));
    assertThat(newLeader).isNotEqualTo(leader);

    cluster.restart(leader);
    Map<Long, String> seen = Eventually.get("a strong read at the restarted n" + leader, RECOVERY, () -> {
      try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(leader))) {
        return rows(c, 300, 305);
      }
    });
    assertThat(seen).hasSize(5);
  }

  // -----------------------------------------------------------------------------------------------

  /** Upserts k = v'k' for k in [from, to), one at a time, each retried until acknowledged. */
  private static void upsertAll(String url, long from, long to) {
    long startNanos = System.nanoTime();
    for (long k = from; k < to; k++) {
      long key = k;
      // An upsert may be retried after an unknown outcome (40003): a second run changes nothing.
      Eventually.run("upsert of k=" + key + " through " + url, RECOVERY, () -> {
        try (Connection c = DriverManager.getConnection(url);
            PreparedStatement p = c.prepareStatement("INSERT OR UPDATE INTO kv (k, v) VALUES (?, ?)")) {
          p.setLong(1, key);
          p.setString(2, "v" + key);
          p.executeUpdate();
        }
      });
    }
    LOG.info("upserted k in [{}, {}) in {} ms", from, to, (System.nanoTime() - startNanos) / 1_000_000);
  }

  private static Map<Long, String> rows(Connection c, long from, long to) throws SQLException {
    Map<Long, String> rows = new TreeMap<>();
    try (PreparedStatement p = c.prepareStatement("SELECT k, v FROM kv WHERE k >= ? AND k < ? ORDER BY k")) {
      p.setLong(1, from);
      p.setLong(2, to);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.put(r.getLong(1), r.getString(2));
        }
      }
    }
    return rows;
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The node that leads {@code group} by its own account (role "leader"); fails when none does. */
  private static int leaderOf(long group) {
    for (int node = 1; node <= cluster.size(); node++) {
      if (!cluster.isRunning(node)) {
        continue;
      }
      for (GroupStatus g : cluster.status(node).getGroupsList()) {
        if (g.getGroupId() == group && g.getRole().equals("leader")) {
          return node;
        }
      }
    }
    throw new AssertionError("no running node leads group " + group);
  }

  /** Each group's commit index at its leader, asked of the given nodes. */
  private static Map<Long, Long> commitIndexByGroup(int... nodes) {
    Map<Long, Long> committed = new HashMap<>();
    for (int node : nodes) {
      for (GroupStatus g : cluster.status(node).getGroupsList()) {
        if (g.getRole().equals("leader")) {
          committed.put(g.getGroupId(), g.getCommitIndex());
        }
      }
    }
    return committed;
  }

  private static String masterState(int node, String master) {
    StatusResponse status = cluster.status(node);
    return status.getTruetime().getMastersList().stream()
        .filter(m -> m.getMasterId().equals(master))
        .map(MasterView::getState)
        .findFirst()
        .orElse("absent");
  }

  private static void awaitMasterState(int node, String master, String state) {
    Eventually.run("n" + node + " seeing master " + master + " " + state, MASTER_VIEW_CHANGE, () -> {
      assertThat(masterState(node, master)).isEqualTo(state);
    });
  }
}

package meridian.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.client.MeridianException;
import meridian.client.NodeAddress;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;
import meridian.server.cluster.ClusterFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication on real processes: a 3-node cluster keeps every acknowledged write through kill -9
 * of any node, the leader included, elects a new leader within lease duration + 2 s, and an old
 * leader that was paused (SIGSTOP) and resumed never serves a stale read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationProcessTest {
  static final long LEASE_MILLIS = 2_000;
  @TempDir static Path dir;
  static String dirArg;
  static final Map<String, String> acknowledged = new LinkedHashMap<>();

  @BeforeAll
  static void up() {
    int basePort = Launcher.freeBasePort(3);
    dirArg = dir.resolve("cluster").toString();
    Launcher.Result up =
        Launcher.run(180, "up", "--dir", dirArg, "--base-port", Integer.toString(basePort), "--groups", "2",
            "--time-sync-interval", "250ms");
    assertThat(up.exitCode()).as(up.all()).isZero();
  }

  @AfterAll
  static void down() {
    for (ClusterFile.Entry node : ClusterFile.read(Path.of(dirArg)).nodes()) {
      signal("CONT", node.pid()); // never leave a paused process behind
    }
    Launcher.Result down = Launcher.run(120, "down", "--dir", dirArg);
    assertThat(down.exitCode()).as(down.all()).isZero();
  }

  static List<ClusterFile.Entry> nodes() {
    return ClusterFile.read(Path.of(dirArg)).nodes();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The leader of group 1 as the nodes report it (waits, bounded, until there is one). */
  static ClusterFile.Entry leaderOfGroup1() {
    String[] leader = new String[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              for (ClusterFile.Entry node : nodes()) {
                try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(2))) {
                  for (GroupStatus g : client.status().getGroupsList()) {
                    if (g.getGroupId() == 1 && g.getRole().equals("leader")) {
                      leader[0] = node.id();
                      return true;
                    }
                  }
                } catch (MeridianException e) {
                  // down or paused: ask the next one
                }
              }
              return false;
            });
    return nodes().stream().filter(n -> n.id().equals(leader[0])).findFirst().orElseThrow();
  }

  /** Writes key=value through {@code via}, retrying (bounded) while the group has no leader. */
  static long writeEventually(NodeAddress via, String key, String value, Duration bound) {
    long start = System.nanoTime();
    long[] ts = new long[1];
    await()
        .atMost(bound)
        .pollInterval(Duration.ofMillis(50))
        .ignoreException(MeridianException.class)
        .until(
            () -> {
              try (NodeClient client = new NodeClient(via, Duration.ofSeconds(3))) {
                ts[0] = client.put(bytes(key), bytes(value));
                return true;
              }
            });
    acknowledged.put(key, value);
    return (System.nanoTime() - start) / 1_000_000;
  }

  static void signal(String signal, long pid) {
    Launcher.exec(List.of("kill", "-" + signal, Long.toString(pid)), 10);
  }

  @Test
  @Order(1)
  void writesThroughAnyNodeAreReadableThroughEveryNode() {
    List<ClusterFile.Entry> nodes = nodes();
    for (int i = 0; i < 30; i++) {
      String key = (i % 2 == 0 ? "a" : "\u00f0") + "-key-" + i; // both groups: first byte below and above 0x80
      writeEventually(nodes.get(i % 3).address(), key, "v" + i, Duration.ofSeconds(30));
    }
    for (ClusterFile.Entry node : nodes) {
      try (NodeClient client = new NodeClient(node.address())) {
        acknowledged.forEach((k, v) -> assertThat(client.get(bytes(k), 0).getValue().toStringUtf8()).as(k).isEqualTo(v));
      }
    }
    Launcher.Result status = Launcher.run(60, "status", "--dir", dirArg);
    assertThat(status.stdout()).contains("GROUP", "REPLICA LAG").doesNotContain("no leader seen");
  }

  @Test
  @Order(2)
  void compareAndSetGoesThroughPaxos() {
    try (NodeClient client = new NodeClient(nodes().get(1).address())) {
      assertThat(client.compareAndSet(bytes("cas"), null, bytes("1")).getSucceeded()).isTrue();
      var failed = client.compareAndSet(bytes("cas"), bytes("0"), bytes("2"));
      assertThat(failed.getSucceeded()).isFalse();
      assertThat(failed.getCurrentValue().toStringUtf8()).isEqualTo("1");
      assertThat(client.compareAndSet(bytes("cas"), bytes("1"), bytes("2")).getSucceeded()).isTrue();
      assertThat(client.get(bytes("cas"), 0).getValue().toStringUtf8()).isEqualTo("2");
    }
    acknowledged.put("cas", "2");
  }

  @Test
  @Order(3)
  void killingTheLeaderLosesNoAcknowledgedWriteAndANewLeaderServesWithinLeasePlusTwoSeconds() {
    ClusterFile.Entry leader = leaderOfGroup1();
    ClusterFile.Entry other = nodes().stream().filter(n -> !n.id().equals(leader.id())).findFirst().orElseThrow();
    signal("KILL", leader.pid());
    long millis = writeEventually(other.address(), "a-after-kill", "x", Duration.ofSeconds(30));
    assertThat(millis).as("a write to group 1 succeeded again after %d ms", millis).isLessThan(LEASE_MILLIS + 2_000);
    try (NodeClient client = new NodeClient(other.address())) {
      acknowledged.forEach((k, v) -> assertThat(client.get(bytes(k), 0).getValue().toStringUtf8()).as(k).isEqualTo(v));
    }
    // Restart the killed node with its data; it catches up from the log.
    Launcher.Result up = Launcher.run(180, "up", "--dir", dirArg);
    assertThat(up.exitCode()).as(up.all()).isZero();
    assertThat(up.stdout()).contains("started " + leader.id());
  }

  @Test
  @Order(4)
  void everyNodeIncludingAFollowerSurvivesKillAndRestart() {
    for (ClusterFile.Entry victim : new ArrayList<>(nodes())) {
      ClusterFile.Entry current = nodes().stream().filter(n -> n.id().equals(victim.id())).findFirst().orElseThrow();
      ClusterFile.Entry survivor = nodes().stream().filter(n -> !n.id().equals(victim.id())).findFirst().orElseThrow();
      signal("KILL", current.pid());
      writeEventually(survivor.address(), "a-without-" + victim.id(), "y", Duration.ofSeconds(30));
      writeEventually(survivor.address(), "\u00f0-without-" + victim.id(), "y", Duration.ofSeconds(30));
      Launcher.Result up = Launcher.run(180, "up", "--dir", dirArg);
      assertThat(up.exitCode()).as(up.all()).isZero();
    }
    // The restarted nodes caught up: every acknowledged write is readable through each of them.
    for (ClusterFile.Entry node : nodes()) {
      try (NodeClient client = new NodeClient(node.address())) {
        acknowledged.forEach(
            (k, v) ->
                await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreException(MeridianException.class)
                    .untilAsserted(() -> assertThat(client.get(bytes(k), 0).getValue().toStringUtf8()).as(k).isEqualTo(v)));
      }
    }
  }

  @Test
  @Order(5)
  void aPausedOldLeaderNeverServesAStaleRead() {
    ClusterFile.Entry leader = leaderOfGroup1();
    ClusterFile.Entry other = nodes().stream().filter(n -> !n.id().equals(leader.id())).findFirst().orElseThrow();
    writeEventually(leader.address(), "a-paused", "old", Duration.ofSeconds(30));
    signal("STOP", leader.pid());
    try {
      writeEventually(other.address(), "a-paused", "new", Duration.ofSeconds(30));
    } finally {
      signal("CONT", leader.pid());
    }
    // The old leader wakes up believing it leads; its lease has expired on its own TrueTime, so
    // it must not answer from its stale state.
    try (NodeClient old = new NodeClient(leader.address(), Duration.ofSeconds(15))) {
      assertThat(old.get(bytes("a-paused"), 0).getValue().toStringUtf8()).isEqualTo("new");
    }
  }

  @Test
  @Order(6)
  void aPlannedTransferMovesLeadershipFasterThanALeaseExpiry() {
    ClusterFile.Entry leader = leaderOfGroup1();
    ClusterFile.Entry target = nodes().stream().filter(n -> !n.id().equals(leader.id())).findFirst().orElseThrow();
    Launcher.Result transfer = Launcher.run(60, "transfer", "--dir", dirArg, "--group", "1", "--to", target.id());
    assertThat(transfer.exitCode()).as(transfer.all()).isZero();
    assertThat(transfer.stdout()).contains("leadership moved from " + leader.id() + " to " + target.id());
    assertThat(leaderOfGroup1().id()).isEqualTo(target.id());
    long millis = writeEventually(leader.address(), "a-after-transfer", "z", Duration.ofSeconds(30));
    assertThat(millis).as("a write right after the transfer took %d ms", millis).isLessThan(LEASE_MILLIS);
    try (NodeClient client = new NodeClient(target.address())) {
      acknowledged.forEach((k, v) -> assertThat(client.get(bytes(k), 0).getValue().toStringUtf8()).as(k).isEqualTo(v));
    }
  }
}

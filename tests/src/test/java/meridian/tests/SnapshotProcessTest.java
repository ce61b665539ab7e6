package meridian.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;
import meridian.server.cluster.ClusterFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log compaction and snapshot install on real processes: a follower is killed, the others write
 * far enough that the leader truncates its log past the follower's position, and the restarted
 * follower catches up through a snapshot; once it leads, every acknowledged write reads back
 * from its state.
 */
class SnapshotProcessTest {
  static final int COMPACT_EVERY = 200;
  static final int COMPACT_KEEP = 50;
  @TempDir static Path dir;
  static String dirArg;

  @BeforeAll
  static void up() {
    dirArg = dir.resolve("cluster").toString();
    Launcher.Result up =
        Launcher.run(180, "up", "--dir", dirArg, "--base-port", Integer.toString(Launcher.freeBasePort(3)), "--groups", "1",
            "--time-sync-interval", "250ms", "--compact-every-entries", Integer.toString(COMPACT_EVERY),
            "--compact-keep-entries", Integer.toString(COMPACT_KEEP));
    assertThat(up.exitCode()).as(up.all()).isZero();
  }

  @AfterAll
  static void down() {
    Launcher.Result down = Launcher.run(120, "down", "--dir", dirArg);
    assertThat(down.exitCode()).as(down.all()).isZero();
  }

  static List<ClusterFile.Entry> nodes() {
    return ClusterFile.read(Path.of(dirArg)).nodes();
  }

  static ClusterFile.Entry node(String id) {
    return nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Group 1 as {@code node} reports it, if it answers and hosts a running replica. */
  static Optional<GroupStatus> group1(ClusterFile.Entry node) {
    try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(2))) {
      return client.status().getGroupsList().stream().filter(g -> g.getGroupId() == 1 && !g.getRole().equals("busy")).findFirst();
    } catch (MeridianException e) {
      return Optional.empty();
    }
  }

  static String metrics(ClusterFile.Entry node) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://" + node.address().host() + ":" + node.metricsPort() + "/metrics")).build();
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
  }

  static String leader() {
    String[] leader = new String[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (ClusterFile.Entry node : nodes()) {
        Optional<GroupStatus> g = group1(node);
        if (g.isPresent() && g.get().getRole().equals("leader")) {
          leader[0] = node.id();
          return true;
        }
      }
      return false;
    });
    return leader[0];
  }

  @Test
  void aFollowerBehindTheCompactedLogCatchesUpThroughASnapshot() throws Exception {
    Map<String, String> acknowledged = new LinkedHashMap<>();
    String leaderId = leader();
    ClusterFile.Entry leader = node(leaderId);
    ClusterFile.Entry victim = nodes().stream().filter(n -> !n.id().equals(leaderId)).findFirst().orElseThrow();
    try (NodeClient client = new NodeClient(leader.address())) {
      for (int i = 0; i < 20; i++) {
        client.put(bytes("a-before-" + i), bytes("v" + i));
        acknowledged.put("a-before-" + i, "v" + i);
      }
    }
    long victimApplied = group1(victim).orElseThrow().getAppliedIndex();
    Launcher.exec(List.of("kill", "-KILL", Long.toString(victim.pid())), 10);

    // Enough writes that the leader compacts well past the victim's position.
    try (NodeClient client = new NodeClient(leader.address())) {
      for (int i = 0; i < 3 * COMPACT_EVERY; i++) {
        String key = "a-while-down-" + i;
        client.put(bytes(key), bytes("w" + i));
        acknowledged.put(key, "w" + i);
      }
    }
    GroupStatus atLeader = group1(leader).orElseThrow();
    assertThat(atLeader.getSnapshotIndex()).as("the leader compacted past the stopped follower").isGreaterThan(victimApplied);

    Launcher.Result up = Launcher.run(180, "up", "--dir", dirArg);
    assertThat(up.exitCode()).as(up.all()).isZero();
    ClusterFile.Entry restarted = node(victim.id());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      GroupStatus g = group1(restarted).orElseThrow();
      assertThat(g.getAppliedIndex()).isGreaterThanOrEqualTo(atLeader.getAppliedIndex());
      // Its log now begins past where it stopped: it installed a snapshot rather than replaying.
      assertThat(g.getSnapshotIndex()).isGreaterThan(victimApplied);
    });
    String log = Files.readString(restarted.logFile());
    assertThat(log).contains("installed snapshot at");
    assertThat(Files.readString(leader.logFile())).contains("compacted the log through", "sent snapshot at");
    assertThat(metrics(restarted)).containsPattern("meridian_paxos_snapshots_installed_total\\{[^}]*\\} [1-9]");

    // Reads now come from the restarted node's own state machine.
    Launcher.Result transfer = Launcher.run(60, "transfer", "--dir", dirArg, "--group", "1", "--to", victim.id());
    assertThat(transfer.exitCode()).as(transfer.all()).isZero();
    try (NodeClient client = new NodeClient(restarted.address(), Duration.ofSeconds(10))) {
      client.put(bytes("a-after"), bytes("x"));
      acknowledged.put("a-after", "x");
      acknowledged.forEach((k, v) -> assertThat(client.get(bytes(k), 0).getValue().toStringUtf8()).as(k).isEqualTo(v));
    }
    assertThat(group1(restarted).orElseThrow().getRole()).isEqualTo("leader");
  }
}

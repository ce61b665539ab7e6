package meridian.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import meridian.client.MeridianException;
import meridian.client.NodeAddress;
import meridian.client.NodeClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's local-cluster walk-through on real processes: up, status, kv, down, and the errors
 * a user meets on the way. One cluster for the class, started through the real launcher.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
  @TempDir static Path dir;
  static int basePort;
  static String dirArg;

  @BeforeAll
  static void up() {
    basePort = Launcher.freeBasePort(3);
    dirArg = dir.resolve("cluster").toString();
    Launcher.Result up =
        Launcher.run(180, "up", "--dir", dirArg, "--base-port", Integer.toString(basePort), "--allow-fault-injection",
            "--time-sync-interval", "250ms");
    assertThat(up.exitCode()).as(up.all()).isZero();
    assertThat(up.stdout()).contains("Meridian cluster up: 3 node(s)").contains("n1", "n2", "n3");
  }

  @AfterAll
  static void down() {
    Launcher.Result down = Launcher.run(120, "down", "--dir", dirArg);
    assertThat(down.exitCode()).as(down.all()).isZero();
  }

  private static NodeAddress node(int i) {
    return new NodeAddress("127.0.0.1", basePort + i - 1);
  }

  @Test
  @Order(1)
  void statusShowsEveryNodeUpWithEpsilonAndMasters() {
    Launcher.Result status = Launcher.run(60, "status", "--dir", dirArg);
    assertThat(status.exitCode()).as(status.all()).isZero();
    // Only the node table: right after 'up' a group may still be electing, and its line then says
    // "no leader seen (election running, or leader down)".
    String nodeTable = status.stdout().split("\nGROUP", 2)[0];
    assertThat(nodeTable)
        .contains("n1*", "n2*", "n3 ")
        .contains("zone-1", "zone-2", "zone-3")
        .contains("n1 agreed", "n2 agreed")
        .doesNotContain("down", "fenced");
  }

  @Test
  @Order(2)
  void kvPutGetScanDeleteThroughTheLauncher() {
    assertThat(Launcher.run(60, "kv", "--dir", dirArg, "put", "k", "v").stdout()).startsWith("OK (commit timestamp ");
    Launcher.Result get = Launcher.run(60, "kv", "--dir", dirArg, "get", "k");
    assertThat(get.exitCode()).as(get.all()).isZero();
    assertThat(get.stdout().trim()).isEqualTo("v");
    Launcher.Result put = Launcher.run(60, "kv", "--dir", dirArg, "put", "k2", "v2");
    assertThat(put.exitCode()).as(put.all()).isZero();
    Launcher.Result scan = Launcher.run(60, "kv", "--dir", dirArg, "scan", "k", "l");
    assertThat(scan.stdout()).as(scan.all()).contains("k\tv", "k2\tv2", "(2 rows)");
    assertThat(Launcher.run(60, "kv", "--dir", dirArg, "delete", "k").exitCode()).isZero();
    Launcher.Result gone = Launcher.run(60, "kv", "--dir", dirArg, "get", "k");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stdout()).contains("(not found)");
  }

  @Test
  @Order(3)
  void metricsAreServedInPrometheusTextFormat() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + (basePort + 100) + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build();
    var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(response.body())
        .contains("# TYPE meridian_truetime_epsilon_seconds gauge")
        .contains("meridian_truetime_fenced{node=\"n1\",zone=\"zone-1\"} 0")
        .contains("meridian_truetime_syncs_total{node=\"n1\",outcome=\"agreed\",zone=\"zone-1\"}")
        .contains("meridian_kv_requests_seconds_count")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  @Order(3)
  void writesCommitWaitAndSnapshotsStayFixed() {
    try (NodeClient client = new NodeClient(node(2))) {
      long first = client.put("a".getBytes(), "1".getBytes());
      long second = client.put("a".getBytes(), "2".getBytes());
      assertThat(second).isGreaterThan(first);
      // Commit wait: by the time the reply arrived, the timestamp is in the past on every clock.
      assertThat(client.status().getTruetime().getNowEarliestMicros()).isGreaterThan(second);
      assertThat(client.get("a".getBytes(), first).getValue().toStringUtf8()).isEqualTo("1");
      assertThat(client.get("a".getBytes(), 0).getValue().toStringUtf8()).isEqualTo("2");
    }
  }

  @Test
  @Order(4)
  void aJumpOfANodesClockIsCaughtAndTrueTimeStaysCorrect() {
    try (NodeClient n3 = new NodeClient(node(3), Duration.ofSeconds(5))) {
      n3.skewClock(300_000_000L, 0); // five minutes ahead: far beyond any epsilon
      // The jump is caught against the monotonic clock before any interval is granted, and the
      // next sync with the masters measures the new offset: true time stays inside now().
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                long beforeMicros = System.currentTimeMillis() * 1000;
                var tt = n3.status().getTruetime();
                long afterMicros = System.currentTimeMillis() * 1000 + 1000;
                assertThat(tt.getFenced()).isFalse();
                assertThat(tt.getNowEarliestMicros()).isLessThanOrEqualTo(afterMicros);
                assertThat(tt.getNowLatestMicros()).isGreaterThanOrEqualTo(beforeMicros - 1000);
              });
      assertThat(n3.put("x".getBytes(), "y".getBytes())).isLessThan(System.currentTimeMillis() * 1000 + 60_000_000L);
      n3.skewClock(0, 0); // a step back: fenced until the next sync re-bases it
      awaitFenced(n3, false);
    }
  }

  @Test
  @Order(5)
  void aTimeMasterWhoseClockJumpsFencesItselfAndOthersCarryOn() {
    try (NodeClient n1 = new NodeClient(node(1), Duration.ofSeconds(5));
        NodeClient n3 = new NodeClient(node(3), Duration.ofSeconds(5))) {
      n1.skewClock(300_000_000L, 0);
      // n1's own clock and the other master (n2) disagree: no majority, so n1 stays fenced and
      // stops answering as a master.
      awaitFenced(n1, true);
      MeridianException refused = catchThrowableOfType(MeridianException.class, () -> n1.put("x".getBytes(), "y".getBytes()));
      assertThat(refused).isNotNull();
      assertThat(refused.getMessage()).contains("fenced");
      // The standard health service follows within a sync interval.
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> !n1.isServing());
      assertThat(n1.status().getTruetime().getFenced()).as("still fenced after a few syncs").isTrue();
      // The other nodes keep time from n2 alone.
      awaitFenced(n3, false);
      assertThat(n3.put("x".getBytes(), "y".getBytes())).isPositive();
      Launcher.Result status = Launcher.run(60, "status", "--dir", dirArg);
      assertThat(status.exitCode()).isEqualTo(1);
      assertThat(status.stdout()).contains("fenced");

      n1.skewClock(0, 0);
      awaitFenced(n1, false);
      assertThat(n1.put("x".getBytes(), "z".getBytes())).isPositive();
    }
  }

  private static void awaitFenced(NodeClient client, boolean fenced) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> client.status().getTruetime().getFenced() == fenced);
  }

  @Test
  @Order(6)
  void skewIsRefusedWithoutTheFaultInjectionFlag() throws Exception {
    Path data = dir.resolve("solo");
    int port = Launcher.freeBasePort(1);
    Process node =
        new ProcessBuilder(
                Launcher.repo().resolve("meridian").toString(), "node", "--id", "solo", "--listen", "127.0.0.1:" + port,
                "--data", data.toString(), "--time-master", "--metrics-port", "0")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("solo.log").toFile())
            .start();
    try (NodeClient client = new NodeClient(new NodeAddress("127.0.0.1", port), Duration.ofSeconds(2))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .failFast("the node exited: see solo.log", () -> !node.isAlive())
          .until(() -> serving(client));
      MeridianException refused =
          catchThrowableOfType(MeridianException.class, () -> client.skewClock(1000, 0));
      assertThat(refused.kind()).isEqualTo(MeridianException.Kind.PERMISSION_DENIED);
      assertThat(refused.getMessage()).contains("--allow-fault-injection");
    } finally {
      node.destroy(); // SIGTERM: the node closes RocksDB and exits
      assertThat(node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    assertThat(Files.readString(dir.resolve("solo.log"))).contains("storage closed cleanly");
  }

  private static boolean serving(NodeClient client) {
    try {
      return client.isServing();
    } catch (MeridianException e) {
      return false;
    }
  }

  @Test
  @Order(7)
  void userErrorsAreOneLineAndNonZero() throws Exception {
    // A data directory held by a running node.
    Path n1Data = dir.resolve("cluster").resolve("n1").resolve("data");
    int port = Launcher.freeBasePort(1);
    Launcher.Result locked =
        Launcher.run(60, "node", "--id", "x", "--listen", "127.0.0.1:" + port, "--data", n1Data.toString(), "--time-master");
    assertOneLineError(locked, "in use by another process");

    // A port in use.
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      Launcher.Result busy =
          Launcher.run(60, "node", "--id", "y", "--listen", "127.0.0.1:" + taken.getLocalPort(), "--data",
              dir.resolve("y").toString(), "--time-master", "--metrics-port", "0");
      assertOneLineError(busy, "already in use");
    }

    // An unreachable node.
    int dead = Launcher.freeBasePort(1);
    Launcher.Result unreachable = Launcher.run(60, "kv", "--node", "127.0.0.1:" + dead, "get", "k");
    assertOneLineError(unreachable, "unreachable");

    // A foreign data directory: refused, and left as it was.
    Path foreign = dir.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    assertOneLineError(
        Launcher.run(60, "node", "--id", "z", "--listen", "127.0.0.1:" + port, "--data", foreign.toString(), "--time-master"),
        "not a Meridian data directory");
    try (var files = Files.list(foreign)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList()).containsExactly("notes.txt");
    }

    // Malformed flags.
    assertThat(Launcher.run(60, "up", "--nodes", "many").exitCode()).isEqualTo(2);
    assertOneLineError(Launcher.run(60, "kv", "--node", "nohost", "get", "k"), "not host:port");
    assertOneLineError(Launcher.run(60, "status", "--dir", dir.resolve("nothing").toString()), "no cluster found");

    // A second 'up' from the same directory while the cluster runs.
    assertOneLineError(
        Launcher.run(60, "up", "--dir", dirArg, "--base-port", Integer.toString(basePort)), "still running");
  }

  private static void assertOneLineError(Launcher.Result result, String expected) {
    assertThat(result.exitCode()).as(result.all()).isNotZero();
    List<String> lines = result.stderr().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as(result.all()).isNotEmpty();
    assertThat(lines.getFirst()).startsWith("meridian: ").contains(expected);
    assertThat(result.stderr()).doesNotContain("\tat ", "Exception in thread");
  }
}

package meridian.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.StatusResponse;
import meridian.server.cluster.ClusterFile;
import meridian.server.replication.RangeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node hosts 100 Paxos groups on its shared, bounded pool: every group elects and commits. */
class ManyGroupsProcessTest {
  static final int GROUPS = 100;
  @TempDir static Path dir;
  static String dirArg;

  @BeforeAll
  static void up() {
    dirArg = dir.resolve("cluster").toString();
    Launcher.Result up =
        Launcher.run(180, "up", "--dir", dirArg, "--base-port", Integer.toString(Launcher.freeBasePort(3)), "--groups",
            Integer.toString(GROUPS), "--time-sync-interval", "250ms");
    assertThat(up.exitCode()).as(up.all()).isZero();
  }

  @AfterAll
  static void down() {
    Launcher.Result down = Launcher.run(120, "down", "--dir", dirArg);
    assertThat(down.exitCode()).as(down.all()).isZero();
  }

  @Test
  void everyGroupCommitsAWriteAndEveryNodeHostsAllOfThem() {
    var nodes = ClusterFile.read(Path.of(dirArg)).nodes();
    RangeMap ranges = RangeMap.initial(GROUPS, g -> java.util.List.of());
    try (NodeClient client = new NodeClient(nodes.getFirst().address(), Duration.ofSeconds(15))) {
      for (long g = 1; g <= GROUPS; g++) {
        byte[] key = new byte[] {ranges.startKey(g).length == 0 ? 0x01 : ranges.startKey(g)[0], 'k'};
        assertThat(ranges.groupOf(key)).isEqualTo(g);
        byte[] value = ("v" + g).getBytes();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(50))
            .ignoreException(MeridianException.class)
            .until(() -> client.put(key, value) > 0);
        assertThat(client.get(key, 0).getValue().toByteArray()).isEqualTo(value);
      }
    }
    for (ClusterFile.Entry node : nodes) {
      try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(15))) {
        StatusResponse status = client.status();
        assertThat(status.getGroupsCount()).isEqualTo(GROUPS);
        assertThat(status.getGroupsList()).allSatisfy(g -> assertThat(g.getCommitIndex()).isPositive());
      }
    }
    Launcher.Result status = Launcher.run(60, "status", "--dir", dirArg);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.stdout()).doesNotContain("no leader seen");
  }
}

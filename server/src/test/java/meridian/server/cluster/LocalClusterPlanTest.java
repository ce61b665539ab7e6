package meridian.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import meridian.server.cli.UserException;
import meridian.server.replication.LogCompaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterPlanTest {
  @TempDir Path dir;

  @Test
  void replicasAndMasterEpsilonAreCheckedInOneLine() {
    assertThatThrownBy(() -> plan(3, 4, 500)).isInstanceOf(UserException.class)
        .hasMessage("--replicas 4 needs at least 4 nodes; the cluster has 3");
    assertThatThrownBy(() -> plan(7, 7, 500)).isInstanceOf(UserException.class)
        .hasMessage("--replicas must be between 1 and 5, not 7");
    assertThatThrownBy(() -> plan(3, 0, 500)).isInstanceOf(UserException.class)
        .hasMessage("--replicas must be between 1 and 5, not 0");
    assertThatThrownBy(() -> plan(3, 3, -1)).isInstanceOf(UserException.class)
        .hasMessage("--master-epsilon-micros must not be negative, not -1");
  }

  @Test
  void everyNodeIsStartedWithTheReplicasAndMasterEpsilonAndTheFileKeepsThem() {
    ClusterFile cluster = LocalCluster.newCluster(plan(5, 5, 4000), dir);
    cluster.write(dir);
    // Restarting a stopped cluster runs the recorded arguments (LocalCluster.up's restart path).
    for (ClusterFile.Entry node : ClusterFile.read(dir).nodes()) {
      assertThat(argAfter(node.nodeArgs(), "--replicas")).isEqualTo("5");
      assertThat(argAfter(node.nodeArgs(), "--master-epsilon-micros")).isEqualTo("4000");
    }
  }

  private LocalCluster.Plan plan(int nodes, int replicas, long masterEpsilonMicros) {
    return new LocalCluster.Plan(dir, nodes, "127.0.0.1", 17701, 1, false, Duration.ofSeconds(1), 10, LogCompaction.defaults(),
        replicas, masterEpsilonMicros, List.of(), false);
  }

  private static String argAfter(List<String> args, String flag) {
    int at = args.indexOf(flag);
    assertThat(at).as(flag).isNotNegative();
    return args.get(at + 1);
  }
}

package meridian.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import meridian.client.NodeAddress;
import meridian.server.replication.LogCompaction;
import org.junit.jupiter.api.Test;

class NodeConfigTest {
  @Test
  void replicasDefaultToThreeOrEveryNodeOfASmallerCluster() {
    assertThat(config(1, null).replicas()).isEqualTo(1);
    assertThat(config(2, null).replicas()).isEqualTo(2);
    assertThat(config(3, null).replicas()).isEqualTo(3);
    assertThat(config(5, null).replicas()).isEqualTo(3);
  }

  @Test
  void replicasAreBetweenOneAndFiveAndAtMostTheNodes() {
    assertThat(config(5, 1).replicas()).isEqualTo(1);
    assertThat(config(5, 5).replicas()).isEqualTo(5);
    assertThatThrownBy(() -> config(5, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--replicas must be between 1 and 5, not 0");
    assertThatThrownBy(() -> config(7, 6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--replicas must be between 1 and 5, not 6");
    assertThatThrownBy(() -> config(3, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--replicas 5 needs at least 5 nodes; the cluster has 3");
  }

  /** A config for node n1 of a cluster of {@code nodes}, with {@code replicas} (null: not given). */
  private static NodeConfig config(int nodes, Integer replicas) {
    List<PeerSpec> peers = new java.util.ArrayList<>();
    for (int i = 2; i <= nodes; i++) {
      peers.add(new PeerSpec("n" + i, new NodeAddress("127.0.0.1", 7700 + i)));
    }
    NodeAddress listen = new NodeAddress("127.0.0.1", 7701);
    if (replicas == null) {
      return new NodeConfig("n1", "zone-1", listen, peers, Path.of("/tmp/unused"), true, 500, 0, Duration.ofSeconds(1), false, 4,
          LogCompaction.defaults());
    }
    return new NodeConfig("n1", "zone-1", listen, peers, Path.of("/tmp/unused"), true, 500, 0, Duration.ofSeconds(1), false, 4,
        LogCompaction.defaults(), replicas);
  }
}

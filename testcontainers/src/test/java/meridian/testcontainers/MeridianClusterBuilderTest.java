package meridian.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the builder refuses, and what an unstarted or closed cluster refuses; no Docker needed. */
class MeridianClusterBuilderTest {
  @Test
  void nodeCountIsOneToFive() {
    assertThatThrownBy(() -> MeridianCluster.builder().nodes(0)).hasMessageContaining("1-5 nodes, not 0");
    assertThatThrownBy(() -> MeridianCluster.builder().nodes(6)).hasMessageContaining("1-5 nodes, not 6");
    assertThat(MeridianCluster.builder().nodes(5).build().size()).isEqualTo(5);
  }

  @Test
  void flagsTheClusterSetsAreRefused() {
    assertThatThrownBy(() -> MeridianCluster.builder().nodeFlags("--peers", "x@y:1"))
        .hasMessageContaining("--peers is set by the cluster itself");
    assertThatThrownBy(() -> MeridianCluster.builder().nodeFlags("--data=/elsewhere")).hasMessageContaining("--data");
    MeridianCluster.builder().nodeFlags("--ranges", "8", "--metrics-port=0");
  }

  @Test
  void boundsMustBePositive() {
    assertThatThrownBy(() -> MeridianCluster.builder().startupTimeout(Duration.ZERO)).hasMessageContaining("startupTimeout");
    assertThatThrownBy(() -> MeridianCluster.builder().dockerTimeout(Duration.ofSeconds(-1))).hasMessageContaining("dockerTimeout");
    assertThatThrownBy(() -> MeridianCluster.builder().image(" ")).hasMessageContaining("image");
  }

  @Test
  void anUnstartedClusterHasNoNodes() {
    MeridianCluster cluster = MeridianCluster.builder().nodes(3).build();
    assertThat(cluster.name()).matches("meridian-[0-9a-f]{8}");
    assertThatThrownBy(() -> cluster.jdbcUrl(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
    assertThatThrownBy(() -> cluster.kill(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nodes are 1-3");
    cluster.close(); // closing an unstarted cluster is harmless
    assertThatThrownBy(cluster::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}

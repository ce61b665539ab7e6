package meridian.server.jepsen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionNemesisTest {

  @Test
  void isolatingTheLeaderCutsItFromEveryOtherNodeAndNothingElse() {
    RecordingCluster cluster = new RecordingCluster(3);
    cluster.leader = "n3";
    new PartitionNemesis(PartitionNemesis.Shape.LEADER).start(cluster, new Random(1));
    assertThat(cluster.isCut("n3", "n1")).isTrue();
    assertThat(cluster.isCut("n3", "n2")).isTrue();
    assertThat(cluster.isCut("n1", "n2")).isFalse();
  }

  @Test
  void halvesLeaveNoLinkBetweenTheTwoSidesAndEveryLinkWithinThem() {
    for (int seed = 0; seed < 20; seed++) {
      RecordingCluster cluster = new RecordingCluster(5);
      new PartitionNemesis(PartitionNemesis.Shape.HALVES).start(cluster, new Random(seed));
      // Connectivity after the cut: two components, sizes 2 and 3.
      List<List<String>> components = components(cluster);
      assertThat(components).hasSize(2);
      assertThat(components.stream().map(List::size).sorted().toList()).containsExactly(2, 3);
    }
  }

  @Test
  void aMajorityRingOfFiveLetsEachNodeSeeExactlyItsTwoNeighbours() {
    RecordingCluster cluster = new RecordingCluster(5);
    new PartitionNemesis(PartitionNemesis.Shape.RING).start(cluster, new Random(7));
    for (String node : cluster.nodes) {
      long visible = cluster.nodes.stream().filter(o -> !o.equals(node) && !cluster.isCut(node, o)).count();
      assertThat(visible).as(node).isEqualTo(2);
    }
  }

  @Test
  void aBridgeOfThreeCutsOneLinkSoTheMiddleNodeSeesBoth() {
    RecordingCluster cluster = new RecordingCluster(3);
    new PartitionNemesis(PartitionNemesis.Shape.BRIDGE).start(cluster, new Random(3));
    assertThat(cluster.cuts).hasSize(1);
    assertThat(cluster.nodes.stream().filter(n -> cluster.nodes.stream().noneMatch(o -> cluster.isCut(n, o)))).hasSize(1);
  }

  @Test
  void stopHealsEveryLink() {
    RecordingCluster cluster = new RecordingCluster(3);
    PartitionNemesis nemesis = new PartitionNemesis(PartitionNemesis.Shape.RANDOM);
    nemesis.start(cluster, new Random(5));
    nemesis.stop(cluster);
    assertThat(cluster.cuts).isEmpty();
  }

  private static List<List<String>> components(RecordingCluster cluster) {
    List<List<String>> components = new ArrayList<>();
    List<String> left = new ArrayList<>(cluster.nodes);
    while (!left.isEmpty()) {
      List<String> component = new ArrayList<>(List.of(left.removeFirst()));
      for (int i = 0; i < component.size(); i++) {
        String at = component.get(i);
        for (String other : List.copyOf(left)) {
          if (!cluster.isCut(at, other)) {
            component.add(other);
            left.remove(other);
          }
        }
      }
      components.add(component);
    }
    return components;
  }
}

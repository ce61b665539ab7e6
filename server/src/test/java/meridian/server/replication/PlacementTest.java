package meridian.server.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meridian.paxos.Membership;
import org.junit.jupiter.api.Test;

class PlacementTest {
  private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

  @Test
  void eachGroupHasThatManyReplicasOnConsecutiveNodes() {
    assertThat(Replication.membership(1, FIVE, 1).replicas()).containsExactly("n1");
    assertThat(Replication.membership(2, FIVE, 1).replicas()).containsExactly("n2");
    assertThat(Replication.membership(6, FIVE, 1).replicas()).containsExactly("n1");
    assertThat(Replication.membership(1, FIVE, 3).replicas()).containsExactly("n1", "n2", "n3");
    assertThat(Replication.membership(4, FIVE, 3).replicas()).containsExactly("n4", "n5", "n1");
    assertThat(Replication.membership(3, FIVE, 5).replicas()).containsExactly("n1", "n2", "n3", "n4", "n5");
  }

  @Test
  void asManyReplicasAsNodesPutsEveryGroupOnEveryNode() {
    List<String> three = List.of("n1", "n2", "n3");
    for (long g = 1; g <= 4; g++) {
      assertThat(Replication.membership(g, three, 3).replicas()).containsExactlyElementsOf(three);
    }
  }

  @Test
  void groupsSpreadEvenlyOverTheNodes() {
    for (int replicas = 1; replicas <= 5; replicas++) {
      Map<String, Integer> hosted = new HashMap<>();
      for (long g = 1; g <= 10; g++) {
        Membership m = Replication.membership(g, FIVE, replicas);
        assertThat(m.replicas()).hasSize(replicas).doesNotHaveDuplicates();
        m.replicas().forEach(n -> hosted.merge(n, 1, Integer::sum));
      }
      assertThat(hosted.values()).as("%d replicas", replicas).containsOnly(10 * replicas / 5);
    }
  }
}

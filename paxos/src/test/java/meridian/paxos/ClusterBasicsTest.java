package meridian.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterBasicsTest {

  @Test
  void threeReplicasElectALeaderAndCommitWrites() {
    SimCluster c = new SimCluster(1, 1_000, SimCluster.ids(3), SimCluster::fastConfig);
    SimCluster.Node leader = c.awaitLeader(200);
    for (int i = 0; i < 20; i++) {
      assertThat(c.propose(leader, "w" + i)).isInstanceOf(ProposeResult.Proposed.class);
    }
    c.run(5);
    for (SimCluster.Node n : c.nodes.values()) {
      assertThat(n.applied.values().stream().map(SimCluster::text).filter(t -> t.startsWith("w")).toList())
          .hasSize(20);
    }
    c.checker.finish();
  }
}

package meridian.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Planned leader transfer and one-at-a-time membership change. */
class TransferAndMembershipTest {

  @Test
  void transferWaitsForTheTargetReleasesTheLeaseAndTheTargetLeadsAtOnce() {
    SimCluster c = new SimCluster(1, 1_000, SimCluster.ids(3), SimCluster::fastConfig);
    SimCluster.Node old = c.awaitLeader(300);
    c.propose(old, "w");
    SimCluster.Node target = c.nodes.values().stream().filter(n -> n != old).findFirst().orElseThrow();
    boolean[] released = {false};
    boolean[] timeoutNow = {false};
    c.filter = m -> {
      released[0] |= m instanceof Message.LeaseReleased;
      timeoutNow[0] |= m instanceof Message.TimeoutNow t && t.to().equals(target.id);
      return true;
    };
    old.replica.transferLeadership(target.id, old.now());
    assertThat(old.replica.propose("x".getBytes(), old.now()))
        .isEqualTo(new ProposeResult.Busy("leadership transfer in progress"));
    long start = c.trueMicros;
    SimCluster.Node next = c.awaitLeader(50);
    assertThat(next).isSameAs(target);
    assertThat(released[0]).isTrue();
    assertThat(timeoutNow[0]).isTrue();
    // Much faster than waiting for the old lease to expire.
    assertThat(c.trueMicros - start).isLessThan(old.config.leaseDurationMicros());
    assertThat(old.status().role()).isEqualTo(ReplicaStatus.Role.FOLLOWER);
    assertThat(old.status().leaseEndMicros()).isZero();
    c.run(3);
    assertThat(c.propose(next, "after")).isInstanceOf(ProposeResult.Proposed.class);
    c.run(3);
    c.checker.finish();
  }

  @Test
  void aReplicaIsAddedCatchesUpAndCountsThenTheLeaderIsRemovedAndStepsDown() {
    List<String> ids = SimCluster.ids(4);
    Membership abc = new Membership(ids.subList(0, 3));
    SimCluster c = new SimCluster(2, 1_000, ids, (self, all) -> SimCluster.fastConfig(self, abc));
    SimCluster.Node leader = c.awaitLeader(300);
    for (int i = 0; i < 10; i++) {
      c.propose(leader, "w" + i);
    }
    c.run(3);
    SimCluster.Node d = c.node("d");
    assertThat(d.appliedIndex()).isZero();

    Membership abcd = new Membership(ids);
    assertThat(leader.replica.proposeMembership(abcd, leader.now())).isInstanceOf(ProposeResult.Proposed.class);
    assertThat(leader.replica.proposeMembership(new Membership(List.of("a", "b")), leader.now()))
        .as("one change at a time").isInstanceOf(ProposeResult.Busy.class);
    assertThat(leader.replica.propose("blocked".getBytes(), leader.now()))
        .isEqualTo(new ProposeResult.Busy("membership change in progress"));
    c.process(leader);
    c.run(5);
    assertThat(leader.status().membership()).isEqualTo(abcd);
    assertThat(d.appliedIndex()).isEqualTo(leader.appliedIndex());
    assertThat(leader.status().matchIndex()).containsKey("d");

    List<String> rest = ids.stream().filter(id -> !id.equals(leader.id)).toList();
    assertThat(leader.replica.proposeMembership(new Membership(rest), leader.now()))
        .isInstanceOf(ProposeResult.Proposed.class);
    c.process(leader);
    SimCluster.Node next = null;
    for (int i = 0; i < 100 && next == null; i++) {
      c.run(1);
      next = c.servingLeader().filter(n -> n != leader).orElse(null);
    }
    assertThat(next).isNotNull();
    assertThat(leader.status().role()).isEqualTo(ReplicaStatus.Role.FOLLOWER);
    assertThat(next.status().membership()).isEqualTo(new Membership(rest));
    assertThat(c.propose(next, "after")).isInstanceOf(ProposeResult.Proposed.class);
    c.run(3);
    for (String id : rest) {
      assertThat(c.node(id).applied.values()).extracting(SimCluster::text).contains("w9", "after");
    }
    c.checker.finish();
  }

  @Test
  void aMembershipChangeMustAddOrRemoveExactlyOne() {
    SimCluster c = new SimCluster(3, 1_000, SimCluster.ids(3), SimCluster::fastConfig);
    SimCluster.Node leader = c.awaitLeader(300);
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        leader.replica.proposeMembership(new Membership(List.of("a", "b", "c", "d", "e")), leader.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package meridian.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Leader leases, lease reads, timestamps, MinNextTS and safe time, clock fencing. */
class LeaseTest {

  private static SimCluster cluster(long seed) {
    return new SimCluster(seed, 1_000, SimCluster.ids(3), SimCluster::fastConfig);
  }

  @Test
  void theLeaseIsGrantedByAMajorityAndExtendedByHeartbeatsAndWrites() {
    SimCluster c = cluster(1);
    SimCluster.Node leader = c.awaitLeader(300);
    long first = leader.status().leaseEndMicros();
    assertThat(first).isGreaterThan(c.trueMicros);
    assertThat(first).isLessThanOrEqualTo(c.trueMicros + leader.config.leaseDurationMicros());
    c.run(5);
    long later = leader.status().leaseEndMicros();
    assertThat(later).as("heartbeats extend it").isGreaterThan(first);
    c.propose(leader, "w");
    c.deliverAll();
    assertThat(leader.status().leaseEndMicros()).as("writes extend it").isGreaterThan(later);
    for (SimCluster.Node n : c.nodes.values()) {
      assertThat(n.status().leaseVoteLeader()).isEqualTo(leader.id);
    }
  }

  @Test
  void aPartitionedLeaderLosesItsLeaseBeforeAnotherLeaderGetsOne() {
    SimCluster c = cluster(2);
    SimCluster.Node old = c.awaitLeader(300);
    long oldEnd = old.status().leaseEndMicros();
    c.partition(List.of(old.id));
    SimCluster.Node next = null;
    for (int i = 0; i < 100 && next == null; i++) {
      c.run(1);
      next = c.servingLeader().filter(n -> n != old).orElse(null);
      if (c.trueMicros + c.epsilonMicros < old.status().leaseEndMicros()) {
        assertThat(old.replica.leaderRead(old.now())).isInstanceOf(ReadPermit.Granted.class);
      }
    }
    assertThat(next).isNotNull();
    // The old leader's lease ended (in true time) before the new one's began; the checker also
    // asserted after every step that no two leases reached past the present at once.
    assertThat(old.status().leaseEndMicros()).isLessThan(c.trueMicros);
    assertThat(old.replica.leaderRead(old.now())).isInstanceOf(ReadPermit.NoLease.class);
    assertThat(old.replica.propose("x".getBytes(), old.now())).isEqualTo(new ProposeResult.Busy("no lease"));
    assertThat(oldEnd).isLessThan(next.status().leaseEndMicros());
  }

  @Test
  void writeTimestampsIncreaseAreAtLeastNowLatestAndLaterWritesFollowReads() {
    SimCluster c = cluster(3);
    SimCluster.Node leader = c.awaitLeader(300);
    long previous = 0;
    for (int i = 0; i < 5; i++) {
      var now = leader.now();
      ProposeResult.Proposed p = (ProposeResult.Proposed) leader.replica.propose(("w" + i).getBytes(), now);
      assertThat(p.timestampMicros()).isGreaterThan(previous).isGreaterThanOrEqualTo(now.latestMicros())
          .isLessThan(leader.status().leaseEndMicros());
      previous = p.timestampMicros();
    }
    c.process(leader);
    c.deliverAll();
    var now = leader.now();
    ReadPermit.Granted read = (ReadPermit.Granted) leader.replica.leaderRead(now);
    assertThat(read.readTimestampMicros()).isEqualTo(now.latestMicros());
    assertThat(read.readIndex()).isEqualTo(leader.status().lastIndex());
    // Same clock reading again: the next write must still be above the read.
    ProposeResult.Proposed after = (ProposeResult.Proposed) leader.replica.propose("after".getBytes(), now);
    assertThat(after.timestampMicros()).isGreaterThan(read.readTimestampMicros());
  }

  @Test
  void aNewLeaderServesNoReadBeforeItsBarrierIsChosen() {
    SimCluster c = cluster(4);
    SimCluster.Node leader = null;
    for (int i = 0; i < 300 && leader == null; i++) {
      c.tickAll();
      while (leader == null && c.deliverOne()) {
        leader = c.leaders().stream().findFirst().orElse(null);
      }
    }
    assertThat(leader).isNotNull();
    // Promises and lease votes are in, the barrier was proposed, but no acknowledgement yet.
    assertThat(leader.replica.leaderRead(leader.now())).isInstanceOf(ReadPermit.NoLease.class);
    c.deliverAll();
    assertThat(leader.replica.leaderRead(leader.now())).isInstanceOf(ReadPermit.Granted.class);
  }

  @Test
  void minNextTimestampAdvancesAnIdleFollowersSafeTime() {
    SimCluster c = cluster(5);
    SimCluster.Node leader = c.awaitLeader(300);
    c.propose(leader, "w");
    c.run(3);
    SimCluster.Node follower = c.nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    long before = follower.replica.safeTimeMicros();
    long lastWrite = follower.applied.lastEntry().getValue().timestampMicros();
    assertThat(before).isGreaterThanOrEqualTo(lastWrite);
    c.run(10); // idle: only heartbeats
    long after = follower.replica.safeTimeMicros();
    assertThat(after).isGreaterThan(before + 50_000);
    assertThat(after).isLessThanOrEqualTo(leader.status().leaseEndMicros());
    assertThat(follower.appliedIndex()).isEqualTo(leader.appliedIndex());
  }

  @Test
  void aFencedLeaderHandsOutNoTimestampsReadsOrLeaseRequestsUntilTheNextTick() {
    SimCluster c = cluster(6);
    SimCluster.Node leader = c.awaitLeader(300);
    c.run(2);
    SimCluster.Node follower = c.nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    leader.replica.clockFenced();
    assertThat(leader.replica.propose("x".getBytes(), leader.now())).isEqualTo(new ProposeResult.Busy("clock fenced"));
    assertThat(leader.replica.leaderRead(leader.now())).isEqualTo(new ReadPermit.NoLease("clock fenced"));
    follower.replica.clockFenced();
    follower.replica.step(new Message.Accept(SimCluster.GROUP, leader.id, follower.id, leader.status().ballot(),
        List.of(), 0, 0, c.trueMicros), follower.now());
    Ready r = follower.replica.ready();
    assertThat(r.messages()).singleElement().isInstanceOfSatisfying(Message.Accepted.class,
        a -> assertThat(a.leaseRequestMicros()).as("no vote while fenced").isZero());
    leader.replica.tick(leader.now());
    assertThat(leader.replica.propose("y".getBytes(), leader.now())).isInstanceOf(ProposeResult.Proposed.class);
  }
}

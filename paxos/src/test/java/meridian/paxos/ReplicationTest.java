package meridian.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Phase 2: pipelining, batching, learning commits, catch-up, snapshots, proposal limits. */
class ReplicationTest {

  private static SimCluster cluster(long seed) {
    return new SimCluster(seed, 1_000, SimCluster.ids(3), SimCluster::fastConfig);
  }

  @Test
  void proposalsArePipelinedAndBatchedWithoutWaitingForAcks() {
    SimCluster c = cluster(1);
    SimCluster.Node leader = c.awaitLeader(300);
    c.deliverAll();
    for (int i = 0; i < 20; i++) {
      assertThat(leader.replica.propose(("p" + i).getBytes(), leader.now())).isInstanceOf(ProposeResult.Proposed.class);
    }
    Ready ready = leader.replica.ready();
    List<Message.Accept> accepts = ready.messages().stream()
        .filter(Message.Accept.class::isInstance).map(Message.Accept.class::cast).toList();
    // 20 entries, batches of at most 8 (fastConfig), to each of two followers: 3 + 3 messages.
    assertThat(accepts).hasSize(6);
    assertThat(accepts).allMatch(a -> a.entries().size() <= 8 && !a.entries().isEmpty());
    assertThat(accepts.stream().filter(a -> a.to().equals(accepts.get(0).to())).mapToInt(a -> a.entries().size()).sum())
        .isEqualTo(20);
    assertThat(ready.entries()).hasSize(20);
    assertThat(ready.committed()).isEmpty();
  }

  @Test
  void aBatchNeverExceedsTheByteLimitAndOversizedWritesAreRefused() {
    SimCluster c = cluster(2);
    SimCluster.Node leader = c.awaitLeader(300);
    c.deliverAll();
    ReplicaConfig cfg = leader.config;
    byte[] big = new byte[(int) cfg.payloadBytesMax()];
    assertThat(leader.replica.propose(new byte[(int) cfg.payloadBytesMax() + 1], leader.now()))
        .isInstanceOf(ProposeResult.Busy.class);
    for (int i = 0; i < 3; i++) {
      assertThat(leader.replica.propose(big, leader.now())).isInstanceOf(ProposeResult.Proposed.class);
    }
    for (Message m : leader.replica.ready().messages()) {
      if (m instanceof Message.Accept a) {
        long bytes = ReplicaConfig.MESSAGE_OVERHEAD_BYTES + a.entries().stream().mapToLong(PaxosLog::sizeBytes).sum();
        assertThat(bytes).isLessThanOrEqualTo(cfg.batchBytesMax());
        assertThat(a.entries()).hasSize(1);
      }
    }
  }

  @Test
  void followersLearnCommitsFromTheCommitIndexOfLaterMessages() {
    SimCluster c = cluster(3);
    SimCluster.Node leader = c.awaitLeader(300);
    c.run(2);
    c.propose(leader, "x");
    // Deliver the Accepts and the replies, but nothing the leader sends after that.
    c.deliverAll();
    SimCluster.Node follower = c.nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    assertThat(leader.applied.values()).extracting(SimCluster::text).contains("x");
    assertThat(follower.applied.values()).extracting(SimCluster::text).doesNotContain("x");
    c.run(2); // a heartbeat carries the new commit index
    assertThat(follower.applied.values()).extracting(SimCluster::text).contains("x");
  }

  @Test
  void aFollowerThatMissedEntriesCatchesUpFromTheLeadersLog() {
    SimCluster c = cluster(4);
    SimCluster.Node leader = c.awaitLeader(300);
    SimCluster.Node lagging = c.nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.partition(List.of(lagging.id));
    for (int i = 0; i < 30; i++) {
      c.propose(leader, "w" + i);
      c.run(1);
    }
    assertThat(lagging.appliedIndex()).isLessThan(leader.appliedIndex());
    c.heal();
    c.run(20);
    assertThat(lagging.appliedIndex()).isEqualTo(leader.appliedIndex());
    c.checker.finish();
  }

  @Test
  void aFollowerBehindTheCompactedLogGetsSnapshotNeededAndInstallsASnapshot() {
    SimCluster c = cluster(5);
    c.compactEvery = 5;
    SimCluster.Node leader = c.awaitLeader(300);
    SimCluster.Node lagging = c.nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    c.partition(List.of(lagging.id));
    boolean[] sawSnapshotNeeded = {false};
    c.filter = m -> {
      sawSnapshotNeeded[0] |= m instanceof Message.SnapshotNeeded && m.to().equals(lagging.id);
      return true;
    };
    for (int i = 0; i < 30; i++) {
      c.propose(leader, "w" + i);
      c.run(1);
    }
    assertThat(leader.snapshotIndex).isGreaterThan(lagging.appliedIndex());
    c.heal();
    c.run(20);
    assertThat(sawSnapshotNeeded[0]).isTrue();
    assertThat(lagging.snapshotIndex).isGreaterThan(0);
    assertThat(lagging.appliedIndex()).isEqualTo(leader.appliedIndex());
    assertThat(lagging.applied.values()).extracting(SimCluster::text).contains("w0", "w29");
    c.checker.finish();
  }

  @Test
  void proposalsAreRefusedWhenNotLeaderAndWhenTheWindowIsFull() {
    SimCluster c = new SimCluster(6, 1_000, SimCluster.ids(3), (self, m) ->
        new ReplicaConfig(SimCluster.GROUP, self, m, 10_000, 2, 10, 20, 200_000, 4, 8, 4096));
    SimCluster.Node leader = c.awaitLeader(300);
    c.deliverAll();
    SimCluster.Node follower = c.nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    assertThat(follower.replica.propose("x".getBytes(), follower.now()))
        .isEqualTo(new ProposeResult.NotLeader(leader.id));
    assertThat(follower.replica.leaderRead(follower.now())).isEqualTo(new ReadPermit.NotLeader(leader.id));
    c.partition(List.of(leader.id)); // no acknowledgements: nothing gets chosen
    int proposed = 0;
    ProposeResult last = null;
    for (int i = 0; i < 10; i++) {
      last = c.propose(leader, "w" + i);
      if (last instanceof ProposeResult.Proposed) {
        proposed++;
      }
    }
    assertThat(proposed).isEqualTo(4);
    assertThat(last).isEqualTo(new ProposeResult.Busy("window full"));
  }
}

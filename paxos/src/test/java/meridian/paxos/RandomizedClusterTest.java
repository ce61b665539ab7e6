package meridian.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random runs of a small cluster: message loss, duplication and reordering, crashes and
 * restarts from the persisted state, partitions, membership changes. The checker asserts safety
 * throughout; at the end the faults stop and every member must converge (liveness). A failure
 * names its seed; {@code -Dpaxos.seed=N} replays one.
 */
class RandomizedClusterTest {
  private static final int SEEDS = Integer.getInteger("paxos.seeds", 100);

  @ParameterizedTest
  @ValueSource(ints = {3, 5})
  void safetyAndConvergence(int size) {
    Long only = Long.getLong("paxos.seed");
    long first = only != null ? only : 1;
    long count = only != null ? 1 : SEEDS;
    for (long seed = first; seed < first + count; seed++) {
      try {
        runOne(seed, size);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + " (size " + size + "): " + e.getMessage(), e);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aSeedReplaysExactly() {
    SimCluster first = runOne(4242, 3);
    SimCluster second = runOne(4242, 3);
    for (String id : first.nodes.keySet()) {
      assertThat(second.node(id).applied.values().stream().map(e -> SimCluster.text(e) + "@" + e.timestampMicros()).toList())
          .isEqualTo(first.node(id).applied.values().stream().map(e -> SimCluster.text(e) + "@" + e.timestampMicros()).toList());
    }
    assertThat(second.trueMicros).isEqualTo(first.trueMicros);
  }

  static SimCluster runOne(long seed, int size) {
    List<String> pool = SimCluster.ids(size + 1);
    List<String> members = pool.subList(0, size);
    SimCluster c = new SimCluster(seed, 0, pool, (self, all) -> SimCluster.fastConfig(self, new Membership(members)));
    var r = c.random;
    long eps = r.nextLong(0, 5_000);
    c = new SimCluster(seed, eps, pool, (self, all) -> SimCluster.fastConfig(self, new Membership(members)));
    r = c.random;
    c.dropRate = r.nextDouble() * 0.15;
    c.duplicateRate = r.nextDouble() * 0.1;
    c.reorder = true;
    c.compactEvery = r.nextBoolean() ? 0 : 10 + r.nextInt(30);
    int writes = 0;
    for (int tick = 0; tick < 400; tick++) {
      c.tickAll();
      for (SimCluster.Node n : c.nodes.values()) {
        if (n.up && r.nextInt(3) == 0) {
          if (c.propose(n, "s" + seed + "w" + writes) instanceof ProposeResult.Proposed) {
            writes++;
          }
        }
        if (n.up && r.nextInt(4) == 0 && n.replica.leaderRead(n.now()) instanceof ReadPermit.Granted g) {
          c.checker.read(n, g);
        }
      }
      int deliveries = r.nextInt(c.network.size() + 1);
      for (int i = 0; i < deliveries; i++) {
        c.deliverOne();
      }
      fault(c, r, pool);
    }
    // Quiet period: no faults, everyone up, everything delivered.
    c.heal();
    c.dropRate = 0;
    c.duplicateRate = 0;
    for (SimCluster.Node n : c.nodes.values()) {
      if (!n.up) {
        n.restart();
      }
    }
    c.run(150);
    boolean proposed = false;
    for (int i = 0; i < 20 && !proposed; i++) {
      proposed = c.propose(c.awaitLeader(600), "final" + seed) instanceof ProposeResult.Proposed;
      c.run(20);
    }
    assertThat(proposed).as("final write proposed (seed %d)%s", seed, c.statuses()).isTrue();
    c.run(60);
    SimCluster.Node leader = c.awaitLeader(600);
    c.run(10);
    c.checker.finish();
    List<String> finalMembers = leader.replica.status(leader.now()).membership().replicas();
    long applied = leader.appliedIndex();
    List<String> lagging = new ArrayList<>();
    for (String id : finalMembers) {
      if (c.node(id).appliedIndex() != applied) {
        lagging.add(id + "@" + c.node(id).appliedIndex());
      }
    }
    StringBuilder statuses = new StringBuilder();
    for (SimCluster.Node n : c.nodes.values()) {
      statuses.append("\n  ").append(n.replica.status(n.now())).append(" snap=").append(n.snapshotIndex);
    }
    assertThat(lagging).as("members behind the leader's applied %d (seed %d)%s", applied, seed, statuses).isEmpty();
    assertThat(leader.applied.values().stream().map(SimCluster::text)).contains("final" + seed);
    return c;
  }

  private static void fault(SimCluster c, java.util.SplittableRandom r, List<String> pool) {
    int roll = r.nextInt(1000);
    List<SimCluster.Node> nodes = new ArrayList<>(c.nodes.values());
    SimCluster.Node victim = nodes.get(r.nextInt(nodes.size()));
    if (roll < 8 && victim.up) {
      victim.crash();
    } else if (roll < 30 && !victim.up) {
      victim.restart();
    } else if (roll < 36) {
      c.partition(List.of(victim.id));
    } else if (roll < 40 && pool.size() > 3) {
      c.partition(List.of(victim.id, nodes.get(r.nextInt(nodes.size())).id));
    } else if (roll < 60) {
      c.heal();
    } else if (roll < 66) {
      changeMembership(c, r, pool);
    } else if (roll < 72 && victim.up) {
      victim.replica.clockFenced(); // lifted by the next tick
    } else if (roll < 78) {
      for (SimCluster.Node l : c.leaders()) {
        List<String> members = l.replica.status(l.now()).membership().replicas();
        String target = members.get(r.nextInt(members.size()));
        if (!target.equals(l.id)) {
          l.replica.transferLeadership(target, l.now());
          l.replica.checkInvariants();
          c.process(l);
        }
      }
    }
  }

  /** Swaps one replica in or out through the current leader, when there is one. */
  private static void changeMembership(SimCluster c, java.util.SplittableRandom r, List<String> pool) {
    for (SimCluster.Node n : c.leaders()) {
      Membership m = n.replica.status(n.now()).membership();
      List<String> next = new ArrayList<>(m.replicas());
      if (next.size() < pool.size() && (next.size() <= 3 || r.nextBoolean())) {
        pool.stream().filter(id -> !next.contains(id)).findFirst().ifPresent(next::add);
      } else {
        next.remove(r.nextInt(next.size()));
      }
      n.replica.proposeMembership(new Membership(next), n.now());
      n.replica.checkInvariants();
      c.process(n);
    }
  }
}

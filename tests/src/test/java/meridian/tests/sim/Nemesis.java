package meridian.tests.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import meridian.paxos.Membership;
import meridian.paxos.ProposeResult;
import meridian.paxos.ReplicaStatus;

/**
 * The fault schedule of one run, drawn from its own random stream: partitions (random halves, one
 * replica alone, the leader alone) and heals; network weather (loss, duplication, slow and reordered
 * delivery); crashes, right away or between a write and its fsync, each followed by a restart;
 * pauses (a stopped process that keeps its lease in its head, some longer than the lease); clock
 * jumps to the edge of the uncertainty; fenced clocks; leader transfers; and, for membership runs,
 * a bounded plan of changes 3 -> 4 -> 3 ... through the extra host. Every action is bounded in
 * number and length; all of it stops when the fault phase ends.
 */
final class Nemesis {
  enum Action { PARTITION_HALVES, ISOLATE_ONE, ISOLATE_LEADER, HEAL, WEATHER, CRASH, CRASH_BEFORE_FSYNC, PAUSE,
    CLOCK_JUMP, CLOCK_FENCE, TRANSFER }

  private static final Action[] ACTIONS = Action.values();

  private final SimCluster cluster;
  private final SplittableRandom random;
  private final TreeMap<Action, Integer> counts = new TreeMap<>();
  private boolean active;
  private int membershipChangesLeft;
  private int membershipChangesMade;

  Nemesis(SimCluster cluster, SplittableRandom random) {
    this.cluster = cluster;
    this.random = random;
  }

  void start(long faultPhaseMicros) {
    active = true;
    membershipChangesLeft = cluster.config.membershipChanges();
    scheduleNext();
    if (membershipChangesLeft > 0) {
      cluster.events.after(500_000 + random.nextLong(Math.max(1, faultPhaseMicros / 4)), this::changeMembership);
    }
  }

  void stop() {
    active = false;
  }

  String counters() {
    return counts + " membershipChanges=" + membershipChangesMade;
  }

  private void scheduleNext() {
    cluster.events.after(1 + random.nextLong(cluster.config.nemesisGapMaxMicros()), this::act);
  }

  private void act() {
    if (!active) {
      return;
    }
    Action a = ACTIONS[random.nextInt(ACTIONS.length)];
    counts.merge(a, 1, Integer::sum);
    List<SimHost> hosts = cluster.hosts();
    SimHost victim = hosts.get(random.nextInt(hosts.size()));
    long now = cluster.events.nowMicros();
    switch (a) {
      case PARTITION_HALVES -> {
        List<String> one = new ArrayList<>();
        List<String> two = new ArrayList<>();
        for (SimHost h : hosts) {
          (random.nextBoolean() ? one : two).add(h.id);
        }
        cluster.network.partition(List.of(one, two));
        cluster.trace.add(now, "nemesis: partition " + one + " | " + two);
      }
      case ISOLATE_ONE -> isolate(victim);
      case ISOLATE_LEADER -> {
        SimHost leader = cluster.currentLeader();
        isolate(leader == null ? victim : leader);
      }
      case HEAL -> {
        cluster.network.heal();
        cluster.trace.add(now, "nemesis: heal partitions");
      }
      case WEATHER -> {
        long min = 1 + random.nextLong(2_000);
        long max = min + random.nextLong(random.nextBoolean() ? 5_000 : 100_000);
        SimNetwork.Faults f = new SimNetwork.Faults(random.nextInt(3) == 0 ? 0 : random.nextDouble(0, 0.4),
            random.nextDouble(0, 0.2), random.nextDouble(0, 0.2), min, max, max + random.nextLong(1_000_000));
        cluster.network.setFaults(f);
        cluster.trace.add(now, "nemesis: weather " + f);
      }
      case CRASH -> {
        victim.crash("nemesis");
        restartLater(victim);
      }
      case CRASH_BEFORE_FSYNC -> {
        if (victim.isUp()) {
          victim.armCrashAtNextWrite();
          cluster.trace.add(now, "nemesis: " + victim.id + " will crash between its next write and fsync");
          restartLater(victim);
        }
      }
      case PAUSE -> {
        if (victim.isUp() && !victim.isPaused()) {
          victim.pause();
          long lease = victim.replicaConfig().leaseDurationMicros();
          cluster.events.after(random.nextLong(50_000, 2 * lease), victim::resume);
        }
      }
      case CLOCK_JUMP -> {
        victim.clock().jump(now);
        cluster.trace.add(now, "nemesis: clock jump on " + victim.id);
      }
      case CLOCK_FENCE -> {
        if (victim.isUp()) {
          victim.setClockFenced(true);
          cluster.events.after(random.nextLong(50_000, 3_000_000), () -> {
            if (active) {
              victim.setClockFenced(false);
            }
          });
        }
      }
      case TRANSFER -> {
        SimHost leader = cluster.currentLeader();
        if (leader != null) {
          List<String> members = leader.lastStatus().membership().replicas(); // its committed membership
          String target = members.get(random.nextInt(members.size()));
          leader.call(r -> {
            r.transferLeadership(target, leader.tt());
            return target;
          }, t -> "transfer leadership to " + t);
        }
      }
    }
    scheduleNext();
  }

  private void isolate(SimHost h) {
    List<String> rest = new ArrayList<>();
    for (SimHost o : cluster.hosts()) {
      if (o != h) {
        rest.add(o.id);
      }
    }
    cluster.network.partition(List.of(List.of(h.id), rest));
    cluster.trace.add(cluster.events.nowMicros(), "nemesis: isolate " + h.id);
  }

  private void restartLater(SimHost h) {
    cluster.events.after(random.nextLong(10_000, 4_000_000), () -> {
      if (!h.isUp()) {
        h.start();
      }
    });
  }

  /**
   * One step of the membership plan: add the host outside the group, or remove a random member,
   * proposed to the leader; retried until chosen. Runs past the fault phase if it must, so that a
   * change in flight completes.
   */
  private void changeMembership() {
    if (membershipChangesLeft == 0) {
      return;
    }
    Membership current = cluster.currentMembership();
    SimHost leader = cluster.currentLeader();
    ReplicaStatus st = leader == null ? null : leader.lastStatus();
    if (st == null || !st.membership().equals(current)) {
      cluster.events.after(200_000, this::changeMembership); // wait until the leader has applied the last change
      return;
    }
    List<String> next = new ArrayList<>(current.replicas());
    List<String> outside = new ArrayList<>();
    for (SimHost h : cluster.hosts()) {
      if (!current.contains(h.id)) {
        outside.add(h.id);
      }
    }
    if (!outside.isEmpty()) {
      next.add(outside.get(random.nextInt(outside.size())));
    } else {
      next.remove(random.nextInt(next.size()));
    }
    Membership m = new Membership(next);
    ProposeResult r =
        leader.call(c -> c.proposeMembership(m, leader.tt()), res -> "propose membership " + next + " -> " + res);
    if (r instanceof ProposeResult.Proposed) {
      membershipChangesLeft--;
      membershipChangesMade++;
      cluster.events.after(500_000 + random.nextLong(3_000_000), this::changeMembership);
    } else {
      cluster.events.after(200_000, this::changeMembership);
    }
  }
}

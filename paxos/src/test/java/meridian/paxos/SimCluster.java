package meridian.paxos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import meridian.truetime.TTInterval;

/**
 * A tiny deterministic host for tests: simulated disks (everything a Ready asks to persist is
 * durable before its messages leave), a network queue with loss, duplication, reordering and
 * partitions, one true clock with per-replica TrueTime errors within epsilon, and checkers.
 */
final class SimCluster {
  static final long GROUP = 7;

  final long seed;
  final SplittableRandom random;
  final long epsilonMicros;
  final Map<String, Node> nodes = new LinkedHashMap<>();
  final List<Message> network = new ArrayList<>();
  final Checker checker = new Checker(this);
  long trueMicros = 1_000_000_000L;
  double dropRate;
  double duplicateRate;
  boolean reorder;
  // Replica -> partition side; messages cross only between equal sides.
  final Map<String, Integer> side = new HashMap<>();
  Predicate<Message> filter = m -> true;
  int compactEvery = 0;
  static final boolean TRACE = Boolean.getBoolean("paxos.trace");

  void trace(String what) {
    if (TRACE) {
      System.out.println("t=" + trueMicros + " " + what);
    }
  }

  SimCluster(long seed, long epsilonMicros, List<String> ids, ConfigFactory configs) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.epsilonMicros = epsilonMicros;
    Membership all = new Membership(ids);
    for (String id : ids) {
      ReplicaConfig config = configs.config(id, all);
      nodes.put(id, new Node(id, config, config.initialMembership()));
    }
  }

  interface ConfigFactory {
    ReplicaConfig config(String self, Membership initial);
  }

  static ReplicaConfig fastConfig(String self, Membership m) {
    return new ReplicaConfig(GROUP, self, m, 10_000, 2, 10, 20, 200_000, 64, 8, 4096);
  }

  final class Node {
    final String id;
    final ReplicaConfig config;
    Replica replica;
    boolean up = true;
    // The simulated disk.
    HardState hardState = HardState.INITIAL;
    final TreeMap<Long, LogEntry> log = new TreeMap<>();
    long snapshotIndex;
    Ballot snapshotBallot = Ballot.ZERO;
    long snapshotTimestampMicros;
    Membership snapshotMembership;
    // The state machine (durable with its applied index): every applied entry by index.
    final TreeMap<Long, LogEntry> applied = new TreeMap<>();
    Membership membership;
    int restarts;

    Node(String id, ReplicaConfig config, Membership initial) {
      this.id = id;
      this.config = config;
      this.snapshotMembership = initial;
      this.membership = initial;
      this.replica = new Replica(config, PersistedState.empty(initial), new SplittableRandom(seed * 31 + id.hashCode()));
    }

    long appliedIndex() {
      return applied.isEmpty() ? snapshotIndex : Math.max(snapshotIndex, applied.lastKey());
    }

    TTInterval now() {
      long err = random.nextLong(-epsilonMicros, epsilonMicros + 1);
      return new TTInterval(trueMicros + err - epsilonMicros, trueMicros + err + epsilonMicros);
    }

    PersistedState persisted() {
      List<LogEntry> entries = new ArrayList<>();
      for (long i = snapshotIndex + 1; log.containsKey(i); i++) {
        entries.add(log.get(i));
      }
      return new PersistedState(hardState, entries, snapshotIndex, snapshotBallot, snapshotTimestampMicros,
          snapshotMembership, appliedIndex());
    }

    void crash() {
      trace("crash " + id);
      up = false;
    }

    void restart() {
      trace("restart " + id);
      up = true;
      restarts++;
      replica = new Replica(config, persisted(), new SplittableRandom(seed * 31 + id.hashCode() + restarts));
    }

    ReplicaStatus status() {
      return replica.status(now());
    }
  }

  Node node(String id) {
    return nodes.get(id);
  }

  /** Drains every up replica's Ready until nothing is left. */
  void drainAll() {
    for (Node n : nodes.values()) {
      if (n.up) {
        process(n);
      }
    }
  }

  void process(Node n) {
    for (int round = 0; round < 100; round++) {
      Ready r = n.replica.ready();
      if (r.isEmpty()) {
        return;
      }
      if (TRACE) {
        trace("ready " + n.id + " committed=" + r.committed().stream().map(LogEntry::index).toList() + " safe="
            + n.replica.safeTimeMicros() + " " + n.replica.status(new TTInterval(trueMicros, trueMicros)).role());
      }
      r.hardState().ifPresent(h -> n.hardState = h);
      for (LogEntry e : r.entries()) {
        if (e.index() > n.snapshotIndex) {
          n.log.put(e.index(), e);
        }
      }
      for (Message m : r.messages()) {
        if (random.nextDouble() >= dropRate) {
          network.add(m);
          if (random.nextDouble() < duplicateRate) {
            network.add(m);
          }
        }
      }
      for (LogEntry e : r.committed()) {
        apply(n, e);
      }
      r.snapshotToInstall().ifPresent(req -> installSnapshot(n, req));
      compactIfDue(n);
      checker.afterReady(n);
    }
    throw new IllegalStateException("ready never empties at " + n.id);
  }

  private void apply(Node n, LogEntry e) {
    if (e.index() != n.appliedIndex() + 1) {
      throw new AssertionError(n.id + " applies " + e.index() + " after " + n.appliedIndex() + " (seed " + seed + ")");
    }
    n.applied.put(e.index(), e);
    if (e.command() instanceof Command.ChangeMembership c) {
      n.membership = c.next();
    }
    checker.chosen(n, e);
  }

  private void installSnapshot(Node n, Ready.SnapshotRequest req) {
    Node from = nodes.get(req.leader());
    if (from == null || !from.up || from.appliedIndex() < req.index() || from.appliedIndex() <= n.appliedIndex()
        || !from.applied.containsKey(from.appliedIndex())) {
      return;
    }
    long index = from.appliedIndex();
    n.applied.clear();
    n.applied.putAll(from.applied.headMap(index, true));
    n.membership = from.membership;
    LogEntry last = from.applied.get(index);
    long ts = lastWriteMicros(from.applied, index);
    n.snapshotIndex = index;
    n.snapshotBallot = last.ballot();
    n.snapshotTimestampMicros = ts;
    n.snapshotMembership = from.membership;
    n.log.headMap(index, true).clear();
    n.replica.snapshotInstalled(index, last.ballot(), ts, from.membership);
    for (LogEntry e : n.applied.values()) {
      checker.chosen(n, e);
    }
  }

  /** The snapshot's timestamp: the largest entry timestamp applied (the contract of snapshotInstalled). */
  private static long lastWriteMicros(TreeMap<Long, LogEntry> applied, long through) {
    long max = 0;
    for (LogEntry e : applied.headMap(through, true).values()) {
      max = Math.max(max, e.timestampMicros());
    }
    return max;
  }

  private void compactIfDue(Node n) {
    long applied = n.appliedIndex();
    if (compactEvery > 0 && applied - n.snapshotIndex >= compactEvery && n.applied.containsKey(applied)) {
      n.snapshotIndex = applied;
      n.snapshotBallot = n.applied.get(applied).ballot();
      n.snapshotTimestampMicros = lastWriteMicros(n.applied, applied);
      n.snapshotMembership = n.membership;
      n.log.headMap(applied, true).clear();
      n.replica.compactLog(applied);
    }
  }

  /** Delivers one message from the network (random one when reordering); false when empty. */
  boolean deliverOne() {
    if (network.isEmpty()) {
      return false;
    }
    Message m = network.remove(reorder ? random.nextInt(network.size()) : 0);
    Node to = nodes.get(m.to());
    if (to == null || !to.up || !connected(m.from(), m.to()) || !filter.test(m)) {
      return true;
    }
    if (TRACE) {
      trace("deliver " + brief(m));
    }
    to.replica.step(m, to.now());
    to.replica.checkInvariants();
    process(to);
    checker.afterStep();
    return true;
  }

  boolean connected(String a, String b) {
    return side.getOrDefault(a, 0).equals(side.getOrDefault(b, 0));
  }

  void partition(List<String> minority) {
    side.clear();
    for (String id : minority) {
      side.put(id, 1);
    }
  }

  void heal() {
    side.clear();
  }

  /** Delivers until the network is empty (bounded). */
  void deliverAll() {
    for (int i = 0; i < 100_000 && deliverOne(); i++) {
      // keep going
    }
  }

  /** Advances true time by one tick, ticks every up replica, drains, and delivers everything. */
  void tickAll() {
    trueMicros += firstConfig().tickMicros();
    for (Node n : nodes.values()) {
      if (n.up) {
        n.replica.tick(n.now());
        n.replica.checkInvariants();
      }
    }
    drainAll();
    checker.afterStep();
  }

  ReplicaConfig firstConfig() {
    return nodes.values().iterator().next().config;
  }

  void run(int ticks) {
    for (int i = 0; i < ticks; i++) {
      tickAll();
      deliverAll();
    }
  }

  /** Runs until some replica leads with a lease and has chosen an entry of its ballot. */
  Node awaitLeader(int ticksMax) {
    for (int i = 0; i < ticksMax; i++) {
      Optional<Node> l = servingLeader();
      if (l.isPresent()) {
        return l.get();
      }
      tickAll();
      deliverAll();
    }
    throw new AssertionError("no leader after " + ticksMax + " ticks (seed " + seed + ")" + statuses());
  }

  String statuses() {
    StringBuilder out = new StringBuilder();
    for (Node n : nodes.values()) {
      out.append("\n  ").append(n.up ? "" : "DOWN ").append(n.replica.status(n.now())).append(" snap=")
          .append(n.snapshotIndex).append(" read=").append(n.replica.leaderRead(n.now()));
    }
    return out.toString();
  }

  Optional<Node> servingLeader() {
    for (Node n : nodes.values()) {
      if (n.up && n.replica.leaderRead(n.now()) instanceof ReadPermit.Granted g) {
        checker.read(n, g);
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  List<Node> leaders() {
    return nodes.values().stream().filter(n -> n.up && n.status().role() == ReplicaStatus.Role.LEADER).toList();
  }

  /** Proposes at {@code n}, recording the write for the checker. */
  ProposeResult propose(Node n, String payload) {
    ProposeResult r = n.replica.propose(payload.getBytes(), n.now());
    if (TRACE) {
      trace("propose " + payload + " at " + n.id + " -> " + r);
    }
    if (r instanceof ProposeResult.Proposed p) {
      checker.proposed(payload, p.timestampMicros());
    }
    n.replica.checkInvariants();
    process(n);
    return r;
  }

  static String brief(Message m) {
    String s = m.toString();
    if (m instanceof Message.Accept a) {
      s = "Accept " + a.from() + "->" + a.to() + " " + a.ballot().round() + a.ballot().replica() + " commit=" + a.commitIndex()
          + " minNext=" + a.minNextTimestampMicros() + " req=" + a.leaseRequestMicros() + " " + a.entries().stream()
          .map(e -> e.index() + ":" + text(e) + "@" + e.timestampMicros() + "/" + e.ballot().round() + e.ballot().replica()).toList();
    } else if (m instanceof Message.Promise p) {
      s = "Promise " + p.from() + "->" + p.to() + " " + p.ballot() + " last=" + p.lastIndex() + " commit=" + p.commitIndex()
          + " vote=" + p.leaseVoteGranted() + " " + p.accepted().stream()
          .map(e -> e.index() + ":" + text(e) + "@" + e.timestampMicros() + "/" + e.ballot().round() + e.ballot().replica()).toList();
    }
    return s;
  }

  static String text(LogEntry e) {
    return switch (e.command()) {
      case Command.Noop noop -> "noop";
      case Command.Write w -> new String(w.payload());
      case Command.ChangeMembership c -> "members" + c.next().replicas();
    };
  }

  static List<String> ids(int n) {
    return Arrays.asList("a", "b", "c", "d", "e", "f", "g").subList(0, n);
  }
}

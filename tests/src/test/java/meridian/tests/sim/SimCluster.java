package meridian.tests.sim;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import meridian.paxos.Membership;
import meridian.paxos.ReplicaStatus;

/**
 * One Paxos group on one thread from one seed: hosts, network, clocks, clients and the nemesis, all
 * driven by one event queue in true time. Every random choice comes from the seed, split once per
 * component at start, so a seed replays exactly; {@link Result#traceHash} proves it.
 *
 * <p>A run: the nemesis acts for {@code faultPhaseMicros}; then everything heals and, within {@code
 * livenessBoundMicros}, a leader must commit a fresh write and every member must apply it. Checkers
 * run inside every event; any violation, exception from the core, or missed liveness bound fails the
 * run with its seed and the tail of the trace.
 */
final class SimCluster {
  /** What a passing run reports. */
  record Result(long seed, long traceHash, long traceLines, long events, long simulatedMicros, long recoveryMicros,
      String stats) {}

  static final long EVENTS_MAX = 20_000_000;

  final SimConfig config;
  final EventQueue events;
  final Trace trace;
  final SimNetwork network;
  final ChosenLogChecker chosen = new ChosenLogChecker();
  final ReadChecker reads = new ReadChecker(chosen);
  final LeaseChecker leases = new LeaseChecker();
  final LeaseVoteChecker votes = new LeaseVoteChecker();
  final SafeTimeChecker safeTimes = new SafeTimeChecker();
  final History history = new History(1_000_000);
  final Membership initialMembership;
  private final TreeMap<String, SimHost> hosts = new TreeMap<>();
  private final SplittableRandom clientRandom;
  private final SplittableRandom transferRandom;
  private final Nemesis nemesis;
  private String leaderGuess = "";
  private long writesIssued;
  private long healedAtMicros = -1;
  private History.Op livenessWrite; // the first write acknowledged after healing
  private boolean done;

  SimCluster(SimConfig config, PrintStream verbose) {
    this.config = config;
    SplittableRandom root = new SplittableRandom(config.seed());
    this.events = new EventQueue(SimConfig.START_MICROS, 1_000_000);
    this.trace = new Trace(SimConfig.START_MICROS, 80, verbose);
    this.network = new SimNetwork(root.split(), events, m -> {
      SimHost h = hosts.get(m.to());
      if (h != null) {
        h.deliver(m);
      }
    }, config.initialWeather(), 200_000);
    this.clientRandom = root.split();
    this.transferRandom = root.split();
    this.initialMembership = new Membership(config.hosts().subList(0, config.initialMembers()));
    for (String id : config.hosts()) {
      SimClock clock = new SimClock(root.split(), SimConfig.START_MICROS, config.epsilonSyncMinMicros(),
          config.epsilonSyncMaxMicros(), config.clockSyncIntervalMicros(), config.driftPpm(), config.clockLieMicros());
      hosts.put(id, new SimHost(id, this, clock, root.split(), initialMembership));
    }
    this.nemesis = new Nemesis(this, root.split());
  }

  /** Runs the seed to the end; throws {@link SimulationFailure} on any violation. */
  Result run() {
    long eventsRun = 0;
    try {
      trace.add(events.nowMicros(), "config " + config);
      for (SimHost h : hosts.values()) {
        h.start();
        long tick = h.replicaConfig().tickMicros();
        events.after(clientRandom.nextLong(tick), () -> tickLoop(h, tick));
      }
      events.after(clientRandom.nextLong(config.clientIntervalMaxMicros()), this::clientLoop);
      nemesis.start(config.faultPhaseMicros());
      events.after(config.faultPhaseMicros(), this::heal);
      long deadline = SimConfig.START_MICROS + config.faultPhaseMicros() + config.livenessBoundMicros();
      while (!done) {
        if (events.isEmpty()) {
          throw new InvariantViolation("no events left");
        }
        if (events.nextAtMicros() > deadline) {
          throw new InvariantViolation("liveness: " + livenessReport());
        }
        if (++eventsRun > EVENTS_MAX) {
          throw new InvariantViolation("more than " + EVENTS_MAX + " events");
        }
        events.take().action().run();
      }
    } catch (Throwable t) {
      throw new SimulationFailure(config, trace, t);
    }
    String stats = "writes ok=" + history.count(History.Kind.WRITE, History.Outcome.OK) + " reads ok="
        + history.count(History.Kind.READ, History.Outcome.OK) + " chosen=" + chosen.highestChosen() + " leases="
        + leases.claimsMade() + " crashesLosingWrites="
        + hosts.values().stream().mapToInt(h -> h.crashesLosingWrites).sum() + " snapshots="
        + hosts.values().stream().mapToInt(h -> h.snapshotsInstalled).sum() + " " + network.counters() + " nemesis{"
        + nemesis.counters() + "}";
    return new Result(config.seed(), trace.hash(), trace.lines(), eventsRun,
        events.nowMicros() - SimConfig.START_MICROS, events.nowMicros() - healedAtMicros, stats);
  }

  SimHost host(String id) {
    return hosts.get(id);
  }

  List<SimHost> hosts() {
    return new ArrayList<>(hosts.values());
  }

  /** The member a client would find leading now (by status), or null. */
  SimHost currentLeader() {
    for (SimHost h : hosts.values()) {
      ReplicaStatus s = h.lastStatus();
      if (s != null && s.role() == ReplicaStatus.Role.LEADER && !h.isPaused()) {
        return h;
      }
    }
    return null;
  }

  void leaderHint(String hint) {
    if (!hint.isEmpty()) {
      leaderGuess = hint;
    }
  }

  /** How long moving a snapshot between two hosts takes. */
  long transferDelayMicros() {
    SimNetwork.Faults f = network.faults();
    return transferRandom.nextLong(f.delayMinMicros(), f.delayMaxMicros() + 1) + transferRandom.nextLong(10_000);
  }

  void writeAcked(History.Op op) {
    if (healedAtMicros >= 0 && op.invokeMicros >= healedAtMicros && livenessWrite == null) {
      livenessWrite = op;
      trace.add(events.nowMicros(), "liveness: write " + op.payload + " acknowledged after healing");
    }
  }

  private void tickLoop(SimHost h, long tickMicros) {
    h.tick();
    checkDone();
    events.after(tickMicros, () -> tickLoop(h, tickMicros));
  }

  /** Clients: writes with unique payloads and lease reads, mostly to the leader they believe in. */
  private void clientLoop() {
    List<SimHost> all = hosts();
    SimHost target = hosts.get(leaderGuess);
    if (target == null || clientRandom.nextInt(4) == 0) {
      target = all.get(clientRandom.nextInt(all.size()));
    }
    long now = events.nowMicros();
    if (clientRandom.nextDouble() < config.readFraction()) {
      target.clients().read(history.invoke(History.Kind.READ, target.id, null, now));
    } else {
      String payload = "w" + (++writesIssued);
      History.Op op = history.invoke(History.Kind.WRITE, target.id, payload, now);
      reads.writeInvoked(payload, now);
      target.clients().write(op, payload.getBytes(StandardCharsets.UTF_8));
    }
    events.after(1 + clientRandom.nextLong(config.clientIntervalMaxMicros()), this::clientLoop);
  }

  /** End of the fault phase: heal everything and start the liveness clock. */
  private void heal() {
    nemesis.stop();
    network.heal();
    network.setFaults(SimNetwork.Faults.CALM);
    for (SimHost h : hosts.values()) {
      h.clearFaults();
      if (!h.isUp()) {
        h.start();
      }
    }
    healedAtMicros = events.nowMicros();
    trace.add(healedAtMicros, "HEAL: all faults off; liveness bound " + config.livenessBoundMicros() + " us");
  }

  /** Liveness holds once a write acknowledged after healing is applied by every member. */
  private void checkDone() {
    if (livenessWrite == null) {
      return;
    }
    for (String m : currentMembership().replicas()) {
      SimHost h = hosts.get(m);
      if (h.disk().current().appliedIndex() < livenessWrite.index) {
        return;
      }
    }
    trace.add(events.nowMicros(), "liveness: every member applied " + livenessWrite.index);
    done = true;
  }

  Membership currentMembership() {
    Membership m = chosen.latestMembership();
    return m == null ? initialMembership : m;
  }

  private String livenessReport() {
    StringBuilder b = new StringBuilder("after healing at " + healedAtMicros + " no leader committed a fresh write"
        + " and brought every member up to it within " + config.livenessBoundMicros() + " us (write: "
        + livenessWrite + ", members " + currentMembership().replicas() + ")");
    for (SimHost h : hosts.values()) {
      ReplicaStatus s = h.lastStatus();
      b.append("\n  ").append(h.id).append(" up=").append(h.isUp()).append(" applied=")
          .append(h.disk().current().appliedIndex()).append(' ')
          .append(s == null ? "-" : s.role() + " ballot=" + Describe.ballot(s.ballot()) + " leader=" + s.leader()
              + " lease=" + s.leaseEndMicros() + " commit=" + s.commitIndex() + " last=" + s.lastIndex()
              + " vote=" + s.leaseVoteLeader() + "@" + s.leaseVoteExpiryMicros() + " members="
              + s.membership().replicas());
    }
    return b.toString();
  }
}

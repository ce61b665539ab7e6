package meridian.tests.sim.txn;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import meridian.truetime.TTInterval;
import meridian.txn.Key;
import meridian.txn.TxnId;

/**
 * The simulated world of one seed: groups, drivers, network, clocks and the event queue, on one
 * thread. {@link #run} runs a chaotic phase, heals, runs a quiet phase, then checks everything (see
 * the package docs); it throws {@link TxnSimFailure} with the seed and the trace tail on any
 * violation.
 */
final class TxnSim {
  /** What a passing run came to. */
  record Result(long seed, long traceHash, long traceLines, long events, String stats) {}

  private record Event(long atMicros, long seq, Runnable action) {}

  private static final int EVENTS_QUEUED_MAX = 1_000_000;
  private static final long TICK_MICROS = 20_000;

  final TxnSimConfig config;
  final SplittableRandom random;
  final TxnHistory history = new TxnHistory();
  final List<SimGroup> groups = new ArrayList<>();
  // Live driver incarnations by id; a crashed one is removed, so messages to it are dropped.
  final Map<Integer, TxnDriver> drivers = new LinkedHashMap<>();
  final List<Key> keys = new ArrayList<>();
  // What happened how often (leader changes, inquiries, resends, ...), for the report.
  final Map<String, Long> counters = new java.util.TreeMap<>();
  private final long[] groupOfKey;
  private final Map<String, NodeClock> clocks = new LinkedHashMap<>();
  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(Comparator.comparingLong(Event::atMicros).thenComparingLong(Event::seq));
  private final Trace trace;
  private long nowMicros = TxnSimConfig.START_MICROS;
  private long nextSeq;
  private long events;
  private int nextDriverId = 1;
  private boolean healed;
  private long endMicros;
  private TxnId oldestAtHeal;

  TxnSim(TxnSimConfig config, PrintStream verbose) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
    this.trace = new Trace(TxnSimConfig.START_MICROS, 80, verbose);
    this.groupOfKey = new long[config.keys()];
    for (int i = 0; i < config.keys(); i++) {
      keys.add(Key.of(String.format("k%02d", i).getBytes(StandardCharsets.UTF_8)));
      groupOfKey[i] = 1 + random.nextInt(config.groups());
    }
    for (int g = 1; g <= config.groups(); g++) {
      groups.add(new SimGroup(this, g));
    }
  }

  Result run() {
    try {
      long healAt = nowMicros + config.chaosMicros();
      endMicros = healAt + config.quietMicros();
      for (SimGroup g : groups) {
        g.start();
      }
      for (int d = 1; d <= config.drivers(); d++) {
        startDriver("d" + d);
      }
      at(nowMicros + random.nextLong(config.leaderChangeGapMaxMicros()), this::leaderChange);
      at(nowMicros + random.nextLong(config.driverCrashGapMaxMicros()), this::driverCrash);
      at(healAt, this::heal);
      while (!queue.isEmpty() && queue.peek().atMicros() <= endMicros) {
        Event e = queue.poll();
        nowMicros = e.atMicros();
        events++;
        e.action().run();
        checkStep();
      }
      for (SimGroup g : groups) {
        g.catchUpFollowers();
      }
      String stats = new TxnChecker(this).checkFinal(oldestAtHeal);
      trace("done: " + stats);
      return new Result(config.seed(), trace.hash(), trace.lines(), events, stats);
    } catch (TxnSimFailure f) {
      throw f;
    } catch (Throwable t) {
      throw new TxnSimFailure(config, trace, t);
    }
  }

  private void checkStep() {
    for (SimGroup g : groups) {
      g.checkInvariants();
    }
  }

  // ---- time and events ----

  long nowMicros() {
    return nowMicros;
  }

  boolean healed() {
    return healed;
  }

  /** True while periodic activity should continue. */
  boolean running() {
    return nowMicros < endMicros;
  }

  void at(long atMicros, Runnable action) {
    if (atMicros < nowMicros) {
      throw new IllegalArgumentException("event at " + atMicros + " before now " + nowMicros);
    }
    if (queue.size() >= EVENTS_QUEUED_MAX) {
      throw new IllegalStateException("runaway simulation: " + EVENTS_QUEUED_MAX + " events queued");
    }
    queue.add(new Event(atMicros, nextSeq++, action));
  }

  void after(long delayMicros, Runnable action) {
    at(nowMicros + delayMicros, action);
  }

  long tickMicros() {
    return TICK_MICROS / 2 + random.nextLong(TICK_MICROS);
  }

  void count(String what) {
    counters.merge(what, 1L, Long::sum);
  }

  void trace(String line) {
    trace.add(nowMicros, line);
  }

  // ---- clocks ----

  /** Each node's TrueTime: true time shifted by a skew within epsilon, widened by epsilon. */
  static final class NodeClock {
    long skewMicros;
  }

  TTInterval now(String node) {
    NodeClock c = clock(node);
    long eps = config.epsilonMicros();
    return new TTInterval(nowMicros + c.skewMicros - eps, nowMicros + c.skewMicros + eps);
  }

  /** {@code TT.after(s)} on {@code node}. */
  boolean after(String node, long sMicros) {
    return now(node).earliestMicros() > sMicros;
  }

  private NodeClock clock(String node) {
    return clocks.computeIfAbsent(node, n -> {
      NodeClock c = new NodeClock();
      c.skewMicros = drawSkew();
      return c;
    });
  }

  private long drawSkew() {
    long eps = config.epsilonMicros();
    return switch (random.nextInt(3)) {
      case 0 -> eps;
      case 1 -> -eps;
      default -> random.nextLong(-eps, eps + 1);
    };
  }

  // ---- network ----

  void toGroup(long group, Msg m) {
    send("->G" + group + " " + m, () -> groups.get((int) group - 1).deliver(m));
  }

  void toDriver(int driver, Msg m) {
    send("->D" + driver + " " + m, () -> {
      TxnDriver d = drivers.get(driver);
      if (d != null) {
        d.deliver(m);
      }
    });
  }

  private void send(String what, Runnable deliver) {
    if (!healed && random.nextDouble() < config.loss()) {
      count("messagesLost");
      trace("lost " + what);
      return;
    }
    int copies = !healed && random.nextDouble() < config.duplication() ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long delay = config.delayMinMicros() + random.nextLong(config.delayMaxMicros() - config.delayMinMicros() + 1);
      if (!healed && random.nextDouble() < config.lateFraction()) {
        delay += random.nextLong(1_000_000); // very late: a retransmission, a long pause
      } else if (random.nextInt(20) == 0) {
        delay *= 10; // a slow message: reordered behind later ones
      }
      after(delay, deliver);
    }
  }

  // ---- keys ----

  long groupOf(Key key) {
    return groupOfKey[keys.indexOf(key)];
  }

  // ---- faults ----

  private void leaderChange() {
    if (healed) {
      return;
    }
    SimGroup g = groups.get(random.nextInt(groups.size()));
    count("leaderChanges");
    g.changeLeader(random.nextBoolean());
    clock(g.leaderNode()).skewMicros = drawSkew();
    at(nowMicros + 1 + random.nextLong(config.leaderChangeGapMaxMicros()), this::leaderChange);
  }

  private void driverCrash() {
    if (healed || drivers.isEmpty()) {
      return;
    }
    List<TxnDriver> live = new ArrayList<>(drivers.values());
    TxnDriver d = live.get(random.nextInt(live.size()));
    drivers.remove(d.id);
    count("driverCrashes");
    d.crash();
    String base = d.name.contains("#") ? d.name.substring(0, d.name.indexOf('#')) : d.name;
    after(random.nextLong(1, 500_000), () -> startDriver(base + "#" + nextDriverId));
    at(nowMicros + 1 + random.nextLong(config.driverCrashGapMaxMicros()), this::driverCrash);
  }

  private void startDriver(String name) {
    int id = nextDriverId++;
    TxnDriver d = new TxnDriver(this, id, name);
    drivers.put(id, d);
    if (healed) {
      d.healed(); // restarted after the heal: it starts nothing new
    }
    d.start();
  }

  private void heal() {
    healed = true;
    trace("heal: no more faults or new transactions");
    for (TxnDriver d : drivers.values()) {
      d.healed();
      TxnId t = d.currentTxn();
      if (t != null && (oldestAtHeal == null || t.isOlderThan(oldestAtHeal))) {
        oldestAtHeal = t;
      }
    }
    trace("oldest transaction at heal: " + oldestAtHeal);
  }

  /** A bounded FIFO of recent trace lines plus a running FNV-1a hash of all of them. */
  static final class Trace {
    private final long startMicros;
    private final int tailMax;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final PrintStream verbose;
    private long hash = 0xcbf29ce484222325L;
    private long lines;

    Trace(long startMicros, int tailMax, PrintStream verbose) {
      this.startMicros = startMicros;
      this.tailMax = tailMax;
      this.verbose = verbose;
    }

    void add(long trueMicros, String line) {
      long rel = trueMicros - startMicros;
      String stamped = rel / 1_000_000 + "." + Long.toString(1_000_000 + rel % 1_000_000).substring(1) + " " + line;
      for (int i = 0; i < stamped.length(); i++) {
        hash = (hash ^ stamped.charAt(i)) * 0x100000001b3L;
      }
      hash = (hash ^ '\n') * 0x100000001b3L;
      lines++;
      if (tail.size() == tailMax) {
        tail.removeFirst();
      }
      tail.addLast(stamped);
      if (verbose != null) {
        verbose.println(stamped);
      }
    }

    long hash() {
      return hash;
    }

    long lines() {
      return lines;
    }

    String tail() {
      return String.join("\n", tail);
    }
  }
}

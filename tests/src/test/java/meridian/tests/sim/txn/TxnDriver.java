package meridian.tests.sim.txn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;
import meridian.txn.Key;
import meridian.txn.KeySpan;
import meridian.txn.PriorGrants;
import meridian.txn.TxnId;
import meridian.txn.Write;

/**
 * A client running transactions one at a time: reads through the key's group leader (shared
 * locks), buffered writes, then a single-group commit or two-phase commit with a coordinator chosen
 * among the participants. On any failure it rolls back, makes the coordinator decide (abort, unless
 * a commit already won) when something may be prepared, and retries with {@link TxnId#retry()}. A
 * crash abandons the transaction where it stands.
 */
final class TxnDriver {
  private enum Phase {
    IDLE,
    READING,
    PREPARING,
    COMMITTING,
    RESOLVING,
    /** Aborted, waiting to start the next attempt. */
    BETWEEN
  }

  /** A write of {@code key}, a read of it, or a scan of {@code scan} at {@code scanGroup}. */
  /** @param exclusive a scan that locks its range exclusively (as a range split does) */
  private record Op(Key key, boolean write, KeySpan scan, long scanGroup, boolean exclusive) {}

  private static final int RESENDS_MAX = 3;

  final int id;
  final String name;
  private final TxnSim sim;
  private long sequence;
  private long nextRequestId = 1;
  private boolean crashed;
  private boolean healed;

  // The current transaction: its plan survives retries, the rest is per attempt.
  private List<Op> plan;
  private int retries;
  private long firstStartMicros;
  private TxnId txn;
  private Phase phase = Phase.IDLE;
  private int op;
  private final Map<Key, String> buffer = new LinkedHashMap<>();
  private final Map<Long, PriorGrants> grants = new TreeMap<>();
  private final TreeSet<Long> contacted = new TreeSet<>();
  // The requests whose answer this attempt waits for, and the group each went to.
  private final Map<Long, Long> outstanding = new TreeMap<>();
  private final Map<Long, Long> prepareMicros = new TreeMap<>();
  // What each outstanding request said, to send it again, and how often it was.
  private final Map<Long, Msg> sent = new HashMap<>();
  private final Map<Long, Integer> resends = new HashMap<>();
  private Map<Long, List<Write>> pendingWrites = Map.of();
  private long coordinator;
  private List<Long> participants = List.of();
  private int resolveTries;
  private String failure = "";

  TxnDriver(TxnSim sim, int id, String name) {
    this.sim = sim;
    this.id = id;
    this.name = name;
  }

  void start() {
    sim.after(sim.random.nextLong(sim.config.thinkMaxMicros() + 1), this::nextTransaction);
    sim.after(sim.config.limits().idleMicros() / 4, this::heartbeat);
  }

  TxnId currentTxn() {
    return phase == Phase.IDLE ? null : txn;
  }

  void healed() {
    healed = true;
    // The budgets start afresh: in a healed world the oldest must win (and learn that it did).
    retries = 0;
    resolveTries = 0;
  }

  void crash() {
    crashed = true;
    sim.trace(name + ": crashed" + (phase == Phase.IDLE ? "" : ", abandoning " + txn + " while " + phase));
    if (phase != Phase.IDLE) {
      sim.history.abandoned(txn);
    }
  }

  // ---- transactions ----

  private void nextTransaction() {
    if (crashed || healed) {
      phase = Phase.IDLE;
      return;
    }
    plan = new ArrayList<>();
    int ops = 1 + sim.random.nextInt(sim.config.opsMax());
    for (int i = 0; i < ops; i++) {
      Key k = sim.keys.get(sim.random.nextInt(sim.keys.size()));
      boolean write = sim.random.nextDouble() >= sim.config.readFraction();
      if (!write && sim.random.nextInt(5) == 0) {
        // A scan: the keys of one group in [a, b), a range lock there (phantoms are the point).
        int a = sim.random.nextInt(sim.keys.size());
        int b = a + 1 + sim.random.nextInt(sim.keys.size() - a);
        KeySpan span = new KeySpan(sim.keys.get(a), b == sim.keys.size() ? null : sim.keys.get(b));
        plan.add(new Op(k, false, span, 1 + sim.random.nextInt(sim.groups.size()), sim.random.nextInt(3) == 0));
      } else {
        plan.add(new Op(k, write, null, 0, false));
      }
    }
    sequence++;
    retries = 0;
    firstStartMicros = sim.nowMicros();
    txn = new TxnId(sim.now(name).latestMicros(), name, sequence, 0);
    beginAttempt();
  }

  private void beginAttempt() {
    buffer.clear();
    grants.clear();
    contacted.clear();
    outstanding.clear();
    prepareMicros.clear();
    sent.clear();
    resends.clear();
    participants = List.of();
    failure = "";
    op = 0;
    phase = Phase.READING;
    sim.history.begin(txn, firstStartMicros, sim.nowMicros());
    sim.trace(name + ": begin " + txn + " " + plan);
    nextOp();
  }

  private void nextOp() {
    while (op < plan.size()) {
      Op o = plan.get(op);
      if (o.write()) {
        buffer.put(o.key(), txn + ":" + o.key());
        op++;
      } else if (o.scan() == null && buffer.containsKey(o.key())) {
        op++; // reads its own write, at the driver
      } else if (o.scan() != null && buffer.keySet().stream()
          .anyMatch(k -> sim.groupOf(k) == o.scanGroup() && o.scan().contains(k))) {
        op++; // a scan over its own writes: merging them is the driver's business, not checked here
      } else {
        long g = groupOf(o);
        KeySpan span = o.scan() == null ? KeySpan.point(o.key()) : o.scan();
        contacted.add(g);
        PriorGrants prior = grants.getOrDefault(g, PriorGrants.NONE);
        meridian.txn.LockMode mode = o.exclusive() ? meridian.txn.LockMode.EXCLUSIVE : meridian.txn.LockMode.SHARED;
        send(g, rid -> new Msg.Lock(id, rid, txn, prior, span, mode));
        return;
      }
    }
    commit();
  }

  private long groupOf(Op o) {
    return o.scan() == null ? sim.groupOf(o.key()) : o.scanGroup();
  }

  private void commit() {
    Map<Long, List<Write>> writes = new TreeMap<>();
    buffer.forEach((k, v) ->
        writes.computeIfAbsent(sim.groupOf(k), g -> new ArrayList<>()).add(Write.put(k, v.getBytes(StandardCharsets.UTF_8))));
    TreeSet<Long> groups = new TreeSet<>(writes.keySet());
    groups.addAll(grants.keySet());
    contacted.addAll(groups);
    sim.history.writes(txn, writes);
    List<Long> withWrites = new ArrayList<>(writes.keySet());
    List<Long> candidates = withWrites.isEmpty() ? new ArrayList<>(groups) : withWrites;
    coordinator = candidates.get(sim.random.nextInt(candidates.size()));
    participants = groups.stream().filter(g -> g != coordinator).toList();
    sim.history.participants(txn, coordinator, participants);
    if (participants.isEmpty()) {
      sendCommit(writes);
      return;
    }
    phase = Phase.PREPARING;
    sim.trace(name + ": prepare " + txn + " at " + participants + ", coordinator G" + coordinator);
    for (long p : participants) {
      PriorGrants prior = grants.getOrDefault(p, PriorGrants.NONE);
      send(p, rid -> new Msg.Prepare(id, rid, txn, prior, writes.getOrDefault(p, List.of()), coordinator));
    }
    pendingWrites = writes;
  }

  private void sendCommit(Map<Long, List<Write>> writes) {
    phase = Phase.COMMITTING;
    long maxPrepare = prepareMicros.values().stream().mapToLong(Long::longValue).max().orElse(0);
    sim.trace(name + ": commit " + txn + " at G" + coordinator + ", max prepare " + maxPrepare);
    PriorGrants prior = grants.getOrDefault(coordinator, PriorGrants.NONE);
    send(coordinator, rid -> new Msg.Commit(id, rid, txn, prior, writes.getOrDefault(coordinator, List.of()),
        participants, maxPrepare));
  }

  /**
   * Sends a request and waits for its answer. Like the real client, it sends the same request
   * again (same id) when the group has no serving leader or the answer is slow, so a new leader may
   * get a request the old one already answered; after {@code timeout} the attempt fails.
   */
  private void send(long group, LongFunction<Msg> make) {
    long rid = nextRequestId++;
    Msg m = make.apply(rid);
    outstanding.put(rid, group);
    sent.put(rid, m);
    sim.toGroup(group, m);
    long timeout = sim.config.limits().lockWaitMicros() + 30 * sim.config.delayMaxMicros() + 100_000;
    sim.after(timeout, () -> {
      if (!crashed && outstanding.containsKey(rid)) {
        failed("TIMEOUT");
      }
    });
    sim.after(sim.config.resendAfterMicros() + sim.random.nextLong(1, 10_000), () -> resend(rid));
  }

  private void resend(long rid) {
    Long group = outstanding.get(rid);
    if (crashed || group == null) {
      return;
    }
    int n = resends.merge(rid, 1, Integer::sum);
    if (n <= RESENDS_MAX) {
      sim.count("resends");
      sim.trace(name + ": resend #" + n + " " + sent.get(rid));
      sim.toGroup(group, sent.get(rid));
      sim.after(sim.config.resendAfterMicros() + sim.random.nextLong(1, 10_000), () -> resend(rid));
    }
  }

  // ---- replies ----

  void deliver(Msg m) {
    if (crashed) {
      return;
    }
    if (m instanceof Msg.Gone g) {
      if (phase == Phase.READING && g.txn().equals(txn)) {
        failed("GONE");
      }
      return;
    }
    long rid = switch (m) {
      case Msg.ReadOk r -> r.requestId();
      case Msg.Prepared p -> p.requestId();
      case Msg.Decided d -> d.requestId();
      case Msg.Refused r -> r.requestId();
      default -> throw new IllegalStateException("a driver got " + m);
    };
    Long from = outstanding.remove(rid);
    if (from == null) {
      return; // a late or duplicated answer to an earlier request
    }
    switch (m) {
      case Msg.ReadOk r -> {
        Op o = plan.get(op);
        long g = groupOf(o);
        PriorGrants before = grants.getOrDefault(g, PriorGrants.NONE);
        if (sim.config.breakage() == TxnSimConfig.Breakage.GRANT_COUNTS_ONLY) {
          before = new PriorGrants(r.leadershipId(), before.count());
        }
        if (before.count() > 0 && before.leadershipId() != r.leadershipId()) {
          failed("LOCKS_LOST"); // the earlier locks here died with their leadership
          return;
        }
        grants.put(g, before.plusOne(r.leadershipId()));
        sim.history.read(txn, o.scan() == null ? KeySpan.point(o.key()) : o.scan(), g, r.value());
        op++;
        nextOp();
      }
      case Msg.Prepared p -> {
        prepareMicros.put(from, p.prepareMicros());
        if (prepareMicros.size() == participants.size()) {
          sendCommit(pendingWrites);
        }
      }
      case Msg.Decided d -> decided(d.committed(), d.commitMicros());
      case Msg.Refused r -> {
        if ((r.reason().equals("NOT_SERVING") || r.reason().equals("LEADER_CHANGED"))
            && resends.getOrDefault(rid, 0) < RESENDS_MAX) {
          outstanding.put(rid, from); // the leader moves: ask again
          sim.after(sim.random.nextLong(1, 100_000), () -> resend(rid));
        } else {
          failed(r.reason());
        }
      }
      default -> throw new IllegalStateException();
    }
  }

  private void decided(boolean committed, long commitMicros) {
    sim.trace(name + ": " + txn + (committed ? " committed at " + commitMicros : " aborted by its coordinator"));
    for (long p : participants) {
      sim.toGroup(p, new Msg.Outcome(txn, committed, commitMicros));
    }
    phase = Phase.IDLE;
    outstanding.clear();
    if (committed) {
      sim.history.committed(txn, commitMicros, sim.nowMicros());
      sim.after(sim.random.nextLong(sim.config.thinkMaxMicros() + 1), this::nextTransaction);
    } else {
      sim.history.aborted(txn, failure.isEmpty() ? "DECIDED_ABORT first" : "DECIDED_ABORT after " + failure);
      retry();
    }
  }

  private void failed(String reason) {
    sim.trace(name + ": " + txn + " failed while " + phase + ": " + reason);
    for (long g : contacted) {
      sim.toGroup(g, new Msg.Rollback(txn));
    }
    outstanding.clear();
    switch (phase) {
      case READING -> {
        sim.history.aborted(txn, reason);
        phase = Phase.IDLE;
        retry();
      }
      case PREPARING, COMMITTING -> {
        // Something may be prepared, or even committed: the coordinator decides.
        sim.history.note(txn, reason);
        failure = phase + " " + reason;
        phase = Phase.RESOLVING;
        resolveTries = 0;
        resolve();
      }
      case RESOLVING -> {
        if (++resolveTries < sim.config.retriesMax()) {
          sim.after(sim.random.nextLong(1, 50_000), this::resolve);
        } else {
          sim.history.aborted(txn, "OUTCOME_UNKNOWN");
          phase = Phase.IDLE;
          sim.after(sim.random.nextLong(sim.config.thinkMaxMicros() + 1), this::nextTransaction);
        }
      }
      case IDLE, BETWEEN -> throw new IllegalStateException(name + " failed while " + phase);
    }
  }

  private void resolve() {
    if (crashed || phase != Phase.RESOLVING) {
      return;
    }
    send(coordinator, rid -> new Msg.Decide(id, rid, txn));
  }

  private void retry() {
    if (++retries > sim.config.retriesMax()) {
      sim.history.gaveUp(txn);
      sim.after(sim.random.nextLong(sim.config.thinkMaxMicros() + 1), this::nextTransaction);
      return;
    }
    txn = txn.retry();
    phase = Phase.BETWEEN;
    sim.after(sim.random.nextLong(1, 20_000 * retries), () -> {
      if (!crashed) {
        beginAttempt();
      }
    });
  }

  private void heartbeat() {
    if (crashed) {
      return;
    }
    if (phase == Phase.READING || phase == Phase.PREPARING || phase == Phase.COMMITTING) {
      for (long g : contacted) {
        sim.toGroup(g, new Msg.Heartbeat(id, txn));
      }
    }
    if (sim.running()) {
      sim.after(sim.config.limits().idleMicros() / 4, this::heartbeat);
    }
  }
}

package meridian.tests.sim.txn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meridian.txn.Applied;
import meridian.txn.Decision;
import meridian.txn.KeySpan;
import meridian.txn.LeaderTxns;
import meridian.txn.PriorGrants;
import meridian.txn.TxnEffect;
import meridian.txn.TxnId;
import meridian.txn.TxnRecord;

/**
 * One group: an abstract replicated log (a leader proposes, entries are chosen after a random
 * delay, in order, with Paxos timestamps {@code max(lastAssigned + 1, now.latest, floor)}), three
 * replicas applying it, and the host around the leader's {@link LeaderTxns}: it turns messages into
 * core calls and the core's effects into proposals and replies, like the server's host will.
 */
final class SimGroup {
  /** A chosen entry. {@code epoch} and {@code hostId} name the leadership and request that proposed it. */
  record Entry(int index, long tsMicros, TxnRecord record, long epoch, long hostId) {}

  private record Pending(long tsMicros, TxnRecord record, long hostId, long chosenAtMicros) {}

  /** Who waits for an answer from this leadership: a driver's request, or a group's inquiry. */
  private record Waiter(Msg.Request request, long inquiringGroup) {}

  final long id;
  final List<SimReplica> replicas = new ArrayList<>();
  // Invariant: timestamps strictly increase along the log.
  final List<Entry> log = new ArrayList<>();
  private final TxnSim sim;
  private int leader;
  // Increases at every leader change; proposals and continuations of an older epoch are void.
  private long epoch;
  // Null until the leader has applied every chosen entry (and while no replica leads).
  private LeaderTxns txns;
  private long lastAssignedMicros;
  private long lastChosenAtMicros;
  private final ArrayDeque<Pending> inflight = new ArrayDeque<>();
  private final Map<Long, Waiter> waiters = new LinkedHashMap<>();
  // Requests this leadership has seen: the host drops duplicates (a new leader cannot know them).
  private final Set<String> seen = new HashSet<>();
  private long nextHostId = 1;

  SimGroup(TxnSim sim, long id) {
    this.sim = sim;
    this.id = id;
    for (int r = 0; r < 3; r++) {
      replicas.add(new SimReplica("g" + id + "r" + r));
    }
  }

  void start() {
    leader = sim.random.nextInt(3);
    becomeServing(epoch);
    sim.at(sim.nowMicros() + sim.tickMicros(), this::tick);
  }

  String leaderNode() {
    return replicas.get(leader).node;
  }

  SimReplica leaderReplica() {
    return replicas.get(leader);
  }

  LeaderTxns leaderTxns() {
    return txns;
  }

  void checkInvariants() {
    if (txns != null) {
      txns.checkInvariants();
    }
    for (SimReplica r : replicas) {
      r.state.checkInvariants();
    }
  }

  // ---- leadership ----

  /**
   * The leader crashes ({@code crash}: it answers nothing more) or hands over. Each in-flight
   * proposal is chosen (before the new leader's first entry) or lost, at random; the new leader
   * serves after applying every chosen entry.
   */
  void changeLeader(boolean crash) {
    List<Pending> pending = new ArrayList<>(inflight);
    inflight.clear();
    List<TxnId> lost = new ArrayList<>();
    for (Pending p : pending) {
      if (sim.random.nextBoolean()) {
        append(p);
      } else {
        lost.add(p.record().txn());
      }
    }
    if (txns != null) {
      for (TxnId t : lost) {
        txns.proposalFailed(t, sim.nowMicros());
      }
      txns.drain(); // a discarded leadership's effects go nowhere
    }
    if (!crash) {
      waiters.forEach((hostId, w) -> {
        if (w.request() != null) {
          sim.toDriver(w.request().driver(), new Msg.Refused(w.request().requestId(), "LEADER_CHANGED"));
        }
      });
    }
    int old = leader;
    leader = (leader + 1 + sim.random.nextInt(2)) % 3;
    epoch++;
    txns = null;
    waiters.clear();
    seen.clear();
    sim.trace("G" + id + ": leader " + replicas.get(old).node + (crash ? " crashed" : " handed over") + ", "
        + (pending.size() - lost.size()) + " in flight chosen, " + lost.size() + " lost; next " + leaderNode());
    scheduleFollowers();
    long e = epoch;
    sim.after(sim.random.nextLong(1_000, 200_000), () -> becomeServing(e));
  }

  private void becomeServing(long e) {
    if (e != epoch) {
      return;
    }
    SimReplica r = leaderReplica();
    while (r.appliedCount < log.size()) {
      r.apply(log.get(r.appliedCount), applyAtEntry());
    }
    lastAssignedMicros = log.isEmpty() ? 0 : log.getLast().tsMicros();
    lastChosenAtMicros = sim.nowMicros();
    txns = new LeaderTxns(sim.config.limits(), r.state, epoch, sim.nowMicros());
    sim.trace("G" + id + ": " + r.node + " serves, epoch " + epoch + ", " + r.state.prepared().size() + " prepared");
    handleEffects();
  }

  /** {@code TT.now().latest} at the leader (its {@code earliest} for the self-test's broken host). */
  private long latestMicros() {
    var now = sim.now(leaderNode());
    return sim.config.breakage() == TxnSimConfig.Breakage.TIMESTAMPS_FROM_EARLIEST
        ? now.earliestMicros()
        : now.latestMicros();
  }

  // ---- the log ----

  private void propose(TxnRecord record, long floorMicros, long hostId) {
    long ts = Math.max(Math.max(lastAssignedMicros + 1, latestMicros()), floorMicros);
    lastAssignedMicros = ts;
    long chosenAt = Math.max(lastChosenAtMicros, sim.nowMicros() + sim.random.nextLong(1, sim.config.paxosDelayMaxMicros()));
    lastChosenAtMicros = chosenAt;
    inflight.addLast(new Pending(ts, record, hostId, chosenAt));
    sim.trace("G" + id + ": propose @" + ts + " " + record);
    long e = epoch;
    sim.at(chosenAt, () -> chooseDue(e));
  }

  private void chooseDue(long e) {
    if (e != epoch) {
      return;
    }
    boolean any = false;
    while (!inflight.isEmpty() && inflight.peekFirst().chosenAtMicros() <= sim.nowMicros()) {
      append(inflight.removeFirst());
      any = true;
    }
    if (!any) {
      return;
    }
    SimReplica r = leaderReplica();
    while (r.appliedCount < log.size()) {
      Entry entry = log.get(r.appliedCount);
      Applied a = r.apply(entry, applyAtEntry());
      leaderApplied(entry, a);
    }
    scheduleFollowers();
  }

  private void append(Pending p) {
    if (!log.isEmpty() && p.tsMicros() <= log.getLast().tsMicros()) {
      throw new TxnSimFailure.Violation("G" + id + ": entry timestamp " + p.tsMicros() + " not above "
          + log.getLast().tsMicros());
    }
    log.add(new Entry(log.size(), p.tsMicros(), p.record(), epoch, p.hostId()));
    sim.trace("G" + id + ": chosen #" + (log.size() - 1) + " @" + p.tsMicros() + " " + p.record());
  }

  private void scheduleFollowers() {
    for (int i = 0; i < replicas.size(); i++) {
      if (i == leader) {
        continue;
      }
      SimReplica f = replicas.get(i);
      sim.after(sim.random.nextLong(sim.config.applyLagMaxMicros() + 1), () -> catchUp(f));
    }
  }

  private void catchUp(SimReplica r) {
    if (r == leaderReplica() && txns != null) {
      return; // the serving leader applies as entries are chosen
    }
    while (r.appliedCount < log.size()) {
      r.apply(log.get(r.appliedCount), applyAtEntry());
    }
  }

  /** End of the run: every replica applies every chosen entry. */
  void catchUpFollowers() {
    for (SimReplica r : replicas) {
      catchUp(r);
    }
  }

  private boolean applyAtEntry() {
    return sim.config.breakage() == TxnSimConfig.Breakage.APPLY_AT_OUTCOME_ENTRY;
  }

  // ---- the host ----

  private void tick() {
    if (txns != null) {
      txns.tick(sim.nowMicros());
      handleEffects();
    }
    if (sim.running()) {
      sim.after(sim.tickMicros(), this::tick);
    }
  }

  void deliver(Msg m) {
    long now = sim.nowMicros();
    if (txns == null) {
      if (m instanceof Msg.Request r) {
        sim.toDriver(r.driver(), new Msg.Refused(r.requestId(), "NOT_SERVING"));
      }
      return;
    }
    if (m instanceof Msg.Request r && !seen.add(r.driver() + ":" + r.requestId())) {
      return;
    }
    switch (m) {
      case Msg.Lock l -> txns.lock(waiter(l, 0), l.txn(), prior(l.priorGrants()), lockSpans(l.span()), l.mode(), now);
      case Msg.Prepare p -> txns.prepare(waiter(p, 0), p.txn(), prior(p.priorGrants()), p.writes(), p.coordinatorGroup(), now);
      case Msg.Commit c -> {
        long arrivalLatest = latestMicros();
        long maxPrepare = sim.config.breakage() == TxnSimConfig.Breakage.IGNORE_PREPARE_FLOOR ? 0 : c.maxPrepareMicros();
        txns.commit(waiter(c, 0), c.txn(), prior(c.priorGrants()), c.writes(), c.participants(), maxPrepare, arrivalLatest, now);
      }
      case Msg.Decide d -> decide(d.txn(), waiter(d, 0));
      case Msg.Inquiry q -> decide(q.txn(), waiter(null, q.fromGroup()));
      case Msg.Outcome o -> learnOutcome(o.txn(), o.committed(), o.commitMicros());
      case Msg.InquiryAnswer a -> learnOutcome(a.txn(), a.committed(), a.commitMicros());
      case Msg.Rollback r -> txns.rollback(r.txn(), now);
      case Msg.Heartbeat h -> {
        if (!txns.heartbeat(h.txn(), now)) {
          sim.toDriver(h.driver(), new Msg.Gone(h.txn()));
        }
      }
      default -> throw new IllegalStateException("a group got " + m);
    }
    handleEffects();
  }

  private List<KeySpan> lockSpans(KeySpan span) {
    if (span.isPoint() || sim.config.breakage() != TxnSimConfig.Breakage.POINT_LOCKS_FOR_SCANS) {
      return List.of(span);
    }
    var found = span.end() == null ? leaderReplica().mvcc.tailMap(span.start(), true)
        : leaderReplica().mvcc.subMap(span.start(), span.end());
    return found.keySet().stream().map(KeySpan::point).toList();
  }

  /** The self-test's broken host passes the count on as if this leadership had granted it all. */
  private PriorGrants prior(PriorGrants p) {
    return sim.config.breakage() == TxnSimConfig.Breakage.GRANT_COUNTS_ONLY && p.count() > 0
        ? new PriorGrants(epoch, p.count())
        : p;
  }

  private long waiter(Msg.Request request, long inquiringGroup) {
    long hostId = nextHostId++;
    waiters.put(hostId, new Waiter(request, inquiringGroup));
    return hostId;
  }

  /** The coordinator answers from its decision, or decides abort first. */
  private void decide(TxnId txn, long hostId) {
    var decided = leaderReplica().state.decision(txn);
    if (decided.isPresent()) {
      answer(waiters.remove(hostId), txn, decided.get(), false);
    } else {
      propose(new TxnRecord.Abort(txn), 0, hostId);
    }
  }

  /** A participant learns the decision: it logs an Outcome if the transaction is prepared here. */
  private void learnOutcome(TxnId txn, boolean committed, long commitMicros) {
    if (leaderReplica().state.prepared(txn).isPresent()) {
      sim.count(committed ? "outcomesCommit" : "outcomesAbort");
      propose(new TxnRecord.Outcome(txn, committed, commitMicros), 0, 0);
    }
  }

  private void handleEffects() {
    for (TxnEffect effect : txns.drain()) {
      switch (effect) {
        case TxnEffect.Granted g -> {
          Msg.Lock l = (Msg.Lock) waiters.remove(g.requestId()).request();
          sim.toDriver(l.driver(), new Msg.ReadOk(l.requestId(), leaderReplica().read(l.span()), g.leadershipId()));
        }
        case TxnEffect.Failed f -> {
          sim.count("failed:" + f.reason());
          Waiter w = waiters.remove(f.requestId());
          if (w != null && w.request() != null) {
            sim.toDriver(w.request().driver(), new Msg.Refused(w.request().requestId(), f.reason().name()));
          }
        }
        case TxnEffect.Propose p -> propose(p.record(), p.floorMicros(), p.requestId());
        case TxnEffect.AlreadyPrepared a -> {
          Msg.Request r = waiters.remove(a.requestId()).request();
          sim.toDriver(r.driver(), new Msg.Prepared(r.requestId(), a.prepareMicros()));
        }
        case TxnEffect.Inquire q -> {
          sim.count("inquiries");
          sim.trace("G" + id + ": inquire G" + q.coordinatorGroup() + " about " + q.txn());
          sim.toGroup(q.coordinatorGroup(), new Msg.Inquiry(id, q.txn()));
        }
      }
    }
  }

  /** The serving leader applied {@code e}: tell the core, answer whoever waits for it. */
  private void leaderApplied(Entry e, Applied a) {
    if (txns == null) {
      return;
    }
    txns.applied(e.record(), e.tsMicros(), a, sim.nowMicros());
    Waiter w = e.epoch() == epoch ? waiters.remove(e.hostId()) : null;
    if (w != null) {
      switch (e.record()) {
        case TxnRecord.Prepare p -> sim.toDriver(w.request().driver(), leaderReplica().state.prepared(p.txn()).isPresent()
            ? new Msg.Prepared(w.request().requestId(), e.tsMicros())
            : new Msg.Refused(w.request().requestId(), "ALREADY_DECIDED"));
        case TxnRecord.Commit c -> answer(w, c.txn(), a.decision().orElseThrow(), true);
        case TxnRecord.Abort ab -> answer(w, ab.txn(), a.decision().orElseThrow(), false);
        case TxnRecord.Outcome o -> {}
        case TxnRecord.Forget f -> {}
      }
    }
    handleEffects();
  }

  /**
   * Answers a decision, after commit wait when it is a commit; {@code finish} tells the core the
   * commit wait of its own Commit is over.
   */
  private void answer(Waiter w, TxnId txn, Decision d, boolean finish) {
    if (w == null) {
      return;
    }
    if (!d.committed()) {
      reply(w, txn, d);
      return;
    }
    long e = epoch;
    Runnable waitThenReply = new Runnable() {
      @Override
      public void run() {
        if (e != epoch) {
          return; // this leadership is gone: it answers nothing more
        }
        boolean noWait = sim.config.breakage() == TxnSimConfig.Breakage.NO_COMMIT_WAIT;
        if (!noWait && !sim.after(leaderNode(), d.commitMicros())) {
          long wait = d.commitMicros() - sim.now(leaderNode()).earliestMicros() + 1;
          sim.after(Math.max(1, wait), this);
          return;
        }
        if (finish) {
          txns.finished(txn, sim.nowMicros());
          handleEffects();
        }
        reply(w, txn, d);
      }
    };
    waitThenReply.run();
  }

  private void reply(Waiter w, TxnId txn, Decision d) {
    if (w.request() != null) {
      sim.toDriver(w.request().driver(), new Msg.Decided(w.request().requestId(), d.committed(), d.commitMicros()));
    } else {
      sim.toGroup(w.inquiringGroup(), new Msg.InquiryAnswer(txn, d.committed(), d.commitMicros()));
    }
  }
}

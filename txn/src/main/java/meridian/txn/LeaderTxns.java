package meridian.txn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transaction state of one group's leader for one leadership: the lock table, the
 * transactions registered here, the requests waiting for locks, and wound-wait. Created when a
 * replica starts to lead and has applied its log (it re-takes the locks of every transaction that
 * is prepared in {@link GroupTxnState}); dropped when it stops leading, which loses the locks of
 * unprepared transactions (their drivers learn it as {@link AbortReason#LOCKS_LOST}).
 *
 * <p>Pure and single-threaded: inputs are method calls with the current time, outputs are {@link
 * TxnEffect}s, drained with {@link #drain()} after each input. Every request that fails ends its
 * transaction here (its locks are released and it is remembered as aborted for a while).
 */
public final class LeaderTxns {
  private final TxnLimits limits;
  private final GroupTxnState state;
  // Unique among the leaderships of this group (the host's Paxos ballot or leader term): drivers
  // name it when they come back, so grants of an earlier leadership are never taken for this one's.
  private final long leadershipId;
  private final LockTable locks;
  private final Map<TxnId, Live> live = new HashMap<>();
  // Aborted transactions and why, oldest first; bounded by tombstonesMax and tombstoneMicros.
  private final LinkedHashMap<TxnId, Tombstone> tombstones = new LinkedHashMap<>();
  // Invariant: every request here has acquired its spans before next, and waits on spans[next].
  private final List<Request> waiting = new ArrayList<>();
  private final List<TxnEffect> effects = new ArrayList<>();

  private enum Phase {
    /** Taking locks; may be wounded. */
    ACTIVE,
    /** Its Prepare or Commit record is proposed: no longer wounded, waits for the outcome. */
    DECIDING,
    /** Prepared here: holds its locks until the outcome is applied. */
    PREPARED,
    /** Committed by this coordinator: holds its locks until commit wait ends ({@link #finished}). */
    COMMITTED
  }

  private static final class Live {
    Phase phase = Phase.ACTIVE;
    // Invariant: the number of lock requests of this transaction granted here.
    int granted;
    long lastHeardMicros;
    long prepareMicros;
    long coordinatorGroup;
    long lastInquiryMicros;
  }

  private record Tombstone(AbortReason reason, long atMicros) {}

  private enum Kind {
    LOCK,
    PREPARE,
    COMMIT
  }

  private static final class Request {
    final long requestId;
    final TxnId txn;
    final Kind kind;
    final List<KeySpan> spans;
    final LockMode mode;
    final long deadlineMicros;
    // For PREPARE and COMMIT: the record to propose once the locks are held, and the floor.
    final TxnRecord record;
    final long floorMicros;
    int next;

    Request(long requestId, TxnId txn, Kind kind, List<KeySpan> spans, LockMode mode, long deadlineMicros, TxnRecord record, long floorMicros) {
      this.requestId = requestId;
      this.txn = txn;
      this.kind = kind;
      this.spans = spans;
      this.mode = mode;
      this.deadlineMicros = deadlineMicros;
      this.record = record;
      this.floorMicros = floorMicros;
    }
  }

  public LeaderTxns(TxnLimits limits, GroupTxnState state, long leadershipId, long nowMicros) {
    this.limits = limits;
    this.state = state;
    this.leadershipId = leadershipId;
    this.locks = new LockTable(limits.locksMax());
    for (PreparedTxn p : state.prepared()) {
      adoptPrepared(p, nowMicros);
    }
  }

  /**
   * A read's shared locks on {@code spans}. {@code priorGrants} is what the driver saw granted at
   * this group before this request ({@link PriorGrants#NONE} on first contact).
   */
  public void lock(long requestId, TxnId txn, PriorGrants priorGrants, List<KeySpan> spans, long nowMicros) {
    lock(requestId, txn, priorGrants, spans, LockMode.SHARED, nowMicros);
  }

  /**
   * Locks {@code spans} in {@code mode}. A transaction that spans groups takes the exclusive locks
   * of its writes at every group this way before any group prepares: so a prepared transaction
   * holds every lock it will need and waits for nothing (no deadlock among prepared transactions).
   */
  public void lock(long requestId, TxnId txn, PriorGrants priorGrants, List<KeySpan> spans, LockMode mode, long nowMicros) {
    if (admit(requestId, txn, priorGrants, false, nowMicros) != null) {
      start(new Request(requestId, txn, Kind.LOCK, List.copyOf(spans), mode, nowMicros + limits.lockWaitMicros(), null, 0), nowMicros);
      wake(nowMicros);
    }
  }

  /**
   * A participant's prepare: exclusive locks on the written keys, then a Prepare record whose
   * Paxos timestamp becomes the prepare timestamp. Prepare of a transaction already prepared here
   * answers with its timestamp again.
   */
  public void prepare(long requestId, TxnId txn, PriorGrants priorGrants, List<Write> writes, long coordinatorGroup, long nowMicros) {
    Live known = live.get(txn);
    if (known != null && known.phase == Phase.PREPARED) {
      effects.add(new TxnEffect.AlreadyPrepared(requestId, known.prepareMicros));
      return;
    }
    Live t = admit(requestId, txn, priorGrants, true, nowMicros);
    if (t != null) {
      t.coordinatorGroup = coordinatorGroup;
      TxnRecord.Prepare record = new TxnRecord.Prepare(txn, coordinatorGroup, writes, List.of());
      start(new Request(requestId, txn, Kind.PREPARE, writeSpans(writes), LockMode.EXCLUSIVE, nowMicros + limits.lockWaitMicros(), record, 0), nowMicros);
      wake(nowMicros);
    }
  }

  /**
   * The coordinator's commit (or a single group's): exclusive locks on its own writes, then a
   * Commit record at a timestamp of at least {@link CommitTimestamps#commitFloorMicros}.
   */
  public void commit(
      long requestId,
      TxnId txn,
      PriorGrants priorGrants,
      List<Write> writes,
      List<Long> participants,
      long maxPrepareMicros,
      long arrivalLatestMicros,
      long nowMicros) {
    if (admit(requestId, txn, priorGrants, true, nowMicros) != null) {
      TxnRecord.Commit record = new TxnRecord.Commit(txn, writes, participants);
      long floor = CommitTimestamps.commitFloorMicros(maxPrepareMicros, arrivalLatestMicros);
      start(new Request(requestId, txn, Kind.COMMIT, writeSpans(writes), LockMode.EXCLUSIVE, nowMicros + limits.lockWaitMicros(), record, floor), nowMicros);
      wake(nowMicros);
    }
  }

  /** The driver is still there. Returns false when the transaction is not (or no longer) live here. */
  public boolean heartbeat(TxnId txn, long nowMicros) {
    Live t = live.get(txn);
    if (t == null) {
      return false;
    }
    t.lastHeardMicros = nowMicros;
    return true;
  }

  /** The driver rolled the transaction back: release what it holds unless it is deciding. */
  public void rollback(TxnId txn, long nowMicros) {
    Live t = live.get(txn);
    if (t != null && t.phase == Phase.ACTIVE) {
      end(txn, AbortReason.ROLLED_BACK, "rolled back by its driver", nowMicros);
      wake(nowMicros);
    }
  }

  /** Why {@code txn} was aborted here, if it was, recently. */
  public Optional<AbortReason> abortReason(TxnId txn) {
    return Optional.ofNullable(tombstones.get(txn)).map(Tombstone::reason);
  }

  /**
   * A proposal this leadership made for {@code txn} will not be applied by it (the host lost the
   * leadership or Paxos refused it): the transaction's fate is in the log, not here.
   */
  public void proposalFailed(TxnId txn, long nowMicros) {
    Live t = live.get(txn);
    if (t != null && t.phase == Phase.DECIDING) {
      end(txn, AbortReason.LOCKS_LOST, "its record was not chosen under this leadership", nowMicros);
    }
  }

  /**
   * A record was applied (by any leadership's proposal); {@code applied} is what it meant. Call it
   * for every applied {@link TxnRecord} while this leadership lasts.
   */
  public void applied(TxnRecord record, long entryMicros, Applied applied, long nowMicros) {
    switch (record) {
      case TxnRecord.Prepare p -> {
        Live t = live.get(p.txn());
        if (t == null) {
          state.prepared(p.txn()).ifPresent(prepared -> adoptPrepared(prepared, nowMicros));
        } else if (state.prepared(p.txn()).isEmpty()) {
          // The state ignored this Prepare: the transaction was decided here first.
          end(p.txn(), AbortReason.ALREADY_DECIDED, "decided here before its prepare was applied", nowMicros);
        } else {
          t.phase = Phase.PREPARED;
          t.prepareMicros = entryMicros;
          t.lastInquiryMicros = nowMicros;
        }
      }
      case TxnRecord.Commit c -> {
        boolean committed = applied.decision().map(Decision::committed).orElse(false);
        Live t = live.get(c.txn());
        if (committed && t != null) {
          t.phase = Phase.COMMITTED;
        } else if (!committed) {
          end(c.txn(), AbortReason.DECIDED_ABORT, "the coordinator had decided to abort", nowMicros);
        }
      }
      case TxnRecord.Abort a -> {
        if (!applied.decision().map(Decision::committed).orElse(false)) {
          end(a.txn(), AbortReason.DECIDED_ABORT, "the coordinator decided to abort", nowMicros);
        }
      }
      case TxnRecord.Forget f -> {}
      case TxnRecord.Outcome o -> {
        if (o.committed()) {
          release(o.txn());
        } else {
          end(o.txn(), AbortReason.DECIDED_ABORT, "the coordinator decided to abort", nowMicros);
        }
      }
    }
    wake(nowMicros);
  }

  /** The coordinator's commit wait for {@code txn} is over: release its locks. */
  public void finished(TxnId txn, long nowMicros) {
    Live t = live.get(txn);
    if (t != null && t.phase == Phase.COMMITTED) {
      release(txn);
      wake(nowMicros);
    }
  }

  /** Time passes: lock waits and idle transactions time out; stranded prepares ask the coordinator. */
  public void tick(long nowMicros) {
    for (Request r : List.copyOf(waiting)) {
      if (r.deadlineMicros <= nowMicros && waiting.contains(r)) {
        end(r.txn, AbortReason.LOCK_TIMEOUT, "waited " + limits.lockWaitMicros() / 1000 + " ms for a lock", nowMicros);
      }
    }
    List<TxnId> idle = new ArrayList<>();
    live.forEach((txn, t) -> {
      if (t.phase == Phase.ACTIVE && nowMicros - t.lastHeardMicros > limits.idleMicros()) {
        idle.add(txn);
      } else if (t.phase == Phase.PREPARED && nowMicros - t.lastInquiryMicros >= limits.inquiryMicros()) {
        t.lastInquiryMicros = nowMicros;
        effects.add(new TxnEffect.Inquire(txn, t.coordinatorGroup));
      }
    });
    for (TxnId txn : idle) {
      end(txn, AbortReason.IDLE, "its driver was silent for " + limits.idleMicros() / 1000 + " ms", nowMicros);
    }
    for (Iterator<Tombstone> it = tombstones.values().iterator(); it.hasNext(); ) {
      if (nowMicros - it.next().atMicros() <= limits.tombstoneMicros()) {
        break;
      }
      it.remove();
    }
    wake(nowMicros);
  }

  /** The effects accumulated since the last call. */
  public List<TxnEffect> drain() {
    List<TxnEffect> out = List.copyOf(effects);
    effects.clear();
    return out;
  }

  public int liveCount() {
    return live.size();
  }

  public int waitingCount() {
    return waiting.size();
  }

  /** Locks held at this leader, for simulation and metrics. */
  public int lockCount() {
    return locks.lockCount();
  }

  /** For simulation: throws when an invariant is broken. */
  public void checkInvariants() {
    locks.checkInvariants();
    for (Request r : waiting) {
      if (!live.containsKey(r.txn)) {
        throw new IllegalStateException("request " + r.requestId + " waits for a transaction that is not live: " + r.txn);
      }
    }
    for (PreparedTxn p : state.prepared()) {
      Live t = live.get(p.txn());
      if (t == null || t.phase != Phase.PREPARED) {
        throw new IllegalStateException(p.txn() + " is prepared but its leader does not hold it as prepared");
      }
    }
  }

  // ---- internals ----

  /** Registers or checks the transaction; returns null (after failing the request) if it may not go on. */
  private Live admit(long requestId, TxnId txn, PriorGrants prior, boolean exact, long nowMicros) {
    Tombstone dead = tombstones.get(txn);
    if (dead != null) {
      effects.add(new TxnEffect.Failed(requestId, txn, dead.reason(), "aborted here before"));
      return null;
    }
    Live t = live.get(txn);
    if (t == null && state.decidedHere(txn)) {
      // A resent or duplicated request of a finished transaction: a committed participant or
      // coordinator leaves no tombstone, and a new leader has none at all. Registering it again
      // would re-take locks, and a Prepare would prepare it a second time above its commit timestamp.
      effects.add(new TxnEffect.Failed(requestId, txn, AbortReason.ALREADY_DECIDED, "decided here before"));
      return null;
    }
    if (prior.count() > 0 && prior.leadershipId() != leadershipId) {
      // Its earlier locks died with another leadership. A resent request of it may have been
      // granted here meanwhile, so the counts could match: the leadership is what tells.
      String detail = "its " + prior.count() + " earlier locks were granted by leadership " + prior.leadershipId()
          + ", this is " + leadershipId;
      if (t != null && t.phase == Phase.ACTIVE) {
        end(txn, AbortReason.LOCKS_LOST, detail, nowMicros);
      }
      effects.add(new TxnEffect.Failed(requestId, txn, AbortReason.LOCKS_LOST, detail));
      return null;
    }
    if (t == null) {
      if (prior.count() > 0) {
        fail(requestId, txn, AbortReason.LOCKS_LOST, "this leader holds none of its " + prior.count() + " earlier locks", nowMicros);
        return null;
      }
      if (live.size() >= limits.txnsMax()) {
        fail(requestId, txn, AbortReason.TOO_MANY_LOCKS, limits.txnsMax() + " transactions are live here", nowMicros);
        return null;
      }
      t = new Live();
      live.put(txn, t);
    } else if (t.phase != Phase.ACTIVE) {
      effects.add(new TxnEffect.Failed(requestId, txn, AbortReason.LOCKS_LOST, "already " + t.phase.name().toLowerCase()));
      return null;
    } else if (exact && t.granted != prior.count()) {
      end(txn, AbortReason.LOCKS_LOST, "the driver saw " + prior.count() + " lock grants here, this leader " + t.granted, nowMicros);
      effects.add(new TxnEffect.Failed(requestId, txn, AbortReason.LOCKS_LOST, "lock grants do not match"));
      return null;
    }
    t.lastHeardMicros = nowMicros;
    return t;
  }

  private void start(Request r, long nowMicros) {
    if (!advance(r, nowMicros)) {
      if (waiting.size() >= limits.waitersMax()) {
        end(r.txn, AbortReason.TOO_MANY_LOCKS, limits.waitersMax() + " requests already wait for locks", nowMicros);
        effects.add(new TxnEffect.Failed(r.requestId, r.txn, AbortReason.TOO_MANY_LOCKS, "waiting list full"));
        return;
      }
      waiting.add(r);
    }
  }

  /**
   * Takes the request's remaining locks, wounding younger unprepared holders. Returns true when the
   * request is finished (granted, proposed or failed), false when it must wait.
   */
  private boolean advance(Request r, long nowMicros) {
    while (r.next < r.spans.size()) {
      switch (locks.tryAcquire(r.txn, r.spans.get(r.next), r.mode)) {
        case LockTable.Attempt.Granted g -> r.next++;
        case LockTable.Attempt.Full full -> {
          waiting.remove(r);
          fail(r.requestId, r.txn, AbortReason.TOO_MANY_LOCKS, "the lock table holds " + full.locksMax() + " locks", nowMicros);
          return true;
        }
        case LockTable.Attempt.Conflict conflict -> {
          boolean wounded = false;
          for (TxnId holder : conflict.holders().stream().sorted(Comparator.reverseOrder()).toList()) {
            Live h = live.get(holder);
            if (r.txn.isOlderThan(holder) && h != null && h.phase == Phase.ACTIVE) {
              end(holder, AbortReason.WOUNDED, "wounded by older " + r.txn, nowMicros);
              wounded = true;
            }
          }
          if (!wounded) {
            return false;
          }
        }
      }
    }
    complete(r);
    return true;
  }

  private void complete(Request r) {
    Live t = live.get(r.txn);
    switch (r.kind) {
      case LOCK -> {
        t.granted++;
        effects.add(new TxnEffect.Granted(r.requestId, leadershipId));
      }
      case PREPARE -> {
        t.phase = Phase.DECIDING;
        TxnRecord.Prepare p = (TxnRecord.Prepare) r.record;
        effects.add(new TxnEffect.Propose(r.requestId, new TxnRecord.Prepare(r.txn, p.coordinatorGroup(), p.writes(), locks.heldBy(r.txn)), 0));
      }
      case COMMIT -> {
        t.phase = Phase.DECIDING;
        effects.add(new TxnEffect.Propose(r.requestId, r.record, r.floorMicros));
      }
    }
  }

  /** Locks were released: waiting requests, oldest first, try again. */
  private void wake(long nowMicros) {
    boolean progress = true;
    while (progress && !waiting.isEmpty()) {
      progress = false;
      List<Request> byAge = waiting.stream().sorted(Comparator.comparing((Request r) -> r.txn)).toList();
      for (Request r : byAge) {
        if (waiting.contains(r) && advance(r, nowMicros)) {
          waiting.remove(r);
          progress = true;
        }
      }
    }
  }

  /** Ends a transaction here: releases its locks, fails its waiting requests, remembers why. */
  private void end(TxnId txn, AbortReason reason, String detail, long nowMicros) {
    for (Iterator<Request> it = waiting.iterator(); it.hasNext(); ) {
      Request r = it.next();
      if (r.txn.equals(txn)) {
        it.remove();
        effects.add(new TxnEffect.Failed(r.requestId, txn, reason, detail));
      }
    }
    release(txn);
    tombstones.remove(txn);
    tombstones.put(txn, new Tombstone(reason, nowMicros));
    if (tombstones.size() > limits.tombstonesMax()) {
      tombstones.remove(tombstones.keySet().iterator().next());
    }
  }

  private void fail(long requestId, TxnId txn, AbortReason reason, String detail, long nowMicros) {
    effects.add(new TxnEffect.Failed(requestId, txn, reason, detail));
    end(txn, reason, detail, nowMicros);
  }

  private void release(TxnId txn) {
    live.remove(txn);
    locks.releaseAll(txn);
  }

  /** Takes the locks of a transaction prepared in the log (a new leader, or an older leadership's entry). */
  private void adoptPrepared(PreparedTxn p, long nowMicros) {
    for (HeldLock held : p.locks()) {
      if (!(locks.tryAcquire(p.txn(), held.span(), held.mode()) instanceof LockTable.Attempt.Granted)) {
        throw new IllegalStateException("prepared " + p.txn() + " cannot re-take its lock on " + held.span());
      }
    }
    Live t = live.computeIfAbsent(p.txn(), x -> new Live());
    t.phase = Phase.PREPARED;
    t.prepareMicros = p.prepareMicros();
    t.coordinatorGroup = p.coordinatorGroup();
    t.lastHeardMicros = nowMicros;
    t.lastInquiryMicros = nowMicros;
  }

  private static List<KeySpan> writeSpans(List<Write> writes) {
    return writes.stream().map(w -> KeySpan.point(w.key())).distinct().toList();
  }
}

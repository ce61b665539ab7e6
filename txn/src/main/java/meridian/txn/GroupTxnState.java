package meridian.txn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated transaction state of one group, built by applying {@link TxnRecord}s in log order:
 * identical at every replica that applied the same entries. It knows which transactions are
 * prepared here (and so {@code t_TM_safe}) and, as a coordinator, how it decided each transaction.
 * Not thread-safe; owned by the group's host.
 */
public final class GroupTxnState {
  /**
   * How long (in log time) an abort or a single-group commit decision is kept. Only a commit call
   * still in flight asks about those, and every such call gives up after well under a minute.
   */
  public static final long DECISION_RETENTION_MICROS = 10L * 60 * 1_000_000;

  private final Map<TxnId, PreparedTxn> prepared = new HashMap<>();
  // Invariant: holds each prepared transaction's prepare timestamp, with multiplicity.
  private final TreeMap<Long, Integer> prepareTimestamps = new TreeMap<>();
  private final Map<TxnId, Decision> decisions = new HashMap<>();
  // Decisions that expire, by the log time after which they are dropped: aborts and single-group
  // commits (only the driver's own commit call asks about those, within seconds). A commit with
  // other participants stays until a Forget record says they all applied it.
  private final Expiries decisionExpiries = new Expiries();
  // Decisions dropped by the last apply, for the host to delete from storage.
  private final List<TxnId> forgotten = new ArrayList<>();
  // The outcomes this group logged as a participant. A Prepare of one of these transactions (a
  // resent or duplicated prepare that reached a leader after the outcome) must not prepare it again:
  // it would re-take its locks and, for a commit, get an Outcome at s below the new prepare
  // timestamp. Kept for DECISION_RETENTION_MICROS of log time, like expiring decisions (by then
  // every resent prepare has long passed its deadline).
  private final Map<TxnId, Boolean> outcomes = new HashMap<>();
  private final Expiries outcomeExpiries = new Expiries();
  private final List<TxnId> forgottenOutcomes = new ArrayList<>();
  // Invariant: the largest commit timestamp applied here (0 when none); never decreases.
  private long lastCommitMicros;

  /**
   * Applies {@code record}, chosen at log position with Paxos timestamp {@code entryMicros}, and says
   * what to write. Deterministic.
   */
  public Applied apply(TxnRecord record, long entryMicros) {
    expireBefore(entryMicros);
    return switch (record) {
      case TxnRecord.Prepare p -> {
        if (!prepared.containsKey(p.txn()) && !outcomes.containsKey(p.txn())) {
          prepared.put(p.txn(), new PreparedTxn(p.txn(), entryMicros, p.coordinatorGroup(), p.writes(), p.locks()));
          prepareTimestamps.merge(entryMicros, 1, Integer::sum);
        }
        yield Applied.NOTHING;
      }
      case TxnRecord.Commit c -> {
        Decision earlier = decisions.get(c.txn());
        if (earlier != null) {
          yield Applied.decided(earlier);
        }
        Decision decision = Decision.committedAt(entryMicros);
        decisions.put(c.txn(), decision);
        if (c.participants().isEmpty()) {
          decisionExpiries.add(c.txn(), entryMicros + DECISION_RETENTION_MICROS);
        }
        lastCommitMicros = Math.max(lastCommitMicros, entryMicros);
        yield new Applied(c.writes(), entryMicros, Optional.of(decision));
      }
      case TxnRecord.Abort a -> {
        Decision earlier = decisions.get(a.txn());
        if (earlier != null) {
          yield Applied.decided(earlier);
        }
        decisions.put(a.txn(), Decision.ABORTED);
        decisionExpiries.add(a.txn(), entryMicros + DECISION_RETENTION_MICROS);
        yield Applied.decided(Decision.ABORTED);
      }
      case TxnRecord.Forget f -> {
        if (decisions.remove(f.txn()) != null) {
          forgotten.add(f.txn());
        }
        decisionExpiries.remove(f.txn());
        yield Applied.NOTHING;
      }
      case TxnRecord.Outcome o -> {
        if (outcomes.putIfAbsent(o.txn(), o.committed()) == null) {
          outcomeExpiries.add(o.txn(), entryMicros + DECISION_RETENTION_MICROS);
        }
        PreparedTxn p = prepared.remove(o.txn());
        if (p == null) {
          yield Applied.NOTHING;
        }
        prepareTimestamps.computeIfPresent(p.prepareMicros(), (ts, n) -> n == 1 ? null : n - 1);
        if (!o.committed()) {
          yield Applied.NOTHING;
        }
        if (o.commitMicros() < p.prepareMicros()) {
          throw new IllegalStateException(
              o.txn() + " committed at " + o.commitMicros() + " below its prepare timestamp " + p.prepareMicros());
        }
        lastCommitMicros = Math.max(lastCommitMicros, o.commitMicros());
        yield new Applied(p.writes(), o.commitMicros(), Optional.empty());
      }
    };
  }

  /** Restores a prepared transaction read back from storage (a restart). */
  public void restorePrepared(PreparedTxn p) {
    if (prepared.put(p.txn(), p) == null) {
      prepareTimestamps.merge(p.prepareMicros(), 1, Integer::sum);
    }
  }

  /**
   * Restores a decision read back from storage (a restart); {@code expiresMicros} is 0 for one kept
   * until forgotten.
   */
  public void restoreDecision(TxnId txn, Decision decision, long expiresMicros) {
    decisions.put(txn, decision);
    if (expiresMicros > 0) {
      decisionExpiries.add(txn, expiresMicros);
    }
    if (decision.committed()) {
      lastCommitMicros = Math.max(lastCommitMicros, decision.commitMicros());
    }
  }

  /** Restores the largest commit timestamp applied (a restart). */
  public void restoreLastCommit(long micros) {
    lastCommitMicros = Math.max(lastCommitMicros, micros);
  }

  /**
   * {@code t_TM_safe}: one below the smallest prepare timestamp of a transaction prepared here and
   * not yet decided, or {@link Long#MAX_VALUE} when there is none.
   */
  public long tmSafeMicros() {
    return prepareTimestamps.isEmpty() ? Long.MAX_VALUE : prepareTimestamps.firstKey() - 1;
  }

  /** The log time after which {@code txn}'s decision is dropped, 0 if it is kept until forgotten. */
  public long decisionExpiryMicros(TxnId txn) {
    return decisionExpiries.timeOf(txn);
  }

  /** Decisions dropped since the last call (by expiry or a Forget record). */
  public List<TxnId> drainForgotten() {
    List<TxnId> out = List.copyOf(forgotten);
    forgotten.clear();
    return out;
  }

  /** Restores an outcome this group logged as a participant (a restart), with its expiry. */
  public void restoreOutcome(TxnId txn, boolean committed, long expiresMicros) {
    outcomes.put(txn, committed);
    outcomeExpiries.add(txn, expiresMicros);
  }

  /** The logged outcome of {@code txn} here, with the log time it is forgotten after. */
  public Optional<Boolean> outcome(TxnId txn) {
    return Optional.ofNullable(outcomes.get(txn));
  }

  public long outcomeExpiryMicros(TxnId txn) {
    return outcomeExpiries.timeOf(txn);
  }

  /** Outcomes dropped since the last call (by expiry). */
  public List<TxnId> drainForgottenOutcomes() {
    List<TxnId> out = List.copyOf(forgottenOutcomes);
    forgottenOutcomes.clear();
    return out;
  }

  /** Drops the decisions whose retention ended before log time {@code micros}: deterministic. */
  private void expireBefore(long micros) {
    for (TxnId txn : outcomeExpiries.removeBefore(micros)) {
      outcomes.remove(txn);
      forgottenOutcomes.add(txn);
    }
    for (TxnId txn : decisionExpiries.removeBefore(micros)) {
      decisions.remove(txn);
      forgotten.add(txn);
    }
  }


  public Optional<Decision> decision(TxnId txn) {
    return Optional.ofNullable(decisions.get(txn));
  }

  /**
   * True when this group has decided {@code txn}: as its coordinator, or as a participant that
   * logged its outcome. A leader refuses any further request of such a transaction.
   */
  public boolean decidedHere(TxnId txn) {
    return decisions.containsKey(txn) || outcomes.containsKey(txn);
  }

  public Optional<PreparedTxn> prepared(TxnId txn) {
    return Optional.ofNullable(prepared.get(txn));
  }

  public Collection<PreparedTxn> prepared() {
    return Collections.unmodifiableCollection(prepared.values());
  }

  public int decisionCount() {
    return decisions.size();
  }

  /** The largest commit timestamp applied here: a strong read of this group alone may use it. */
  public long lastCommitMicros() {
    return lastCommitMicros;
  }

  /** For simulation: throws when an invariant is broken. */
  public void checkInvariants() {
    int count = prepareTimestamps.values().stream().mapToInt(Integer::intValue).sum();
    if (count != prepared.size()) {
      throw new IllegalStateException(prepared.size() + " prepared but " + count + " prepare timestamps");
    }
  }
}

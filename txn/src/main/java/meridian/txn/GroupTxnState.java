package meridian.txn;

import java.util.Collection;
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
  private final Map<TxnId, PreparedTxn> prepared = new HashMap<>();
  // Invariant: holds each prepared transaction's prepare timestamp, with multiplicity.
  private final TreeMap<Long, Integer> prepareTimestamps = new TreeMap<>();
  private final Map<TxnId, Decision> decisions = new HashMap<>();
  // The outcomes this group logged as a participant. A Prepare of one of these transactions (a
  // resent or duplicated prepare that reached a leader after the outcome) must not prepare it again:
  // it would re-take its locks and, for a commit, get an Outcome at s below the new prepare
  // timestamp. Grows like decisions (both need a horizon to be forgotten behind; not done yet).
  private final Map<TxnId, Boolean> outcomes = new HashMap<>();
  // Invariant: the largest commit timestamp applied here (0 when none); never decreases.
  private long lastCommitMicros;

  /**
   * Applies {@code record}, chosen at log position with Paxos timestamp {@code entryMicros}, and says
   * what to write. Deterministic.
   */
  public Applied apply(TxnRecord record, long entryMicros) {
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
        lastCommitMicros = Math.max(lastCommitMicros, entryMicros);
        yield new Applied(c.writes(), entryMicros, Optional.of(decision));
      }
      case TxnRecord.Abort a -> Applied.decided(decisions.computeIfAbsent(a.txn(), t -> Decision.ABORTED));
      case TxnRecord.Outcome o -> {
        outcomes.putIfAbsent(o.txn(), o.committed());
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

  /**
   * {@code t_TM_safe}: one below the smallest prepare timestamp of a transaction prepared here and
   * not yet decided, or {@link Long#MAX_VALUE} when there is none.
   */
  public long tmSafeMicros() {
    return prepareTimestamps.isEmpty() ? Long.MAX_VALUE : prepareTimestamps.firstKey() - 1;
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

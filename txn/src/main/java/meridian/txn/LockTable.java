package meridian.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The locks held at one group's leader: shared and exclusive locks on single keys and on key
 * ranges (shared: scans; exclusive: a range split, which must keep every writer out of the part it
 * splits off). A data structure only: who waits and who is wounded is decided by {@link
 * LeaderTxns}. Not thread-safe; owned by the group's single-threaded host.
 */
public final class LockTable {
  private final int locksMax;
  // Invariant: a key with an EXCLUSIVE holder has no other holder, and no other transaction's range
  // lock covers it; an EXCLUSIVE range lock overlaps no other transaction's lock.
  private final TreeMap<Key, Map<TxnId, LockMode>> points = new TreeMap<>();
  private final List<RangeLock> ranges = new ArrayList<>();
  private final Map<TxnId, Held> held = new HashMap<>();
  // Invariant: the number of (transaction, key) point locks plus range locks.
  private int lockCount;

  private record RangeLock(TxnId txn, KeySpan span, LockMode mode) {}

  /** What one transaction holds here, in the order it took it. */
  private static final class Held {
    final Set<Key> points = new LinkedHashSet<>();
    final List<RangeLock> ranges = new ArrayList<>();
  }

  public LockTable(int locksMax) {
    if (locksMax <= 0) {
      throw new IllegalArgumentException("locksMax must be positive");
    }
    this.locksMax = locksMax;
  }

  /** The outcome of {@link #tryAcquire}. */
  public sealed interface Attempt {
    record Granted() implements Attempt {}

    /** Other transactions hold conflicting locks (never empty). */
    record Conflict(Set<TxnId> holders) implements Attempt {}

    /** The table holds {@code locksMax} locks already. */
    record Full(int locksMax) implements Attempt {}
  }

  /**
   * Takes {@code mode} on {@code span} for {@code txn} if no other transaction holds a conflicting
   * lock; otherwise changes nothing. A transaction's own locks never conflict with it (a shared
   * lock on a key is upgraded in place; range locks are kept side by side).
   */
  public Attempt tryAcquire(TxnId txn, KeySpan span, LockMode mode) {
    Set<TxnId> conflicts = conflicts(txn, span, mode);
    if (!conflicts.isEmpty()) {
      return new Attempt.Conflict(conflicts);
    }
    if (span.isPoint()) {
      Map<TxnId, LockMode> holders = points.computeIfAbsent(span.start(), k -> new HashMap<>(2));
      LockMode had = holders.get(txn);
      if (had == null && lockCount >= locksMax) {
        if (holders.isEmpty()) {
          points.remove(span.start());
        }
        return new Attempt.Full(locksMax);
      }
      if (had == null) {
        lockCount++;
        held.computeIfAbsent(txn, t -> new Held()).points.add(span.start());
      }
      if (had != LockMode.EXCLUSIVE) {
        holders.put(txn, mode);
      }
      return new Attempt.Granted();
    }
    if (lockCount >= locksMax) {
      return new Attempt.Full(locksMax);
    }
    lockCount++;
    RangeLock lock = new RangeLock(txn, span, mode);
    ranges.add(lock);
    held.computeIfAbsent(txn, t -> new Held()).ranges.add(lock);
    return new Attempt.Granted();
  }

  private Set<TxnId> conflicts(TxnId txn, KeySpan span, LockMode mode) {
    Set<TxnId> conflicts = new HashSet<>();
    if (span.isPoint()) {
      Map<TxnId, LockMode> holders = points.get(span.start());
      if (holders != null) {
        holders.forEach((holder, held) -> {
          if (!holder.equals(txn) && mode.conflictsWith(held)) {
            conflicts.add(holder);
          }
        });
      }
      for (RangeLock range : ranges) {
        if (!range.txn().equals(txn) && range.span().contains(span.start()) && mode.conflictsWith(range.mode())) {
          conflicts.add(range.txn());
        }
      }
      return conflicts;
    }
    var covered = span.end() == null ? points.tailMap(span.start(), true) : points.subMap(span.start(), span.end());
    covered.values().forEach(holders -> holders.forEach((holder, held) -> {
      if (!holder.equals(txn) && mode.conflictsWith(held)) {
        conflicts.add(holder);
      }
    }));
    for (RangeLock range : ranges) {
      if (!range.txn().equals(txn) && range.span().overlaps(span) && mode.conflictsWith(range.mode())) {
        conflicts.add(range.txn());
      }
    }
    return conflicts;
  }

  /** Releases every lock {@code txn} holds. */
  public void releaseAll(TxnId txn) {
    Held mine = held.remove(txn);
    if (mine == null) {
      return;
    }
    for (Key key : mine.points) {
      Map<TxnId, LockMode> holders = points.get(key);
      holders.remove(txn);
      if (holders.isEmpty()) {
        points.remove(key);
      }
    }
    if (!mine.ranges.isEmpty()) {
      ranges.removeIf(range -> range.txn().equals(txn));
    }
    lockCount -= mine.points.size() + mine.ranges.size();
  }

  /** Every span {@code txn} holds, with its mode, for a Prepare record. */
  public List<HeldLock> heldBy(TxnId txn) {
    Held mine = held.get(txn);
    if (mine == null) {
      return List.of();
    }
    List<HeldLock> result = new ArrayList<>(mine.points.size() + mine.ranges.size());
    for (Key key : mine.points) {
      result.add(new HeldLock(KeySpan.point(key), points.get(key).get(txn)));
    }
    for (RangeLock range : mine.ranges) {
      result.add(new HeldLock(range.span(), range.mode()));
    }
    return result;
  }

  public boolean holdsAny(TxnId txn) {
    return held.containsKey(txn);
  }

  public int lockCount() {
    return lockCount;
  }

  /** For simulation: throws when the lock-safety invariant is broken. */
  public void checkInvariants() {
    int count = ranges.size();
    for (var entry : points.entrySet()) {
      Map<TxnId, LockMode> holders = entry.getValue();
      if (holders.isEmpty()) {
        throw new IllegalStateException("empty holder set kept for " + entry.getKey());
      }
      count += holders.size();
      for (var holder : holders.entrySet()) {
        if (holder.getValue() != LockMode.EXCLUSIVE) {
          continue;
        }
        if (holders.size() > 1) {
          throw new IllegalStateException("exclusive lock on " + entry.getKey() + " shared with " + holders);
        }
        for (RangeLock range : ranges) {
          if (!range.txn().equals(holder.getKey()) && range.span().contains(entry.getKey())) {
            throw new IllegalStateException(
                "exclusive lock of " + holder.getKey() + " on " + entry.getKey() + " inside " + range);
          }
        }
      }
    }
    for (RangeLock range : ranges) {
      if (range.mode() != LockMode.EXCLUSIVE) {
        continue;
      }
      var covered = range.span().end() == null ? points.tailMap(range.span().start(), true)
          : points.subMap(range.span().start(), range.span().end());
      covered.forEach((key, holders) -> holders.keySet().forEach(holder -> {
        if (!holder.equals(range.txn())) {
          throw new IllegalStateException("lock of " + holder + " on " + key + " inside exclusive " + range);
        }
      }));
      for (RangeLock other : ranges) {
        if (!other.txn().equals(range.txn()) && other.span().overlaps(range.span())) {
          throw new IllegalStateException("range lock " + other + " overlaps exclusive " + range);
        }
      }
    }
    if (count != lockCount) {
      throw new IllegalStateException("lock count " + lockCount + " but " + count + " locks held");
    }
  }
}

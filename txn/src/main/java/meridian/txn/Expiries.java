package meridian.txn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Transactions remembered until a log time, let go in the order of that time. The times come from
 * the log (entry timestamps), so every replica lets the same ones go at the same entry.
 */
final class Expiries {
  private final TreeMap<Long, List<TxnId>> byTime = new TreeMap<>();
  // Invariant: holds exactly the transactions in byTime, each with its time there.
  private final Map<TxnId, Long> timeOf = new HashMap<>();

  void add(TxnId txn, long micros) {
    remove(txn);
    byTime.computeIfAbsent(micros, m -> new ArrayList<>()).add(txn);
    timeOf.put(txn, micros);
  }

  void remove(TxnId txn) {
    Long at = timeOf.remove(txn);
    if (at != null) {
      List<TxnId> due = byTime.get(at);
      due.remove(txn);
      if (due.isEmpty()) {
        byTime.remove(at);
      }
    }
  }

  /** When {@code txn} is let go, or 0 if it is not here. */
  long timeOf(TxnId txn) {
    return timeOf.getOrDefault(txn, 0L);
  }

  /** Removes and returns the transactions whose time is before {@code micros}. */
  List<TxnId> removeBefore(long micros) {
    List<TxnId> due = new ArrayList<>();
    while (!byTime.isEmpty() && byTime.firstKey() < micros) {
      for (TxnId txn : byTime.pollFirstEntry().getValue()) {
        timeOf.remove(txn);
        due.add(txn);
      }
    }
    return due;
  }
}

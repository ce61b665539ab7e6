package meridian.checker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who appended each value of each key, whatever the transaction's outcome: per key, the values
 * sorted, so a read's values are looked up by binary search without boxing each one.
 */
final class AppendIndex {

  /** One key's appends. */
  static final class KeyAppends {
    static final KeyAppends NONE = new KeyAppends(new long[0], new int[0], new boolean[0]);

    // Invariant: values is ascending without repeats; the arrays have the same length.
    private final long[] values;
    private final int[] writer;
    private final boolean[] lastOfWriter;

    private KeyAppends(long[] values, int[] writer, boolean[] lastOfWriter) {
      this.values = values;
      this.writer = writer;
      this.lastOfWriter = lastOfWriter;
    }

    /** The position of {@code value}, or -1 if nobody appended it. */
    int find(long value) {
      int i = Arrays.binarySearch(values, value);
      return i >= 0 ? i : -1;
    }

    int size() {
      return values.length;
    }

    /** The transaction (its position in the history's transactions) that appended value {@code i}. */
    int writer(int i) {
      return writer[i];
    }

    /** Whether value {@code i} was its writer's last append to the key. */
    boolean lastOfWriter(int i) {
      return lastOfWriter[i];
    }
  }

  private record Append(long value, int txn, boolean last) {}

  private final Map<Long, KeyAppends> byKey;

  private AppendIndex(Map<Long, KeyAppends> byKey) {
    this.byKey = byKey;
  }

  /**
   * @throws MalformedHistoryException if a value is appended to a key twice
   */
  static AppendIndex of(List<AppendTxn> txns) throws MalformedHistoryException {
    Map<Long, List<Append>> appends = new HashMap<>();
    for (int t = 0; t < txns.size(); t++) {
      List<AppendTxn.Micro> micros = txns.get(t).micros();
      Set<Long> later = new HashSet<>(); // keys this txn appends to after the micro at hand
      for (int m = micros.size() - 1; m >= 0; m--) {
        AppendTxn.Micro micro = micros.get(m);
        if (micro.append()) {
          appends.computeIfAbsent(micro.key(), k -> new ArrayList<>())
              .add(new Append(micro.value(), t, later.add(micro.key())));
        }
      }
    }
    Map<Long, KeyAppends> byKey = new HashMap<>();
    for (Map.Entry<Long, List<Append>> entry : appends.entrySet()) {
      List<Append> list = entry.getValue();
      list.sort(Comparator.comparingLong(Append::value).thenComparingInt(Append::txn));
      int n = list.size();
      long[] values = new long[n];
      int[] writer = new int[n];
      boolean[] last = new boolean[n];
      for (int i = 0; i < n; i++) {
        Append a = list.get(i);
        if (i > 0 && values[i - 1] == a.value()) {
          throw OperationValues.malformed(txns.get(a.txn()).op(), "value " + a.value()
              + " is appended to key " + entry.getKey() + " again (also by "
              + txns.get(writer[i - 1]).op().label() + ")");
        }
        values[i] = a.value();
        writer[i] = a.txn();
        last[i] = a.last();
      }
      byKey.put(entry.getKey(), new KeyAppends(values, writer, last));
    }
    return new AppendIndex(byKey);
  }

  /** The key's appends; {@link KeyAppends#NONE} if it has none. */
  KeyAppends forKey(long key) {
    return byKey.getOrDefault(key, KeyAppends.NONE);
  }
}

package meridian.txn;

import java.util.Comparator;

/**
 * A read-write transaction's identity and priority. {@code priorityMicros} is the TrueTime
 * {@code now.latest} when the transaction first started; a retry after an abort keeps it (with a new
 * {@code attempt}), so a transaction grows older with each retry and eventually wins every
 * wound-wait conflict. {@code driver} is the node driving it and {@code sequence} that node's
 * counter, so ids are unique across nodes.
 */
public record TxnId(long priorityMicros, String driver, long sequence, int attempt) implements Comparable<TxnId> {
  private static final Comparator<TxnId> BY_AGE =
      Comparator.comparingLong(TxnId::priorityMicros)
          .thenComparing(TxnId::driver)
          .thenComparingLong(TxnId::sequence)
          .thenComparingInt(TxnId::attempt);

  public TxnId {
    if (driver == null || driver.isEmpty()) {
      throw new IllegalArgumentException("a transaction id needs its driver node");
    }
  }

  /** The same transaction, retried. */
  public TxnId retry() {
    return new TxnId(priorityMicros, driver, sequence, attempt + 1);
  }

  /** True when this transaction has priority over {@code other} in wound-wait. */
  public boolean isOlderThan(TxnId other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(TxnId other) {
    return BY_AGE.compare(this, other);
  }

  @Override
  public String toString() {
    return driver + "/" + sequence + "." + attempt + "@" + priorityMicros;
  }
}

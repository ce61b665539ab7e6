package meridian.txn;

/**
 * The bounds of one group leader's transaction state.
 *
 * @param locksMax locks held at once in the lock table
 * @param txnsMax transactions registered at once
 * @param waitersMax requests waiting for locks at once
 * @param lockWaitMicros how long a request may wait for a lock before its transaction aborts
 * @param idleMicros how long an unprepared transaction may go unheard before it aborts
 * @param inquiryMicros how long a prepared participant waits for the outcome before asking the
 *     coordinator group, and then between questions
 * @param tombstoneMicros how long an aborted transaction is remembered, so its driver learns why
 * @param tombstonesMax aborted transactions remembered at once
 */
public record TxnLimits(
    int locksMax,
    int txnsMax,
    int waitersMax,
    long lockWaitMicros,
    long idleMicros,
    long inquiryMicros,
    long tombstoneMicros,
    int tombstonesMax) {

  public TxnLimits {
    if (locksMax <= 0 || txnsMax <= 0 || waitersMax <= 0 || tombstonesMax <= 0) {
      throw new IllegalArgumentException("transaction limits must be positive");
    }
    if (lockWaitMicros <= 0 || idleMicros <= 0 || inquiryMicros <= 0 || tombstoneMicros <= 0) {
      throw new IllegalArgumentException("transaction timeouts must be positive");
    }
  }

  public static TxnLimits defaults() {
    return new TxnLimits(1_000_000, 100_000, 10_000, 5_000_000, 10_000_000, 5_000_000, 60_000_000, 100_000);
  }
}

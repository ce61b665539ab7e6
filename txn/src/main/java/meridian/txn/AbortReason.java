package meridian.txn;

/** Why a group's leader ended a transaction (the driver aborts it everywhere and may retry). */
public enum AbortReason {
  /** An older transaction needed a lock it held (wound-wait). */
  WOUNDED,
  /** A lock stayed unavailable past the lock wait timeout. */
  LOCK_TIMEOUT,
  /** The leader heard nothing from the transaction's driver for too long. */
  IDLE,
  /** Locks this transaction took here are gone (a leader change, or it was aborted here before). */
  LOCKS_LOST,
  /** The lock table or the waiting list is full. */
  TOO_MANY_LOCKS,
  /** The driver rolled it back. */
  ROLLED_BACK,
  /** The coordinator decided to abort it (it learned nothing from the driver in time). */
  DECIDED_ABORT;

  /** True when retrying the whole transaction may succeed. All reasons are, today. */
  public boolean retryable() {
    return true;
  }
}

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
  DECIDED_ABORT,
  /**
   * The request came after this group had already decided the transaction (logged its outcome as a
   * participant, or its decision as the coordinator): a resent or duplicated request. The
   * transaction may have committed: ask the coordinator for the decision, do not retry blindly.
   */
  ALREADY_DECIDED;

  /**
   * True when retrying the whole transaction may succeed without knowing more. Not for {@link
   * #ALREADY_DECIDED}: the transaction may have committed.
   */
  public boolean retryable() {
    return this != ALREADY_DECIDED;
  }
}

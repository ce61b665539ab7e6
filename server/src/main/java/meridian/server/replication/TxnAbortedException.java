package meridian.server.replication;

import meridian.txn.AbortReason;
import meridian.txn.TxnId;

/** A transaction ended without committing; the whole transaction may be retried. */
public final class TxnAbortedException extends RuntimeException {
  private final TxnId txn;
  private final AbortReason reason;

  public TxnAbortedException(TxnId txn, AbortReason reason, String detail) {
    super("transaction " + txn + " aborted (" + reason.name().toLowerCase().replace('_', ' ') + "): " + detail, null, false, false);
    this.txn = txn;
    this.reason = reason;
  }

  public TxnId txn() {
    return txn;
  }

  public AbortReason reason() {
    return reason;
  }
}

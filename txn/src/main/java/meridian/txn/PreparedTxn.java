package meridian.txn;

import java.util.List;

/** A transaction prepared at this group and not yet decided here. */
public record PreparedTxn(TxnId txn, long prepareMicros, long coordinatorGroup, List<Write> writes, List<HeldLock> locks) {
  public PreparedTxn {
    writes = List.copyOf(writes);
    locks = List.copyOf(locks);
  }
}

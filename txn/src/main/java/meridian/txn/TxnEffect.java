package meridian.txn;

/**
 * What {@link LeaderTxns} asks its host to do, drained after each input. {@code requestId} is the
 * host's handle for the waiting caller.
 */
public sealed interface TxnEffect {
  /**
   * The locks a read asked for are held: read the newest data and answer, with {@code
   * leadershipId}: the driver names it in its next requests here ({@link PriorGrants}).
   */
  record Granted(long requestId, long leadershipId) implements TxnEffect {}

  /** The request failed and the transaction is over at this leader. */
  record Failed(long requestId, TxnId txn, AbortReason reason, String detail) implements TxnEffect {}

  /**
   * Propose {@code record} through Paxos, with a timestamp at least {@code floorMicros} (0: no
   * floor), and answer the request once it is applied.
   */
  record Propose(long requestId, TxnRecord record, long floorMicros) implements TxnEffect {}

  /** A repeated prepare of a transaction that is already prepared: answer with its timestamp. */
  record AlreadyPrepared(long requestId, long prepareMicros) implements TxnEffect {}

  /** Ask {@code coordinatorGroup} how it decided {@code txn} (deciding abort if it has not). */
  record Inquire(TxnId txn, long coordinatorGroup) implements TxnEffect {}
}

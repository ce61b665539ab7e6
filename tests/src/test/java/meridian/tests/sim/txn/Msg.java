package meridian.tests.sim.txn;

import java.util.List;
import meridian.txn.KeySpan;
import meridian.txn.PriorGrants;
import meridian.txn.TxnId;
import meridian.txn.Write;

/** The messages of the simulated world: one record per kind, all subject to loss, delay and duplication. */
sealed interface Msg {
  /** A driver's request to a group's leader, answered with one of the driver-bound replies. */
  sealed interface Request extends Msg {
    int driver();

    long requestId();

    TxnId txn();
  }

  /**
   * A read: a shared lock on {@code span} (one key, or a range for a scan), then the newest
   * committed values in it.
   */
  record Lock(int driver, long requestId, TxnId txn, PriorGrants priorGrants, KeySpan span, meridian.txn.LockMode mode) implements Request {}

  record Prepare(int driver, long requestId, TxnId txn, PriorGrants priorGrants, List<Write> writes, long coordinatorGroup)
      implements Request {}

  record Commit(int driver, long requestId, TxnId txn, PriorGrants priorGrants, List<Write> writes, List<Long> participants,
      long maxPrepareMicros) implements Request {}

  /** To the coordinator: decide abort unless decided, and answer the decision. */
  record Decide(int driver, long requestId, TxnId txn) implements Request {}

  // ---- driver -> participant, best effort ----

  record Outcome(TxnId txn, boolean committed, long commitMicros) implements Msg {}

  record Rollback(TxnId txn) implements Msg {}

  record Heartbeat(int driver, TxnId txn) implements Msg {}

  // ---- group -> group: a stranded prepare asks its coordinator ----

  record Inquiry(long fromGroup, TxnId txn) implements Msg {}

  record InquiryAnswer(TxnId txn, boolean committed, long commitMicros) implements Msg {}

  // ---- group -> driver ----

  /**
   * A read's answer ({@link SimReplica#read}), from the leadership that granted its lock.
   */
  record ReadOk(long requestId, String value, long leadershipId) implements Msg {}

  record Prepared(long requestId, long prepareMicros) implements Msg {}

  record Decided(long requestId, boolean committed, long commitMicros) implements Msg {}

  /** The request failed: {@code reason} is an {@link meridian.txn.AbortReason} name or a host error. */
  record Refused(long requestId, String reason) implements Msg {}

  /** A heartbeat found the transaction gone at that leader (wounded, timed out, leader change). */
  record Gone(TxnId txn) implements Msg {}
}

package meridian.txn;

import java.util.List;

/**
 * What transactions write into a group's Paxos log. The entry's Paxos timestamp matters: it is the
 * prepare timestamp of a {@link Prepare} and the commit timestamp of a {@link Commit}.
 */
public sealed interface TxnRecord {
  TxnId txn();

  /**
   * A participant (not the coordinator) is prepared: it holds {@code locks} and will apply {@code
   * writes} if {@code coordinatorGroup} decides to commit.
   */
  record Prepare(TxnId txn, long coordinatorGroup, List<Write> writes, List<HeldLock> locks) implements TxnRecord {
    public Prepare {
      writes = List.copyOf(writes);
      locks = List.copyOf(locks);
    }
  }

  /**
   * The coordinator decides to commit, unless it already decided to abort; its own {@code writes}
   * apply at the entry's timestamp. {@code participants} are the other groups, which will learn the
   * outcome (empty for a single-group transaction).
   */
  record Commit(TxnId txn, List<Write> writes, List<Long> participants) implements TxnRecord {
    public Commit {
      writes = List.copyOf(writes);
      participants = List.copyOf(participants);
    }
  }

  /** The coordinator decides to abort, unless it already decided to commit. */
  record Abort(TxnId txn) implements TxnRecord {}

  /**
   * The coordinator may forget its commit decision: every participant has applied the outcome, so
   * none will ask again.
   */
  record Forget(TxnId txn) implements TxnRecord {}

  /** A participant learns the coordinator's decision: apply at {@code commitMicros}, or discard. */
  record Outcome(TxnId txn, boolean committed, long commitMicros) implements TxnRecord {}
}

package meridian.txn;

import static meridian.txn.Keys.point;
import static meridian.txn.Keys.put;
import static meridian.txn.Keys.txn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderTxnsTest {
  private static final TxnLimits LIMITS = new TxnLimits(1000, 100, 100, 1_000, 10_000, 5_000, 60_000, 100);
  private final GroupTxnState state = new GroupTxnState();
  private final LeaderTxns leader = new LeaderTxns(LIMITS, state, 1, 0);
  private final TxnId old = txn(1);
  private final TxnId young = txn(2);

  @Test
  void olderWoundsYoungerHolder() {
    leader.lock(1, young, PriorGrants.NONE, List.of(point("k")), 10);
    assertThat(leader.drain()).containsExactly(new TxnEffect.Granted(1, 1));
    leader.prepare(2, old, PriorGrants.NONE, List.of(put("k", "v")), 7, 20);
    var effects = leader.drain();
    assertThat(effects).hasSize(1);
    assertThat(effects.getFirst()).isInstanceOf(TxnEffect.Propose.class);
    assertThat(leader.abortReason(young)).contains(AbortReason.WOUNDED);
    leader.lock(3, young, new PriorGrants(1, 1), List.of(point("j")), 30);
    assertThat(leader.drain()).containsExactly(new TxnEffect.Failed(3, young, AbortReason.WOUNDED, "aborted here before"));
    leader.checkInvariants();
  }

  @Test
  void youngerWaitsForOlderAndIsGrantedOnRelease() {
    leader.lock(1, old, PriorGrants.NONE, List.of(point("k")), 10);
    leader.prepare(2, young, PriorGrants.NONE, List.of(put("k", "v")), 7, 20);
    assertThat(leader.drain()).containsExactly(new TxnEffect.Granted(1, 1));
    assertThat(leader.waitingCount()).isEqualTo(1);
    leader.rollback(old, 30);
    var effects = leader.drain();
    assertThat(effects).singleElement().isInstanceOf(TxnEffect.Propose.class);
    TxnRecord.Prepare prepare = (TxnRecord.Prepare) ((TxnEffect.Propose) effects.getFirst()).record();
    assertThat(prepare.locks()).containsExactly(new HeldLock(point("k"), LockMode.EXCLUSIVE));
    leader.checkInvariants();
  }

  @Test
  void lockWaitTimesOutAndEndsTheTransaction() {
    leader.lock(1, old, PriorGrants.NONE, List.of(point("k")), 10);
    leader.lock(2, young, PriorGrants.NONE, List.of(point("a")), 10);
    leader.prepare(3, young, new PriorGrants(1, 1), List.of(put("k", "v")), 7, 20);
    leader.drain();
    leader.tick(20 + LIMITS.lockWaitMicros());
    assertThat(leader.drain()).containsExactly(new TxnEffect.Failed(3, young, AbortReason.LOCK_TIMEOUT, "waited 1 ms for a lock"));
    assertThat(leader.liveCount()).isEqualTo(1);
    leader.checkInvariants();
  }

  @Test
  void preparedHoldersAreNotWoundedAndSurviveALeaderChange() {
    leader.lock(1, young, PriorGrants.NONE, List.of(point("r")), 10);
    leader.prepare(2, young, new PriorGrants(1, 1), List.of(put("k", "v")), 7, 20);
    var propose = (TxnEffect.Propose) leader.drain().getLast();
    Applied applied = state.apply(propose.record(), 25);
    leader.applied(propose.record(), 25, applied, 26);
    leader.prepare(3, old, PriorGrants.NONE, List.of(put("k", "w")), 7, 30);
    assertThat(leader.drain()).isEmpty();
    assertThat(leader.waitingCount()).isEqualTo(1);
    leader.checkInvariants();

    LeaderTxns next = new LeaderTxns(LIMITS, state, 2, 40);
    next.lock(4, old, PriorGrants.NONE, List.of(point("r")), 41);
    next.prepare(5, old, new PriorGrants(2, 1), List.of(put("k", "w")), 7, 42);
    assertThat(next.drain()).containsExactly(new TxnEffect.Granted(4, 2));
    assertThat(state.tmSafeMicros()).isEqualTo(24);
    next.checkInvariants();

    TxnRecord outcome = new TxnRecord.Outcome(young, true, 50);
    Applied done = state.apply(outcome, 60);
    assertThat(done.writes()).containsExactly(put("k", "v"));
    assertThat(done.atMicros()).isEqualTo(50);
    next.applied(outcome, 60, done, 61);
    assertThat(next.drain()).singleElement().isInstanceOf(TxnEffect.Propose.class);
    assertThat(state.tmSafeMicros()).isEqualTo(Long.MAX_VALUE);
    next.checkInvariants();
  }

  @Test
  void lostLocksAreNeverSilentlyRetaken() {
    leader.lock(1, young, PriorGrants.NONE, List.of(point("k")), 10);
    leader.drain();
    LeaderTxns next = new LeaderTxns(LIMITS, state, 2, 20);
    next.lock(2, young, new PriorGrants(1, 1), List.of(point("j")), 21);
    assertThat(next.drain()).singleElement().isEqualTo(new TxnEffect.Failed(
        2, young, AbortReason.LOCKS_LOST, "its 1 earlier locks were granted by leadership 1, this is 2"));
    leader.commit(3, young, new PriorGrants(1, 2), List.of(put("k", "v")), List.of(), 0, 30, 31);
    assertThat(leader.drain()).singleElement().isInstanceOf(TxnEffect.Failed.class);
  }

  @Test
  void idleTransactionsAbortAndStrandedPreparesInquire() {
    leader.lock(1, old, PriorGrants.NONE, List.of(point("a")), 0);
    leader.prepare(2, young, PriorGrants.NONE, List.of(put("k", "v")), 9, 0);
    var propose = (TxnEffect.Propose) leader.drain().getLast();
    leader.applied(propose.record(), 5, state.apply(propose.record(), 5), 5);
    leader.tick(LIMITS.idleMicros() + 1);
    assertThat(leader.abortReason(old)).contains(AbortReason.IDLE);
    assertThat(leader.drain()).containsExactly(new TxnEffect.Inquire(young, 9));
    leader.tick(LIMITS.idleMicros() + 2);
    assertThat(leader.drain()).isEmpty();
  }

  @Test
  void firstDecisionWinsAtTheCoordinator() {
    TxnRecord abort = new TxnRecord.Abort(young);
    assertThat(state.apply(abort, 10).decision()).contains(Decision.ABORTED);
    Applied commit = state.apply(new TxnRecord.Commit(young, List.of(put("k", "v")), List.of(2L)), 20);
    assertThat(commit.decision()).contains(Decision.ABORTED);
    assertThat(commit.writes()).isEmpty();
    Applied other = state.apply(new TxnRecord.Commit(old, List.of(put("k", "v")), List.of()), 30);
    assertThat(other.decision()).contains(Decision.committedAt(30));
    assertThat(state.apply(new TxnRecord.Abort(old), 40).decision()).contains(Decision.committedAt(30));
    assertThat(state.lastCommitMicros()).isEqualTo(30);
  }

  /**
   * Found by the two-phase commit simulator (seed 457): a participant prepared, logged the commit
   * outcome and released its locks; then a resent (or duplicated) Prepare reached a new leader,
   * which knew nothing of it and prepared the transaction again, at a timestamp above {@code s}.
   * Its inquiry then got "committed at s" back, and applying that Outcome threw on every replica:
   * the group could apply no more of its log. The same happened for an aborted transaction, minus
   * the throw: locks re-taken until the next inquiry.
   */
  @Test
  void aTransactionDecidedHereIsNeverPreparedAgain() {
    leader.prepare(1, young, PriorGrants.NONE, List.of(put("k", "v")), 7, 10);
    var propose = (TxnEffect.Propose) leader.drain().getFirst();
    leader.applied(propose.record(), 20, state.apply(propose.record(), 20), 21);
    TxnRecord outcome = new TxnRecord.Outcome(young, true, 25);
    leader.applied(outcome, 30, state.apply(outcome, 30), 31);
    assertThat(leader.liveCount()).isZero();

    LeaderTxns next = new LeaderTxns(LIMITS, state, 2, 40);
    next.prepare(2, young, PriorGrants.NONE, List.of(put("k", "v")), 7, 41);
    assertThat(next.drain()).singleElement().isEqualTo(
        new TxnEffect.Failed(2, young, AbortReason.ALREADY_DECIDED, "decided here before"));
    leader.prepare(3, young, PriorGrants.NONE, List.of(put("k", "v")), 7, 42);
    assertThat(leader.drain()).singleElement().isInstanceOf(TxnEffect.Failed.class);
    next.lock(4, young, PriorGrants.NONE, List.of(point("k")), 43);
    assertThat(next.drain()).singleElement().isInstanceOf(TxnEffect.Failed.class);
    assertThat(next.liveCount()).isZero();

    // A Prepare record that reaches the log anyway (proposed before the outcome was known) is ignored.
    assertThat(state.apply(propose.record(), 50)).isEqualTo(Applied.NOTHING);
    assertThat(state.prepared(young)).isEmpty();
    assertThat(state.apply(outcome, 60)).isEqualTo(Applied.NOTHING);
    next.checkInvariants();
  }

  /**
   * Found by the two-phase commit simulator (seed 761 of a stormier network than the default): a
   * read's lock was granted by one leadership, whose reply was slow; the driver resent the request,
   * the leader changed, another transaction wrote the key under the new leader, and then the resent
   * request reached the new leader, which granted it too. The driver had seen one grant and the new
   * leader held one, so the counts matched and the transaction committed with a read of the old
   * value below its commit timestamp: not serializable. Grants now name their leadership.
   */
  @Test
  void aResentLockGrantedByTheNextLeaderDoesNotStandInForTheLostOne() {
    leader.lock(1, young, PriorGrants.NONE, List.of(point("k")), 10);
    assertThat(leader.drain()).containsExactly(new TxnEffect.Granted(1, 1)); // the driver reads k here

    LeaderTxns next = new LeaderTxns(LIMITS, state, 2, 20);
    next.commit(2, old, PriorGrants.NONE, List.of(put("k", "w")), List.of(), 0, 21, 22);
    var propose = (TxnEffect.Propose) next.drain().getFirst();
    next.applied(propose.record(), 30, state.apply(propose.record(), 30), 31);
    next.finished(old, 40);
    next.lock(1, young, PriorGrants.NONE, List.of(point("k")), 50); // the resent request
    assertThat(next.drain()).containsExactly(new TxnEffect.Granted(1, 2)); // the driver ignores this answer

    next.commit(3, young, new PriorGrants(1, 1), List.of(), List.of(), 0, 60, 61);
    assertThat(next.drain()).singleElement().isEqualTo(new TxnEffect.Failed(
        3, young, AbortReason.LOCKS_LOST, "its 1 earlier locks were granted by leadership 1, this is 2"));
    assertThat(next.liveCount()).isZero();
    next.checkInvariants();
  }
}

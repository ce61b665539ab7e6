package meridian.txn;

import static meridian.txn.Keys.put;
import static meridian.txn.Keys.txn;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupTxnStateTest {
  private static final long RETENTION = GroupTxnState.DECISION_RETENTION_MICROS;
  private final GroupTxnState state = new GroupTxnState();

  @Test
  void abortsAndSingleGroupCommitsExpireWithLogTime() {
    state.apply(new TxnRecord.Commit(txn(1), List.of(put("k", "v")), List.of()), 100);
    state.apply(new TxnRecord.Abort(txn(2)), 200);
    assertThat(state.decisionExpiryMicros(txn(1))).isEqualTo(100 + RETENTION);
    state.apply(new TxnRecord.Abort(txn(3)), 100 + RETENTION);
    assertThat(state.decision(txn(1))).isPresent();
    assertThat(state.drainForgotten()).isEmpty();
    state.apply(new TxnRecord.Abort(txn(4)), 150 + RETENTION);
    assertThat(state.decision(txn(1))).isEmpty();
    assertThat(state.decision(txn(2))).isPresent();
    assertThat(state.drainForgotten()).containsExactly(txn(1));
  }

  @Test
  void aCommitWithParticipantsStaysUntilForgotten() {
    state.apply(new TxnRecord.Commit(txn(1), List.of(put("k", "v")), List.of(2L)), 100);
    assertThat(state.decisionExpiryMicros(txn(1))).isZero();
    state.apply(new TxnRecord.Abort(txn(9)), 100 + 10 * RETENTION);
    assertThat(state.decision(txn(1))).contains(Decision.committedAt(100));
    state.apply(new TxnRecord.Forget(txn(1)), 100 + 10 * RETENTION + 1);
    assertThat(state.decision(txn(1))).isEmpty();
    assertThat(state.drainForgotten()).containsExactly(txn(1));
  }

  @Test
  void restoredDecisionsKeepTheirExpiry() {
    GroupTxnState restored = new GroupTxnState();
    restored.restoreDecision(txn(1), Decision.ABORTED, 500);
    restored.restoreDecision(txn(2), Decision.committedAt(90), 0);
    restored.apply(new TxnRecord.Abort(txn(3)), 501);
    assertThat(restored.decision(txn(1))).isEmpty();
    assertThat(restored.decision(txn(2))).isPresent();
    assertThat(restored.lastCommitMicros()).isEqualTo(90);
  }
}

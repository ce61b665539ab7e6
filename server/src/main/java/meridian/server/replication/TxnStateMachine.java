package meridian.server.replication;

import java.util.ArrayList;
import java.util.List;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;
import meridian.storage.Batch;
import meridian.storage.StorageEngine;
import meridian.txn.Applied;
import meridian.txn.GroupTxnState;
import meridian.txn.TxnRecord;
import meridian.txn.Write;

/**
 * A group's state machine: applies chosen log entries, each a {@link TxnRecord}, to the group's
 * {@link GroupTxnState} and to MVCC storage (the writes of a commit at its commit timestamp).
 * Deterministic: every replica computes the same result for the same entries. The writes, the
 * transaction state they change and the applied point go in one atomic RocksDB batch, so a crash
 * never leaves half an entry applied; it need not be synced, because the entries themselves are
 * durable in the log and are applied again after a restart. The log is truncated only by a synced
 * batch written after it ({@link GroupStorage#compact}), which makes this one durable first
 * (RocksDB's WAL keeps write order).
 */
final class TxnStateMachine {
  /** One applied entry, handed to whoever proposed it and to the leader's transaction state. */
  record AppliedEntry(long index, long entryMicros, TxnRecord record, Applied applied) {}

  private final StorageEngine engine;

  TxnStateMachine(StorageEngine engine) {
    this.engine = engine;
  }

  /**
   * Applies {@code entries} (chosen, in order) and records {@code appliedAfter}, the point after
   * the last of them, as applied.
   */
  List<AppliedEntry> apply(List<LogEntry> entries, SnapshotPoint appliedAfter, GroupStorage storage, GroupTxnState state) {
    if (appliedAfter.index() != entries.getLast().index()) {
      throw new IllegalArgumentException("applied point " + appliedAfter.index() + " is not the last entry " + entries.getLast().index());
    }
    Batch batch = engine.newBatch();
    List<AppliedEntry> applied = new ArrayList<>();
    for (LogEntry entry : entries) {
      if (!(entry.command() instanceof Command.Write write)) {
        continue;
      }
      TxnRecord record = TxnCodec.decodeRecord(write.payload(), entry.index());
      Applied result = state.apply(record, entry.timestampMicros());
      for (Write w : result.writes()) {
        if (w.isDelete()) {
          batch.deleteVersion(w.key().toByteArray(), result.atMicros());
        } else {
          batch.putVersion(w.key().toByteArray(), result.atMicros(), w.value());
        }
      }
      storage.stageTxnState(record, state, batch);
      applied.add(new AppliedEntry(entry.index(), entry.timestampMicros(), record, result));
    }
    storage.stageApplied(appliedAfter, batch);
    batch.commit(false);
    return applied;
  }
}

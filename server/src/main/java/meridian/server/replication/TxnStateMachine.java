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
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TxnStateMachine.class);
  /** One applied entry, handed to whoever proposed it and to the leader's transaction state. */
  record AppliedEntry(long index, long entryMicros, TxnRecord record, Applied applied) {}

  /** What a run of entries did: the entries, the group's range after them, groups split off. */
  record Result(List<AppliedEntry> entries, RangeMap.Range range, List<GroupStorage.Child> children) {}

  private final StorageEngine engine;

  TxnStateMachine(StorageEngine engine) {
    this.engine = engine;
  }

  /**
   * Applies {@code entries} (chosen, in order) and records {@code appliedAfter}, the point after
   * the last of them, as applied. {@code range} is the group's range before them; a committed
   * split write ({@link Keys#SPLIT}) narrows it and creates the new group on this node, in the
   * same batch.
   */
  Result apply(List<LogEntry> entries, SnapshotPoint appliedAfter, GroupStorage storage, GroupTxnState state, RangeMap.Range range) {
    if (appliedAfter.index() != entries.getLast().index()) {
      throw new IllegalArgumentException("applied point " + appliedAfter.index() + " is not the last entry " + entries.getLast().index());
    }
    Batch batch = engine.newBatch();
    List<AppliedEntry> applied = new ArrayList<>();
    List<GroupStorage.Child> children = new ArrayList<>();
    for (LogEntry entry : entries) {
      if (!(entry.command() instanceof Command.Write write)) {
        continue;
      }
      TxnRecord record = TxnCodec.decodeRecord(write.payload(), entry.index());
      Applied result = state.apply(record, entry.timestampMicros());
      for (Write w : result.writes()) {
        if (java.util.Arrays.equals(w.key().toByteArray(), Keys.SPLIT)) {
          if (!w.isDelete()) {
            range = split(range, w.value(), appliedAfter, result.atMicros(), storage, batch, children);
          }
        } else if (!range.contains(w.key().toByteArray())) {
          // Cannot happen: leaders propose no write outside their range (TxnHost#fits), and locks
          // order every write of a key after the split that moved it. Writing it would put data
          // into the group that holds the key now, outside its log.
          log.error("group {}: a write of {} outside {} left out (entry {})", range.groupId(), Keys.show(w.key().toByteArray()), range,
              entry.index());
        } else if (w.isDelete()) {
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
    return new Result(applied, range, children);
  }

  /**
   * Applies a split at its commit timestamp. The split transaction held an exclusive lock on the
   * part being split off and found it empty of versions, so the new group starts empty; a split
   * that does not fit the range (it cannot happen: the leader checked it under the same lock) is
   * logged and left out, on every replica alike.
   */
  private RangeMap.Range split(RangeMap.Range range, byte[] specBytes, SnapshotPoint point, long atMicros, GroupStorage storage,
      Batch batch, List<GroupStorage.Child> children) {
    meridian.proto.v1.SplitSpec spec;
    try {
      spec = meridian.proto.v1.SplitSpec.parseFrom(specBytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      log.error("group {}: undecodable split write left out: {}", range.groupId(), e.getMessage());
      return range;
    }
    byte[] at = spec.getSplitKey().toByteArray();
    if (!range.contains(at) || java.util.Arrays.equals(at, range.start())) {
      log.error("group {}: split at {} left out: it does not cut {}", range.groupId(), Keys.show(at), range);
      return range;
    }
    List<String> replicas = point.membership().replicas();
    RangeMap.Range narrowed = new RangeMap.Range(range.start(), at, range.groupId(), replicas);
    GroupStorage.Child child = new GroupStorage.Child(new RangeMap.Range(at, range.end(), spec.getNewGroupId(), replicas), atMicros);
    storage.stageSplit(narrowed, child, batch);
    GroupStorage.stageCreated(engine, child, batch);
    children.add(child);
    log.info("group {}: split at {} (timestamp {}): {} and new {}", range.groupId(), Keys.show(at), atMicros, narrowed, child.range());
    return narrowed;
  }
}

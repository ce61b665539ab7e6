package meridian.server.replication;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meridian.paxos.Ballot;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.PersistedState;
import meridian.paxos.Ready;
import meridian.storage.Batch;
import meridian.storage.ColumnFamily;
import meridian.storage.KeyValue;
import meridian.storage.RawScanResult;
import meridian.storage.StorageEngine;

/**
 * One group's Paxos state in RocksDB: hard state and log in the {@code paxos} column family, the
 * applied index in {@code meta} (written with the state machine's writes, see {@link
 * KvStateMachine}).
 *
 * <p>Layout: {@code [group id: 8 bytes][kind: 1 byte][index: 8 bytes, log only]}, big-endian, so
 * one group's log is contiguous and in index order. Not thread-safe: used only by the group's owner.
 */
final class GroupStorage {
  private static final byte HARD_STATE = 0x01;
  private static final byte LOG = 0x02;
  private static final byte APPLIED = 0x10;
  private static final int LOAD_PAGE_ENTRIES = 10_000;

  private final StorageEngine engine;
  private final long groupId;
  // Invariant: the highest log index on disk for this group (0 when the log is empty).
  private long lastIndex;

  GroupStorage(StorageEngine engine, long groupId) {
    this.engine = engine;
    this.groupId = groupId;
  }

  /** Reads everything the replica needs to restart. */
  PersistedState load(Membership initial) {
    HardState hard =
        engine.get(ColumnFamily.PAXOS, key(HARD_STATE)).map(PaxosCodec::decodeHardState).orElse(HardState.INITIAL);
    List<LogEntry> log = new ArrayList<>();
    byte[] start = logKey(1);
    byte[] end = logKey(Long.MAX_VALUE);
    while (true) {
      RawScanResult page = engine.scan(ColumnFamily.PAXOS, start, end, LOAD_PAGE_ENTRIES);
      for (KeyValue kv : page.entries()) {
        log.add(PaxosCodec.decodeEntry(kv.value()));
      }
      if (!page.more()) {
        break;
      }
      start = page.resumeKey();
    }
    lastIndex = log.isEmpty() ? 0 : log.getLast().index();
    long applied = appliedIndex().orElse(0L);
    long firstIndex = log.isEmpty() ? 1 : log.getFirst().index();
    if (firstIndex != 1) {
      throw new IllegalStateException(
          "group " + groupId + ": the log starts at " + firstIndex + " but no snapshot is recorded (corrupted data directory?)");
    }
    return new PersistedState(hard, log, 0, Ballot.ZERO, 0, initial, Math.min(applied, lastIndex));
  }

  Optional<Long> appliedIndex() {
    return engine.get(ColumnFamily.META, key(APPLIED)).map(b -> ByteBuffer.wrap(b).getLong());
  }

  /** Adds a Ready's durable part to {@code batch}: hard state, truncation, new entries. */
  void stage(Ready ready, Batch batch) {
    ready.hardState().ifPresent(h -> batch.put(ColumnFamily.PAXOS, key(HARD_STATE), PaxosCodec.encodeHardState(h)));
    if (ready.truncateFromIndex() > 0) {
      for (long i = ready.truncateFromIndex(); i <= lastIndex; i++) {
        batch.delete(ColumnFamily.PAXOS, logKey(i));
      }
      lastIndex = Math.min(lastIndex, ready.truncateFromIndex() - 1);
    }
    for (LogEntry entry : ready.entries()) {
      batch.put(ColumnFamily.PAXOS, logKey(entry.index()), PaxosCodec.encodeEntry(entry));
      lastIndex = Math.max(lastIndex, entry.index());
    }
  }

  /** Records the applied index in {@code batch}, together with the writes that applied it. */
  void stageApplied(long index, Batch batch) {
    batch.put(ColumnFamily.META, key(APPLIED), ByteBuffer.allocate(8).putLong(index).array());
  }

  private byte[] key(byte kind) {
    return ByteBuffer.allocate(9).putLong(groupId).put(kind).array();
  }

  private byte[] logKey(long index) {
    return ByteBuffer.allocate(17).putLong(groupId).put(LOG).putLong(index).array();
  }
}

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
import meridian.txn.GroupTxnState;
import meridian.txn.TxnId;
import meridian.txn.TxnRecord;

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
  private static final byte PREPARED = 0x20;
  private static final byte DECISION = 0x21;
  private static final byte LAST_COMMIT = 0x22;
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

  /** The group's transaction state as the applied entries left it (a restart). */
  GroupTxnState loadTxnState() {
    GroupTxnState state = new GroupTxnState();
    scanKind(PREPARED, kv -> state.restorePrepared(TxnCodec.decodePrepared(kv.value())));
    scanKind(DECISION, kv -> state.restoreDecision(txnOf(kv.key()), TxnCodec.decodeDecision(kv.value())));
    engine.get(ColumnFamily.META, key(LAST_COMMIT)).ifPresent(b -> state.restoreLastCommit(ByteBuffer.wrap(b).getLong()));
    return state;
  }

  private void scanKind(byte kind, java.util.function.Consumer<KeyValue> each) {
    byte[] start = key(kind);
    byte[] end = key((byte) (kind + 1));
    while (true) {
      RawScanResult page = engine.scan(ColumnFamily.META, start, end, LOAD_PAGE_ENTRIES);
      page.entries().forEach(each);
      if (!page.more()) {
        return;
      }
      start = page.resumeKey();
    }
  }

  /** Adds what applying {@code record} changed in {@code state} to {@code batch}. */
  void stageTxnState(TxnRecord record, GroupTxnState state, Batch batch) {
    byte[] txnKey = txnKey(record.txn());
    switch (record) {
      case TxnRecord.Prepare p ->
          state.prepared(p.txn()).ifPresent(prepared -> batch.put(ColumnFamily.META, withKind(PREPARED, txnKey), TxnCodec.encode(prepared)));
      case TxnRecord.Outcome o -> batch.delete(ColumnFamily.META, withKind(PREPARED, txnKey));
      case TxnRecord.Commit c -> state.decision(c.txn()).ifPresent(d -> batch.put(ColumnFamily.META, withKind(DECISION, txnKey), TxnCodec.encode(d)));
      case TxnRecord.Abort a -> state.decision(a.txn()).ifPresent(d -> batch.put(ColumnFamily.META, withKind(DECISION, txnKey), TxnCodec.encode(d)));
    }
    batch.put(ColumnFamily.META, key(LAST_COMMIT), ByteBuffer.allocate(8).putLong(state.lastCommitMicros()).array());
  }

  private static byte[] txnKey(TxnId txn) {
    return TxnCodec.encode(txn).toByteArray();
  }

  private static TxnId txnOf(byte[] metaKey) {
    try {
      return TxnCodec.decode(meridian.proto.v1.TxnIdProto.parseFrom(java.util.Arrays.copyOfRange(metaKey, 9, metaKey.length)));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("undecodable transaction id in the meta column family: " + e.getMessage(), e);
    }
  }

  private byte[] withKind(byte kind, byte[] suffix) {
    return ByteBuffer.allocate(9 + suffix.length).putLong(groupId).put(kind).put(suffix).array();
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

package meridian.server.replication;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.PersistedState;
import meridian.paxos.Ready;
import meridian.storage.Batch;
import meridian.storage.ColumnFamily;
import meridian.storage.KeyValue;
import meridian.storage.RawScanResult;
import meridian.storage.ReadView;
import meridian.storage.StorageEngine;
import meridian.txn.Decision;
import meridian.txn.GroupTxnState;
import meridian.txn.TxnId;
import meridian.txn.TxnRecord;

/**
 * One group's Paxos state in RocksDB: hard state and log in the {@code paxos} column family; in
 * {@code meta}, the replica's own bookkeeping: the applied point (written with the state machine's
 * writes, see {@link KvStateMachine}), the snapshot point (where the log begins) and the marker of
 * a snapshot install in progress.
 *
 * <p>Layout: {@code [group id: 8 bytes][kind: 1 byte][index: 8 bytes, log only]}, big-endian, so
 * one group's log is contiguous and in index order. The meta kinds used here lie in {@link
 * SnapshotSpan#LOCAL_KINDS_START}..{@link SnapshotSpan#LOCAL_KINDS_END}: a snapshot never copies
 * or replaces them. Not thread-safe: used only by the group's owner.
 *
 * <p>Invariants on disk: snapshot index <= applied index <= last log index (or the snapshot index
 * when the log is empty); the log holds exactly the entries snapshot index + 1 .. last index; the
 * state machine (the group's {@link SnapshotSpan spans}) is the result of applying entries 1 ..
 * applied index, unless the install marker is present, in which case it is incomplete.
 */
final class GroupStorage {
  private static final byte HARD_STATE = 0x01;
  private static final byte LOG = 0x02;
  private static final byte APPLIED = 0x10;
  private static final byte SNAPSHOT = 0x11;
  private static final byte INSTALLING = 0x12;
  // This replica's own copy of RANGE: an install clears RANGE first, and a restart in the middle
  // of one must still know how far the group reaches (ranges only shrink, so it is never too narrow).
  private static final byte RANGE_HERE = 0x13;
  private static final byte PREPARED = 0x20;
  private static final byte DECISION = 0x21;
  private static final byte LAST_COMMIT = 0x22;
  private static final byte OUTCOME = 0x23;
  private static final byte RANGE = 0x24;
  private static final byte CHILD = 0x25;
  private static final int LOAD_PAGE_ENTRIES = 10_000;

  /** What {@link #load} found: the replica's restart input and the state machine's applied point. */
  record Loaded(PersistedState state, SnapshotPoint snapshot, SnapshotPoint applied) {}

  private final StorageEngine engine;
  private final long groupId;
  // Invariant: at least the highest log index on disk for this group (0 when nothing was ever logged).
  private long lastIndex;
  // Invariant: the snapshot point on disk: the log holds no entry at or below its index.
  private SnapshotPoint snapshot;

  GroupStorage(StorageEngine engine, long groupId) {
    this.engine = engine;
    this.groupId = groupId;
  }

  long groupId() {
    return groupId;
  }

  /**
   * Reads everything the replica needs to restart. Refuses while a snapshot install is in
   * progress ({@link #installMarker()}): the state machine is incomplete then.
   */
  Loaded load(Membership initial) {
    installMarker().ifPresent(m -> {
      throw new IllegalStateException("group " + groupId + ": a snapshot install at " + m.index() + " is in progress");
    });
    HardState hard =
        engine.get(ColumnFamily.PAXOS, key(HARD_STATE)).map(PaxosCodec::decodeHardState).orElse(HardState.INITIAL);
    snapshot = engine.get(ColumnFamily.META, key(SNAPSHOT)).map(SnapshotPoint::decode).orElse(SnapshotPoint.initial(initial));
    List<LogEntry> log = readLog(snapshot.index() + 1, Long.MAX_VALUE);
    long firstIndex = log.isEmpty() ? snapshot.index() + 1 : log.getFirst().index();
    if (firstIndex != snapshot.index() + 1) {
      throw new IllegalStateException("group " + groupId + ": the log starts at " + firstIndex + " but the snapshot is at "
          + snapshot.index() + " (corrupted data directory?)");
    }
    lastIndex = log.isEmpty() ? snapshot.index() : log.getLast().index();
    SnapshotPoint applied = appliedPoint(log);
    return new Loaded(
        new PersistedState(hard, log, snapshot.index(), snapshot.ballot(), snapshot.timestampMicros(), snapshot.membership(),
            applied.index()),
        snapshot,
        applied);
  }

  private SnapshotPoint appliedPoint(List<LogEntry> log) {
    Optional<byte[]> stored = engine.get(ColumnFamily.META, key(APPLIED));
    if (stored.isPresent() && stored.get().length != Long.BYTES) {
      SnapshotPoint applied = SnapshotPoint.decode(stored.get());
      if (applied.index() < snapshot.index() || applied.index() > lastIndex) {
        throw new IllegalStateException("group " + groupId + ": applied index " + applied.index() + " outside the snapshot "
            + snapshot.index() + " and the log's end " + lastIndex + " (corrupted data directory?)");
      }
      return applied;
    }
    // Written before snapshots existed (an index alone, the log complete from 1), or nothing
    // applied yet: the rest of the point follows from the log.
    long index = stored.map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
    SnapshotPoint applied = snapshot;
    for (LogEntry entry : log) {
      if (entry.index() > Math.min(index, lastIndex)) {
        break;
      }
      applied = applied.next(entry);
    }
    return applied;
  }

  /** Entries {@code [from, to]} of the log on disk, in index order. */
  private List<LogEntry> readLog(long from, long to) {
    List<LogEntry> log = new ArrayList<>();
    byte[] start = logKey(from);
    byte[] end = to == Long.MAX_VALUE ? logKey(Long.MAX_VALUE) : logKey(to + 1);
    while (true) {
      RawScanResult page = engine.scan(ColumnFamily.PAXOS, start, end, LOAD_PAGE_ENTRIES);
      for (KeyValue kv : page.entries()) {
        log.add(PaxosCodec.decodeEntry(kv.value()));
      }
      if (!page.more()) {
        return log;
      }
      start = page.resumeKey();
    }
  }

  /** The snapshot point on disk (as of {@link #load} and the compactions and installs since). */
  SnapshotPoint snapshot() {
    return snapshot;
  }

  /** Adds a Ready's durable part to {@code batch}: hard state, truncation, new entries. */
  void stage(Ready ready, Batch batch) {
    ready.hardState().ifPresent(h -> batch.put(ColumnFamily.PAXOS, key(HARD_STATE), PaxosCodec.encodeHardState(h)));
    if (ready.truncateFromIndex() > 0) {
      if (ready.truncateFromIndex() <= lastIndex) {
        batch.deleteRange(ColumnFamily.PAXOS, logKey(ready.truncateFromIndex()), logKey(lastIndex + 1));
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
    scanKind(DECISION, kv -> {
      var d = TxnCodec.decodeDecision(kv.value());
      state.restoreDecision(txnOf(kv.key()), new Decision(d.getCommitted(), d.getCommitTimestampMicros()), d.getExpiresMicros());
    });
    scanKind(OUTCOME, kv -> {
      ByteBuffer b = ByteBuffer.wrap(kv.value());
      long expires = b.getLong();
      state.restoreOutcome(txnOf(kv.key()), b.get() == 1, expires);
    });
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
      case TxnRecord.Outcome o -> {
        batch.delete(ColumnFamily.META, withKind(PREPARED, txnKey));
        state.outcome(o.txn()).ifPresent(committed -> batch.put(ColumnFamily.META, withKind(OUTCOME, txnKey),
            ByteBuffer.allocate(9).putLong(state.outcomeExpiryMicros(o.txn())).put((byte) (committed ? 1 : 0)).array()));
      }
      case TxnRecord.Commit c -> stageDecision(c.txn(), state, batch);
      case TxnRecord.Abort a -> stageDecision(a.txn(), state, batch);
      case TxnRecord.Forget f -> {}
    }
    for (TxnId gone : state.drainForgotten()) {
      batch.delete(ColumnFamily.META, withKind(DECISION, txnKey(gone)));
    }
    for (TxnId gone : state.drainForgottenOutcomes()) {
      batch.delete(ColumnFamily.META, withKind(OUTCOME, txnKey(gone)));
    }
    batch.put(ColumnFamily.META, key(LAST_COMMIT), ByteBuffer.allocate(8).putLong(state.lastCommitMicros()).array());
  }

  private void stageDecision(TxnId txn, GroupTxnState state, Batch batch) {
    state.decision(txn).ifPresent(d ->
        batch.put(ColumnFamily.META, withKind(DECISION, txnKey(txn)), TxnCodec.encode(d, state.decisionExpiryMicros(txn))));
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

  /** The group's own range as its log last changed it (empty: the range it started with). */
  Optional<RangeMap.Range> loadRange() {
    return engine.get(ColumnFamily.META, key(RANGE)).or(() -> engine.get(ColumnFamily.META, key(RANGE_HERE))).map(GroupStorage::decodeRange);
  }

  /** Keeps this replica's copy of the group's range (after an install brought it). */
  void keepRange(RangeMap.Range range) {
    engine.newBatch().put(ColumnFamily.META, key(RANGE_HERE), range.toProto().toByteArray()).commit(false);
  }

  /** The groups split off this one (by its log), with the timestamps they were created at. */
  List<Child> loadChildren() {
    List<Child> children = new ArrayList<>();
    scanKind(CHILD, kv -> {
      var p = decodeRangeProto(kv.value());
      children.add(new Child(RangeMap.Range.fromProto(p), p.getCreatedMicros()));
    });
    return children;
  }

  /** A group split off this one at {@code createdMicros}, with the range it started with. */
  record Child(RangeMap.Range range, long createdMicros) {}

  /** A split applied here: this group's range ends at the child's start; the child is recorded. */
  void stageSplit(RangeMap.Range narrowed, Child child, Batch batch) {
    batch.put(ColumnFamily.META, key(RANGE), narrowed.toProto().toByteArray());
    batch.put(ColumnFamily.META, key(RANGE_HERE), narrowed.toProto().toByteArray());
    batch.put(ColumnFamily.META, withKind(CHILD, ByteBuffer.allocate(8).putLong(child.range().groupId()).array()),
        child.range().toProto().toBuilder().setCreatedMicros(child.createdMicros()).build().toByteArray());
  }

  /**
   * Creates group {@code child} on this node unless it exists: its range, and a snapshot point at
   * index 0 whose timestamp is the split's, so that the new group's Paxos timestamps (and so its
   * commits) all lie above the split and its safe time starts there.
   *
   * @return whether it was created
   */
  static boolean stageCreated(StorageEngine engine, Child child, Batch batch) {
    GroupStorage storage = new GroupStorage(engine, child.range().groupId());
    if (engine.get(ColumnFamily.META, storage.key(RANGE)).isPresent()
        || engine.get(ColumnFamily.META, storage.key(SNAPSHOT)).isPresent()) {
      return false;
    }
    SnapshotPoint start = new SnapshotPoint(0, meridian.paxos.Ballot.ZERO, child.createdMicros(),
        new Membership(child.range().replicas()));
    batch.put(ColumnFamily.META, storage.key(RANGE), child.range().toProto().toByteArray());
    batch.put(ColumnFamily.META, storage.key(RANGE_HERE), child.range().toProto().toByteArray());
    batch.put(ColumnFamily.META, storage.key(SNAPSHOT), start.encode());
    batch.put(ColumnFamily.META, storage.key(APPLIED), start.encode());
    return true;
  }

  private static RangeMap.Range decodeRange(byte[] bytes) {
    return RangeMap.Range.fromProto(decodeRangeProto(bytes));
  }

  private static meridian.proto.v1.RangeDescriptor decodeRangeProto(byte[] bytes) {
    try {
      return meridian.proto.v1.RangeDescriptor.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("undecodable range descriptor in the meta column family: " + e.getMessage(), e);
    }
  }

  /** Records the applied point in {@code batch}, together with the writes that applied it. */
  void stageApplied(SnapshotPoint applied, Batch batch) {
    batch.put(ColumnFamily.META, key(APPLIED), applied.encode());
  }

  /**
   * Drops the log through {@code throughIndex} (at most the applied index) and records the
   * snapshot point there, in one synced batch. The state machine writes that applied those entries
   * were committed unsynced before this batch; RocksDB's WAL keeps write order, so this fsync makes
   * them durable no later than the deletion: a crash never leaves a truncated log with the state
   * covering it lost.
   *
   * @return the new snapshot point
   */
  SnapshotPoint compact(long throughIndex) {
    if (throughIndex <= snapshot.index()) {
      return snapshot;
    }
    SnapshotPoint point = snapshot;
    for (LogEntry entry : readLog(snapshot.index() + 1, throughIndex)) {
      point = point.next(entry);
    }
    if (point.index() != throughIndex) {
      throw new IllegalStateException("group " + groupId + ": cannot compact through " + throughIndex + ", the log on disk ends at "
          + point.index());
    }
    engine.newBatch()
        .put(ColumnFamily.META, key(SNAPSHOT), point.encode())
        .deleteRange(ColumnFamily.PAXOS, logKey(0), logKey(throughIndex + 1))
        .commit(true);
    snapshot = point;
    return point;
  }

  /** The snapshot being installed, when an install began and did not finish (even before a crash). */
  Optional<SnapshotPoint> installMarker() {
    return engine.get(ColumnFamily.META, key(INSTALLING)).map(SnapshotPoint::decode);
  }

  /**
   * The first, destructive step of installing {@code target}: records the install marker and
   * clears the group's state machine {@code spans} in one synced batch. From here until {@link
   * #finishInstall} the state machine is incomplete, across restarts too.
   */
  void beginInstall(SnapshotPoint target, List<SnapshotSpan> spans) {
    Batch batch = engine.newBatch().put(ColumnFamily.META, key(INSTALLING), target.encode());
    for (SnapshotSpan span : spans) {
      batch.deleteRange(span.family(), span.start(), span.end());
    }
    batch.commit(true);
  }

  /**
   * The last step of an install: the state machine now holds everything through {@code point}.
   * One synced batch records it as applied and as the snapshot point, drops the log through it
   * (entries above are kept: they may be accepted but not chosen, and Paxos needs them) and clears
   * the marker. The chunks written before, unsynced, become durable with it (WAL order).
   */
  void finishInstall(SnapshotPoint point) {
    engine.newBatch()
        .put(ColumnFamily.META, key(APPLIED), point.encode())
        .put(ColumnFamily.META, key(SNAPSHOT), point.encode())
        .deleteRange(ColumnFamily.PAXOS, logKey(0), logKey(point.index() + 1))
        .delete(ColumnFamily.META, key(INSTALLING))
        .commit(true);
    snapshot = point;
    lastIndex = Math.max(lastIndex, point.index());
  }

  /** The applied point in a consistent view: what a snapshot read from that view holds. */
  Optional<SnapshotPoint> appliedIn(ReadView view) {
    return view.get(ColumnFamily.META, key(APPLIED)).filter(b -> b.length != Long.BYTES).map(SnapshotPoint::decode);
  }

  boolean installingIn(ReadView view) {
    return view.get(ColumnFamily.META, key(INSTALLING)).isPresent();
  }

  private byte[] key(byte kind) {
    return ByteBuffer.allocate(9).putLong(groupId).put(kind).array();
  }

  private byte[] logKey(long index) {
    return ByteBuffer.allocate(17).putLong(groupId).put(LOG).putLong(index).array();
  }
}

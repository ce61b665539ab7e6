package meridian.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.PersistedState;
import meridian.paxos.Ready;
import meridian.storage.Batch;
import meridian.storage.ColumnFamily;
import meridian.storage.StorageEngine;
import meridian.storage.StorageOptions;
import meridian.storage.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group's log, applied point and snapshot point on disk, across compactions and restarts. */
class GroupStorageTest {
  static final Membership THREE = new Membership(List.of("n1", "n2", "n3"));
  static final Membership FOUR = new Membership(List.of("n1", "n2", "n3", "n4"));
  static final Ballot B1 = new Ballot(1, "n1");
  static final Ballot B2 = new Ballot(2, "n2");

  @TempDir
  Path temp;
  StorageEngine engine;

  @BeforeEach
  void open() {
    engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  void reopen() {
    engine.close();
    engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static LogEntry put(long index, Ballot ballot, long ts, String key, String value) {
    byte[] payload = TxnCodec.encodeRecord(new meridian.txn.TxnRecord.Commit(
        new meridian.txn.TxnId(ts, "test", index, 0),
        List.of(meridian.txn.Write.put(meridian.txn.Key.of(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        List.of()));
    return new LogEntry(index, ballot, ts, new Command.Write(payload));
  }

  /** Entries 1..n: writes of k{i}, a no-op at 3 with a timestamp below the writes', a membership change at 5. */
  static List<LogEntry> entries(int n) {
    List<LogEntry> log = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Ballot ballot = i <= 6 ? B1 : B2;
      if (i == 3) {
        log.add(new LogEntry(i, ballot, 5, new Command.Noop()));
      } else if (i == 5) {
        log.add(new LogEntry(i, ballot, 1000L * i, new Command.ChangeMembership(FOUR)));
      } else {
        log.add(put(i, ballot, 1000L * i, "k" + i, "v" + i));
      }
    }
    return log;
  }

  static Ready logged(List<LogEntry> entries) {
    return new Ready(Optional.of(new HardState(B2, "", 0, entries.getLast().index())), 0, entries, List.of(), List.of(),
        Optional.empty());
  }

  /** Logs and applies {@code entries} as the group's host does; returns the applied point. */
  static SnapshotPoint logAndApply(StorageEngine engine, GroupStorage storage, SnapshotPoint from, List<LogEntry> entries) {
    Batch batch = engine.newBatch();
    storage.stage(logged(entries), batch);
    batch.commit(true);
    SnapshotPoint after = from;
    for (LogEntry e : entries) {
      after = after.next(e);
    }
    new TxnStateMachine(engine).apply(entries, after, storage, new meridian.txn.GroupTxnState(),
        new RangeMap.Range(new byte[0], null, storage.groupId(), List.of("n1")));
    return after;
  }

  @Test
  void aCompactedLogLoadsFromTheSnapshotPointWithTheAppliedPoint() {
    GroupStorage storage = new GroupStorage(engine, 7);
    storage.load(THREE);
    SnapshotPoint applied = logAndApply(engine, storage, SnapshotPoint.initial(THREE), entries(20));
    SnapshotPoint snapshot = storage.compact(12);

    assertThat(snapshot).isEqualTo(new SnapshotPoint(12, B2, 12_000, FOUR));
    reopen();
    GroupStorage.Loaded loaded = new GroupStorage(engine, 7).load(THREE);
    PersistedState state = loaded.state();
    assertThat(state.snapshotIndex()).isEqualTo(12);
    assertThat(state.snapshotBallot()).isEqualTo(B2);
    assertThat(state.snapshotTimestampMicros()).isEqualTo(12_000);
    assertThat(state.snapshotMembership()).isEqualTo(FOUR);
    assertThat(state.log()).extracting(LogEntry::index).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    assertThat(state.appliedIndex()).isEqualTo(20);
    assertThat(loaded.applied()).isEqualTo(applied);
    assertThat(engine.mvcc().get(bytes("k2"), Long.MAX_VALUE).map(Version::value)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v2")));
  }

  @Test
  void theAppliedPointCarriesTheLargestTimestampAndTheMembershipAfterIt() {
    GroupStorage storage = new GroupStorage(engine, 7);
    storage.load(THREE);
    SnapshotPoint applied = logAndApply(engine, storage, SnapshotPoint.initial(THREE), entries(4));
    // Entry 3 is a no-op whose timestamp is below entry 2's: the point keeps the largest.
    assertThat(storage.compact(3)).isEqualTo(new SnapshotPoint(3, B1, 2_000, THREE));
    assertThat(applied).isEqualTo(new SnapshotPoint(4, B1, 4_000, THREE));
  }

  @Test
  void anAppliedIndexWrittenBeforeSnapshotsExistedIsCompletedFromTheLog() {
    GroupStorage storage = new GroupStorage(engine, 7);
    storage.load(THREE);
    Batch batch = engine.newBatch();
    storage.stage(logged(entries(8)), batch);
    batch.put(ColumnFamily.META, java.nio.ByteBuffer.allocate(9).putLong(7).put((byte) 0x10).array(),
        java.nio.ByteBuffer.allocate(8).putLong(6).array());
    batch.commit(true);
    reopen();
    GroupStorage.Loaded loaded = new GroupStorage(engine, 7).load(THREE);
    assertThat(loaded.applied()).isEqualTo(new SnapshotPoint(6, B1, 6_000, FOUR));
    assertThat(loaded.state().snapshotIndex()).isZero();
  }

  @Test
  void aLogThatDoesNotStartAfterTheSnapshotIsRefused() {
    GroupStorage storage = new GroupStorage(engine, 7);
    storage.load(THREE);
    Batch batch = engine.newBatch();
    storage.stage(logged(entries(8).subList(3, 8)), batch);
    batch.commit(true);
    reopen();
    assertThatThrownBy(() -> new GroupStorage(engine, 7).load(THREE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the log starts at 4 but the snapshot is at 0");
  }

  @Test
  void groupsDoNotSeeEachOthersLogs() {
    GroupStorage seven = new GroupStorage(engine, 7);
    seven.load(THREE);
    logAndApply(engine, seven, SnapshotPoint.initial(THREE), entries(10));
    seven.compact(10);
    GroupStorage eight = new GroupStorage(engine, 8);
    eight.load(THREE);
    logAndApply(engine, eight, SnapshotPoint.initial(THREE), entries(4));
    reopen();
    assertThat(new GroupStorage(engine, 8).load(THREE).state().log()).hasSize(4);
    assertThat(new GroupStorage(engine, 7).load(THREE).state().log()).isEmpty();
  }

  @Test
  void compactionThresholdsAreCountedFromTheLastSnapshot() {
    LogCompaction compaction = new LogCompaction(200, 50);
    assertThat(compaction.throughIndex(0, 249)).isZero();
    assertThat(compaction.throughIndex(0, 250)).isEqualTo(200);
    assertThat(compaction.throughIndex(200, 449)).isZero();
    assertThat(compaction.throughIndex(200, 460)).isEqualTo(410);
    assertThatThrownBy(() -> new LogCompaction(0, 5)).hasMessageContaining("--compact-every-entries");
  }

  @Test
  void aSplitRecordsTheNarrowedRangeTheChildAndItsStartAndAnInstallDoesNotForgetTheRange() {
    GroupStorage parent = new GroupStorage(engine, 7);
    assertThat(parent.loadRange()).isEmpty();
    RangeMap.Range narrowed = new RangeMap.Range(new byte[0], bytes("m"), 7, THREE.replicas());
    GroupStorage.Child child = new GroupStorage.Child(new RangeMap.Range(bytes("m"), null, 9, THREE.replicas()), 5_000);
    Batch batch = engine.newBatch();
    parent.stageSplit(narrowed, child, batch);
    assertThat(GroupStorage.stageCreated(engine, child, batch)).isTrue();
    batch.commit(true);
    assertThat(parent.loadRange().orElseThrow().end()).isEqualTo(bytes("m"));
    assertThat(parent.loadChildren()).extracting(c -> c.range().groupId()).containsExactly(9L);
    assertThat(parent.loadChildren().getFirst().createdMicros()).isEqualTo(5_000);
    GroupStorage created = new GroupStorage(engine, 9);
    assertThat(created.loadRange().orElseThrow().start()).isEqualTo(bytes("m"));
    GroupStorage.Loaded loaded = created.load(THREE);
    assertThat(loaded.state().snapshotTimestampMicros()).isEqualTo(5_000); // its timestamps start above the split
    assertThat(GroupStorage.stageCreated(engine, child, engine.newBatch())).isFalse(); // never twice

    // An install clears the replicated range record first; a restart in between still knows it.
    parent.beginInstall(SnapshotPoint.initial(THREE), SnapshotSpan.ofGroup(narrowed));
    assertThat(parent.loadRange().orElseThrow().end()).isEqualTo(bytes("m"));
  }
}

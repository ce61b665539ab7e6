package meridian.server.replication;

import static meridian.server.replication.GroupStorageTest.THREE;
import static meridian.server.replication.GroupStorageTest.bytes;
import static meridian.server.replication.GroupStorageTest.entries;
import static meridian.server.replication.GroupStorageTest.logAndApply;
import static meridian.server.replication.GroupStorageTest.logged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import meridian.paxos.LogEntry;
import meridian.proto.v1.SnapshotChunk;
import meridian.storage.Batch;
import meridian.storage.ColumnFamily;
import meridian.storage.ReadView;
import meridian.storage.StorageEngine;
import meridian.storage.StorageOptions;
import meridian.storage.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot read from one node's storage and installed into another's, whole, refused, and broken
 * off half way with a restart in between.
 */
class SnapshotInstallTest {
  static final long GROUP = 1;
  static final RangeMap RANGES = RangeMap.initial(2, g -> java.util.List.of("n1")); // group 1: first byte < 0x80; group 2: the rest
  static final List<SnapshotSpan> SPANS = SnapshotSpan.ofGroup(RANGES.range(GROUP));
  static final byte[] TXN_STATE_KEY = ByteBuffer.allocate(10).putLong(GROUP).put((byte) 0x30).put((byte) 1).array();

  @TempDir
  Path temp;
  StorageEngine source;
  StorageEngine target;

  @BeforeEach
  void open() {
    source = StorageEngine.open(temp.resolve("source"), StorageOptions.defaults());
    target = StorageEngine.open(temp.resolve("target"), StorageOptions.defaults());
    // The source applied 20 entries and compacted; a later layer keeps per-group state in META.
    GroupStorage storage = new GroupStorage(source, GROUP);
    storage.load(THREE);
    logAndApply(source, storage, SnapshotPoint.initial(THREE), entries(20));
    storage.compact(15);
    source.newBatch().put(ColumnFamily.META, TXN_STATE_KEY, bytes("prepared")).commit(true);
    // The target logged 25 entries (21..25 accepted, maybe not chosen) and applied none; it holds
    // a stale key in the group's range and a key of another group.
    GroupStorage behind = new GroupStorage(target, GROUP);
    behind.load(THREE);
    Batch batch = target.newBatch();
    behind.stage(logged(entries(25)), batch);
    batch.putVersion(bytes("k-stale"), 1, bytes("old")).putVersion(bytes("\u00f0-other"), 1, bytes("kept"));
    batch.commit(true);
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  void reopenTarget() {
    target.close();
    target = StorageEngine.open(temp.resolve("target"), StorageOptions.defaults());
  }

  /** The source's snapshot, in chunks of at most {@code chunkBytesMax}; the view closes with the test. */
  Iterator<SnapshotChunk> snapshot(long chunkBytesMax) {
    ReadView view = source.openReadView();
    SnapshotPoint point = new GroupStorage(source, GROUP).appliedIn(view).orElseThrow();
    return new SnapshotChunks(view, GROUP, point, SPANS, chunkBytesMax);
  }

  static Iterator<SnapshotChunk> breakingAfter(int chunks, Iterator<SnapshotChunk> inner) {
    return new Iterator<>() {
      int given;

      @Override
      public boolean hasNext() {
        if (given == chunks) {
          throw new IllegalStateException("connection reset (injected)");
        }
        return inner.hasNext();
      }

      @Override
      public SnapshotChunk next() {
        given++;
        return inner.next();
      }
    };
  }

  void assertInstalledAt20() {
    GroupStorage.Loaded loaded = new GroupStorage(target, GROUP).load(THREE);
    assertThat(loaded.state().snapshotIndex()).isEqualTo(20);
    assertThat(loaded.state().appliedIndex()).isEqualTo(20);
    assertThat(loaded.applied()).isEqualTo(new SnapshotPoint(20, GroupStorageTest.B2, 20_000, GroupStorageTest.FOUR));
    // Entries above the snapshot stay: they may be accepted but not chosen.
    assertThat(loaded.state().log()).extracting(LogEntry::index).containsExactly(21L, 22L, 23L, 24L, 25L);
    for (int i : List.of(1, 2, 4, 6, 19, 20)) {
      assertThat(target.mvcc().get(bytes("k" + i), Long.MAX_VALUE).map(Version::value))
          .as("k" + i).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v" + i)));
    }
    assertThat(target.mvcc().get(bytes("k-stale"), Long.MAX_VALUE)).isEmpty();
    assertThat(target.mvcc().get(bytes("\u00f0-other"), Long.MAX_VALUE)).isPresent();
    assertThat(target.get(ColumnFamily.META, TXN_STATE_KEY)).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("prepared")));
  }

  @Test
  void aSnapshotReplacesTheGroupsStateAndKeepsTheLogAboveIt() {
    GroupStorage storage = new GroupStorage(target, GROUP);
    SnapshotInstaller.Written written = SnapshotInstaller.write(target, storage, SPANS, 18, snapshot(64));
    storage.finishInstall(written.point());
    // 18 writes, their 18 commit decisions and the last commit timestamp (the group's transaction
    // state), and the META state key.
    assertThat(written.entries()).isEqualTo(38);
    reopenTarget();
    assertInstalledAt20();
  }

  @Test
  void aSnapshotBelowTheFloorIsRefusedBeforeAnythingIsTouched() {
    GroupStorage storage = new GroupStorage(target, GROUP);
    assertThatThrownBy(() -> SnapshotInstaller.write(target, storage, SPANS, 21, snapshot(64)))
        .isInstanceOf(SnapshotInstaller.SnapshotFailure.class)
        .hasMessageContaining("below the 21 needed");
    assertThat(storage.installMarker()).isEmpty();
    assertThat(target.mvcc().get(bytes("k-stale"), Long.MAX_VALUE)).isPresent();
  }

  @Test
  void aSnapshotOfOtherSpansIsRefused() {
    GroupStorage storage = new GroupStorage(target, GROUP);
    List<SnapshotSpan> otherLayout = SnapshotSpan.ofGroup(RangeMap.initial(4, g -> java.util.List.of("n1")).range(GROUP));
    assertThatThrownBy(() -> SnapshotInstaller.write(target, storage, otherLayout, 1, snapshot(64)))
        .hasMessageContaining("different --ranges");
    assertThat(storage.installMarker()).isEmpty();
  }

  @Test
  void anInstallBrokenOffHalfWayBlocksTheGroupAcrossARestartUntilOneCompletes() {
    GroupStorage storage = new GroupStorage(target, GROUP);
    assertThatThrownBy(() -> SnapshotInstaller.write(target, storage, SPANS, 18, breakingAfter(3, snapshot(64))))
        .hasMessageContaining("injected");
    reopenTarget(); // the crash: what was written so far is on disk, the rest never comes

    GroupStorage restarted = new GroupStorage(target, GROUP);
    assertThat(restarted.installMarker()).map(SnapshotPoint::index).contains(20L);
    assertThatThrownBy(() -> restarted.load(THREE)).hasMessageContaining("snapshot install at 20 is in progress");
    // The stale state is gone and the new one incomplete: nothing here may be served.
    assertThat(target.mvcc().get(bytes("k-stale"), Long.MAX_VALUE)).isEmpty();
    assertThat(target.mvcc().get(bytes("k20"), Long.MAX_VALUE)).isEmpty();

    SnapshotInstaller.Written written =
        SnapshotInstaller.write(target, restarted, SPANS, restarted.installMarker().orElseThrow().index(), snapshot(1 << 20));
    restarted.finishInstall(written.point());
    assertThat(restarted.installMarker()).isEmpty();
    reopenTarget();
    assertInstalledAt20();
  }

  @Test
  void aStreamWithoutItsTrailerIsIncomplete() {
    GroupStorage storage = new GroupStorage(target, GROUP);
    Iterator<SnapshotChunk> full = snapshot(1 << 20);
    List<SnapshotChunk> chunks = new java.util.ArrayList<>();
    full.forEachRemaining(chunks::add);
    assertThatThrownBy(() -> SnapshotInstaller.write(target, storage, SPANS, 18, chunks.subList(0, chunks.size() - 1).iterator()))
        .hasMessageContaining("without its trailer");
    assertThat(storage.installMarker()).isPresent();
  }
}

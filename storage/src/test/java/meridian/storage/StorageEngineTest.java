package meridian.storage;

import static meridian.storage.DataDirectoryTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meridian.storage.StorageException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageEngineTest {
    @TempDir
    Path temp;
    private StorageEngine engine;

    @BeforeEach
    void open() {
        engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults()
                .withBatchOperationsMax(10).withBatchSizeBytesMax(1_000).withScanSizeBytesMax(100));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aBatchSpansColumnFamiliesAndLaterOperationsWin() {
        engine.newBatch()
                .put(ColumnFamily.META, bytes("m"), bytes("1"))
                .put(ColumnFamily.PAXOS, bytes("p"), bytes("2"))
                .putVersion(bytes("d"), 5, bytes("3"))
                .put(ColumnFamily.META, bytes("gone"), bytes("x"))
                .delete(ColumnFamily.META, bytes("gone"))
                .commit(true);
        assertThat(engine.get(ColumnFamily.META, bytes("m"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("1")));
        assertThat(engine.get(ColumnFamily.PAXOS, bytes("p"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("2")));
        assertThat(engine.get(ColumnFamily.PAXOS, bytes("m"))).isEmpty();
        assertThat(engine.get(ColumnFamily.META, bytes("gone"))).isEmpty();
        assertThat(engine.mvcc().get(bytes("d"), 5)).contains(new Version(bytes("d"), bytes("3"), 5));
    }

    @Test
    void batchesAreBoundedAndARefusedOperationLeavesTheBatchAsItWas() {
        Batch batch = engine.newBatch();
        for (int i = 0; i < 10; i++) {
            batch.put(ColumnFamily.META, bytes("k" + i), bytes("v"));
        }
        assertThatThrownBy(() -> batch.put(ColumnFamily.META, bytes("k10"), bytes("v")))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LIMIT))
                .hasMessage("batch is full: 10 operations at most");
        assertThat(batch.operationCount()).isEqualTo(10);
        batch.commit(true);

        Batch big = engine.newBatch().put(ColumnFamily.META, bytes("a"), new byte[900]);
        assertThatThrownBy(() -> big.put(ColumnFamily.META, bytes("b"), new byte[100]))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LIMIT))
                .hasMessageContaining("over the limit of 1000");
        assertThat(big.sizeBytes()).isEqualTo(1 + 900 + 16);
    }

    @Test
    void aBatchCommitsOnceAndTheDataFamilyIsOnlyWrittenAsVersions() {
        Batch batch = engine.newBatch().put(ColumnFamily.META, bytes("a"), bytes("b"));
        batch.commit(false);
        assertThatThrownBy(() -> batch.commit(false)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> batch.put(ColumnFamily.META, bytes("a"), bytes("b"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> engine.newBatch().put(ColumnFamily.DATA, bytes("a"), bytes("b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.get(ColumnFamily.DATA, bytes("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.newBatch().putVersion(bytes("a"), -1, bytes("b"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rawScansAreBoundedByLimitAndSizeAndResume() {
        Batch batch = engine.newBatch();
        for (int i = 0; i < 9; i++) {
            batch.put(ColumnFamily.PAXOS, new byte[] {'k', (byte) i}, new byte[] {(byte) i});
        }
        batch.put(ColumnFamily.META, new byte[] {'k', 3}, bytes("other family"));
        batch.commit(true);

        RawScanResult first = engine.scan(ColumnFamily.PAXOS, new byte[] {'k', 2}, new byte[] {'k', 8}, 4);
        assertThat(first.entries()).extracting(e -> (int) e.key()[1]).containsExactly(2, 3, 4, 5);
        assertThat(first.more()).isTrue();
        assertThat(first.resumeKey()).isEqualTo(new byte[] {'k', 6});
        RawScanResult rest = engine.scan(ColumnFamily.PAXOS, first.resumeKey(), new byte[] {'k', 8}, 4);
        assertThat(rest.entries()).extracting(e -> (int) e.key()[1]).containsExactly(6, 7);
        assertThat(rest.more()).isFalse();
        assertThat(rest.resumeKey()).isNull();

        RawScanResult unbounded = engine.scan(ColumnFamily.PAXOS, new byte[0], null, 100);
        assertThat(unbounded.entries()).hasSize(9);

        // 100 bytes of scan budget with 2-byte keys and 50-byte values: two entries, then stop.
        engine.newBatch().put(ColumnFamily.META, bytes("x1"), new byte[50]).put(ColumnFamily.META, bytes("x2"), new byte[50])
                .put(ColumnFamily.META, bytes("x3"), new byte[50]).commit(false);
        RawScanResult sized = engine.scan(ColumnFamily.META, bytes("x"), null, 100);
        assertThat(sized.entries()).hasSize(2);
        assertThat(sized.resumeKey()).isEqualTo(bytes("x3"));

        assertThatThrownBy(() -> engine.scan(ColumnFamily.META, new byte[0], null, StorageEngine.SCAN_LIMIT_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.scan(ColumnFamily.META, bytes("b"), bytes("a"), 10).entries()).isEmpty();
    }

    @Test
    void checkpointIsAnOpenableDataDirectoryWithTheData() {
        engine.newBatch().put(ColumnFamily.META, bytes("m"), bytes("1")).putVersion(bytes("row"), 7, bytes("v7")).commit(false);
        Path target = temp.resolve("checkpoints/cp1");
        java.io.File parent = target.getParent().toFile();
        assertThat(parent.mkdirs()).isTrue();
        DataDirectoryIdentity identity = engine.checkpoint(target);
        engine.newBatch().putVersion(bytes("row"), 8, bytes("v8")).commit(false); // after the checkpoint

        assertThat(identity.checkpointOfDirectoryId()).isEqualTo(engine.identity().directoryId());
        assertThat(identity.directoryId()).isNotEqualTo(engine.identity().directoryId());
        try (StorageEngine copy = StorageEngine.open(target, StorageOptions.defaults())) {
            assertThat(copy.identity()).isEqualTo(identity);
            assertThat(copy.get(ColumnFamily.META, bytes("m"))).isPresent();
            assertThat(copy.mvcc().get(bytes("row"), Long.MAX_VALUE)).contains(new Version(bytes("row"), bytes("v7"), 7));
        }
        assertThatThrownBy(() -> engine.checkpoint(target))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.IO))
                .hasMessageContaining("already exists");
    }

    @Test
    void approximateSizeGrowsWithData() {
        try (StorageEngine roomy = StorageEngine.open(temp.resolve("roomy"), StorageOptions.defaults())) {
            long empty = roomy.approximateSizeBytes();
            Batch batch = roomy.newBatch();
            for (int i = 0; i < 100; i++) {
                batch.put(ColumnFamily.META, bytes("m" + i), new byte[10_000]);
            }
            batch.commit(false);
            assertThat(roomy.approximateSizeBytes()).isGreaterThan(empty + 1_000_000);
        }
    }

    @Test
    void closeIsIdempotentThreadSafeAndLaterOperationsFailAsClosed() throws InterruptedException {
        Batch pending = engine.newBatch().put(ColumnFamily.META, bytes("a"), bytes("b"));
        List<Thread> closers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            closers.add(Thread.ofPlatform().start(engine::close));
        }
        for (Thread closer : closers) {
            closer.join(30_000);
            assertThat(closer.isAlive()).isFalse();
        }
        engine.close();
        assertThatThrownBy(() -> pending.commit(true))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
        assertThatThrownBy(() -> engine.get(ColumnFamily.META, bytes("a")))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
        assertThatThrownBy(() -> engine.mvcc().get(bytes("a"), 1))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
    }

    @Test
    void unsyncedWritesSurviveACleanClose() {
        engine.newBatch().put(ColumnFamily.PAXOS, bytes("promise"), bytes("ballot 3")).commit(false);
        engine.close();
        engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults());
        assertThat(engine.get(ColumnFamily.PAXOS, bytes("promise"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("ballot 3")));
    }
}

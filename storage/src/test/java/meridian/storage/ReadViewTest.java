package meridian.storage;

import static meridian.storage.DataDirectoryTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadViewTest {
    @TempDir
    Path temp;
    private StorageEngine engine;

    @BeforeEach
    void open() {
        engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aViewSeesTheStateAsOfItsOpeningOnly() {
        engine.newBatch().putVersion(bytes("a"), 1, bytes("one")).put(ColumnFamily.META, bytes("m"), bytes("1")).commit(false);
        try (ReadView view = engine.openReadView()) {
            engine.newBatch().putVersion(bytes("b"), 2, bytes("two")).put(ColumnFamily.META, bytes("m"), bytes("2")).commit(false);
            assertThat(view.get(ColumnFamily.META, bytes("m"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("1")));
            RawScanResult data = view.scan(ColumnFamily.DATA, new byte[0], null, 100, 1 << 20);
            assertThat(data.entries()).hasSize(1);
            assertThat(data.more()).isFalse();
        }
        assertThat(engine.get(ColumnFamily.META, bytes("m"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("2")));
    }

    @Test
    void rawEntriesCopyByteForByteAndRangesBoundUserKeys() {
        for (String key : List.of("a", "b1", "b2", "c")) {
            engine.newBatch().putVersion(bytes(key), 5, bytes(key + "-v5")).putVersion(bytes(key), 9, bytes(key + "-v9")).commit(false);
        }
        byte[] start = MvccStore.rawKeyOf(bytes("b"));
        byte[] end = MvccStore.rawKeyOf(bytes("c"));
        List<KeyValue> copied;
        try (ReadView view = engine.openReadView()) {
            RawScanResult first = view.scan(ColumnFamily.DATA, start, end, 3, 1 << 20);
            assertThat(first.more()).isTrue();
            RawScanResult rest = view.scan(ColumnFamily.DATA, first.resumeKey(), end, 100, 1 << 20);
            copied = new java.util.ArrayList<>(first.entries());
            copied.addAll(rest.entries());
        }
        assertThat(copied).hasSize(4); // two versions each of b1 and b2
        engine.newBatch().deleteRange(ColumnFamily.DATA, start, end).commit(true);
        assertThat(engine.mvcc().get(bytes("b1"), 100)).isEmpty();
        assertThat(engine.mvcc().get(bytes("a"), 100)).isPresent();
        assertThat(engine.mvcc().get(bytes("c"), 100)).isPresent();
        Batch restore = engine.newBatch();
        copied.forEach(kv -> restore.putRaw(ColumnFamily.DATA, kv.key(), kv.value()));
        restore.commit(true);
        assertThat(engine.mvcc().get(bytes("b2"), 6)).contains(new Version(bytes("b2"), bytes("b2-v5"), 5));
        assertThat(engine.mvcc().get(bytes("b1"), 100)).contains(new Version(bytes("b1"), bytes("b1-v9"), 9));
    }

    @Test
    void anUnboundedRangeDeleteReachesTheLastKey() {
        engine.newBatch().put(ColumnFamily.META, bytes("a"), bytes("1")).put(ColumnFamily.META, new byte[] {(byte) 0xff, (byte) 0xff}, bytes("2"))
                .commit(false);
        engine.newBatch().deleteRange(ColumnFamily.META, bytes("b"), null).commit(true);
        assertThat(engine.get(ColumnFamily.META, new byte[] {(byte) 0xff, (byte) 0xff})).isEmpty();
        assertThat(engine.get(ColumnFamily.META, bytes("a"))).isPresent();
    }

    @Test
    void theEngineClosesWithAViewStillOpen() {
        ReadView view = engine.openReadView();
        engine.close();
        view.close(); // a no-op now
    }
}

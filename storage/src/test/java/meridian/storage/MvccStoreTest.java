package meridian.storage;

import static meridian.storage.DataDirectoryTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvccStoreTest {
    @TempDir
    Path temp;
    private StorageEngine engine;
    private MvccStore mvcc;

    @BeforeEach
    void open() {
        engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults());
        mvcc = engine.mvcc();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void getReturnsTheNewestVersionAtOrBelowTheReadTimestamp() {
        engine.newBatch().putVersion(bytes("k"), 10, bytes("v10")).putVersion(bytes("k"), 20, bytes("v20")).commit(true);
        engine.newBatch().deleteVersion(bytes("k"), 30).putVersion(bytes("k"), 40, bytes("v40")).commit(true);

        assertThat(mvcc.get(bytes("k"), 9)).isEmpty();
        assertThat(mvcc.get(bytes("k"), 10)).contains(new Version(bytes("k"), bytes("v10"), 10));
        assertThat(mvcc.get(bytes("k"), 19)).contains(new Version(bytes("k"), bytes("v10"), 10));
        assertThat(mvcc.get(bytes("k"), 20)).contains(new Version(bytes("k"), bytes("v20"), 20));
        assertThat(mvcc.get(bytes("k"), 30)).as("tombstone").isEmpty();
        assertThat(mvcc.get(bytes("k"), 39)).isEmpty();
        assertThat(mvcc.get(bytes("k"), Long.MAX_VALUE)).contains(new Version(bytes("k"), bytes("v40"), 40));
        assertThat(mvcc.get(bytes("other"), Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void keysThatArePrefixesOfOthersDoNotInterleaveWithTheirVersions() {
        byte[] a = bytes("a");
        byte[] a0 = {'a', 0};
        byte[] a00 = {'a', 0, 0};
        byte[] aFF = {'a', (byte) 0xFF};
        engine.newBatch()
                .putVersion(a, 5, bytes("a@5")).putVersion(a0, 7, bytes("a0@7")).putVersion(a00, 3, bytes("a00@3"))
                .putVersion(aFF, 1, bytes("aFF@1")).putVersion(new byte[0], 2, bytes("empty@2"))
                .commit(false);
        assertThat(mvcc.get(a, 6)).contains(new Version(a, bytes("a@5"), 5));
        assertThat(mvcc.get(a, 4)).isEmpty();
        assertThat(mvcc.get(a0, 6)).isEmpty();
        assertThat(mvcc.get(a00, 100)).contains(new Version(a00, bytes("a00@3"), 3));
        ScanResult all = mvcc.scan(new byte[0], null, 100, 100);
        assertThat(all.rows()).extracting(Version::key).containsExactly(new byte[0], a, a0, a00, aFF);
        assertThat(mvcc.scan(a, aFF, 4, 100).rows()).extracting(Version::key).containsExactly(a00);
    }

    @Test
    void scanReturnsVisibleRowsSkipsTombstonesAndHonoursBounds() {
        engine.newBatch()
                .putVersion(bytes("a"), 1, bytes("a1")).putVersion(bytes("a"), 5, bytes("a5"))
                .putVersion(bytes("b"), 1, bytes("b1")).deleteVersion(bytes("b"), 3)
                .putVersion(bytes("c"), 4, bytes("c4"))
                .putVersion(bytes("d"), 9, bytes("d9"))
                .commit(true);
        assertThat(mvcc.scan(new byte[0], null, 4, 100).rows()).containsExactly(
                new Version(bytes("a"), bytes("a1"), 1), new Version(bytes("c"), bytes("c4"), 4));
        assertThat(mvcc.scan(new byte[0], null, 2, 100).rows()).extracting(Version::key).containsExactly(bytes("a"), bytes("b"));
        assertThat(mvcc.scan(bytes("b"), bytes("d"), 100, 100).rows()).extracting(Version::key).containsExactly(bytes("c"));
        assertThat(mvcc.scan(bytes("a"), bytes("a"), 100, 100).rows()).isEmpty();
        ScanResult everything = mvcc.scan(new byte[0], null, Long.MAX_VALUE, 100);
        assertThat(everything.rows()).extracting(Version::timestampMicros).containsExactly(5L, 4L, 9L);
        assertThat(everything.more()).isFalse();
    }

    @Test
    void scanStopsAtTheLimitWithAnExactResumeKey() {
        Batch batch = engine.newBatch();
        for (char c = 'a'; c <= 'f'; c++) {
            batch.putVersion(bytes("" + c), 1, bytes("v"));
        }
        batch.deleteVersion(bytes("d"), 2).deleteVersion(bytes("e"), 2).deleteVersion(bytes("f"), 2).commit(true);

        ScanResult first = mvcc.scan(new byte[0], null, 10, 2);
        assertThat(first.rows()).extracting(Version::key).containsExactly(bytes("a"), bytes("b"));
        assertThat(first.more()).isTrue();
        assertThat(first.resumeKey()).isEqualTo(bytes("c"));
        ScanResult second = mvcc.scan(first.resumeKey(), null, 10, 1);
        assertThat(second.rows()).extracting(Version::key).containsExactly(bytes("c"));
        assertThat(second.more()).as("only tombstones follow").isFalse();
    }

    @Test
    void scanWorkIsBoundedByVersionsExaminedAndAlwaysProgresses() {
        engine.close();
        engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults().withScanVersionsExaminedMax(1));
        mvcc = engine.mvcc();
        Batch batch = engine.newBatch();
        for (int i = 0; i < 5; i++) {
            batch.putVersion(new byte[] {(byte) i}, 1, bytes("v")).putVersion(new byte[] {(byte) i}, 100, bytes("new"));
        }
        batch.deleteVersion(new byte[] {2}, 2).commit(false);
        List<Integer> seen = new java.util.ArrayList<>();
        byte[] resume = new byte[0];
        int calls = 0;
        while (resume != null) {
            ScanResult result = mvcc.scan(resume, null, 50, 10);
            result.rows().forEach(row -> seen.add((int) row.key()[0]));
            resume = result.resumeKey();
            assertThat(++calls).isLessThan(50);
        }
        assertThat(seen).containsExactly(0, 1, 3, 4);
    }

    @Test
    void overwritingAVersionAtTheSameTimestampReplacesIt() {
        engine.newBatch().putVersion(bytes("k"), 10, bytes("first")).commit(false);
        engine.newBatch().putVersion(bytes("k"), 10, bytes("second")).commit(false);
        assertThat(mvcc.get(bytes("k"), 10)).contains(new Version(bytes("k"), bytes("second"), 10));
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> mvcc.get(bytes("k"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mvcc.scan(new byte[0], null, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mvcc.scan(new byte[0], null, 1, MvccStore.SCAN_LIMIT_MAX + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mvcc.gcBelow(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.newBatch().putVersion(new byte[64 * 1024 + 1], 1, bytes("v")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package meridian.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random histories of versioned writes, reads, scans and GC checked against an in-memory model.
 * Replay a failure with {@code -Dmeridian.seed=SEED}.
 */
class MvccModelTest {
    private static final int ROUNDS = 40;
    private static final long TIMESTAMP_MAX = 60;
    private static long seed;

    @TempDir
    Path temp;

    /** key -> (timestamp -> value, null for a tombstone), keys in unsigned byte order. */
    private final NavigableMap<byte[], NavigableMap<Long, byte[]>> model = new TreeMap<>(Arrays::compareUnsigned);

    @BeforeAll
    static void chooseSeed() {
        seed = Long.getLong("meridian.seed", new SplittableRandom().nextLong());
        System.out.println("MvccModelTest seed=" + seed + " (replay with -Dmeridian.seed=" + seed + ")");
    }

    @Test
    void readsScansAndGcAgreeWithTheModel() {
        SplittableRandom random = new SplittableRandom(seed);
        StorageOptions options = StorageOptions.defaults()
                .withScanVersionsExaminedMax(random.nextInt(1, 8))
                .withScanSizeBytesMax(random.nextInt(1, 40));
        try (StorageEngine engine = StorageEngine.open(temp.resolve("node"), options)) {
            for (int round = 0; round < ROUNDS; round++) {
                writeSomeVersions(engine, random);
                checkGets(engine.mvcc(), random);
                checkScans(engine.mvcc(), random);
                if (random.nextInt(3) == 0) {
                    collectGarbage(engine.mvcc(), random);
                }
            }
        }
    }

    private void writeSomeVersions(StorageEngine engine, SplittableRandom random) {
        Batch batch = engine.newBatch();
        for (int i = random.nextInt(1, 20); i > 0; i--) {
            byte[] key = randomKey(random);
            long timestamp = random.nextLong(0, TIMESTAMP_MAX);
            byte[] value = random.nextInt(4) == 0 ? null : new byte[] {(byte) random.nextInt(), 0, 1};
            if (value == null) {
                batch.deleteVersion(key, timestamp);
            } else {
                batch.putVersion(key, timestamp, value);
            }
            model.computeIfAbsent(key, k -> new TreeMap<>()).put(timestamp, value);
        }
        batch.commit(random.nextBoolean());
    }

    private void checkGets(MvccStore mvcc, SplittableRandom random) {
        for (int i = 0; i < 100; i++) {
            byte[] key = randomKey(random);
            long readTimestamp = random.nextLong(0, TIMESTAMP_MAX + 5);
            assertThat(mvcc.get(key, readTimestamp)).as("seed %d: get %s at %d", seed, Arrays.toString(key), readTimestamp)
                    .isEqualTo(java.util.Optional.ofNullable(visible(key, readTimestamp)));
        }
    }

    private void checkScans(MvccStore mvcc, SplittableRandom random) {
        for (int i = 0; i < 20; i++) {
            byte[] start = random.nextInt(4) == 0 ? new byte[0] : randomKey(random);
            byte[] end = random.nextInt(3) == 0 ? null : randomKey(random);
            long readTimestamp = random.nextLong(0, TIMESTAMP_MAX + 5);
            assertThat(scanAll(mvcc, start, end, readTimestamp, random.nextInt(1, 6)))
                    .as("seed %d: scan [%s, %s) at %d", seed, Arrays.toString(start), Arrays.toString(end), readTimestamp)
                    .isEqualTo(expectedScan(start, end, readTimestamp));
        }
    }

    private void collectGarbage(MvccStore mvcc, SplittableRandom random) {
        long horizon = random.nextLong(0, TIMESTAMP_MAX + 5);
        Map<Long, List<Version>> before = new TreeMap<>();
        for (long t = horizon; t <= TIMESTAMP_MAX + 1; t++) {
            before.put(t, scanAll(mvcc, new byte[0], null, t, MvccStore.SCAN_LIMIT_MAX));
        }
        long expectedDeletes = applyGcToModel(horizon);
        long deleted = 0;
        byte[] resume = new byte[0];
        for (int calls = 0; resume != null; calls++) {
            assertThat(calls).as("seed %d: gc must make progress", seed).isLessThan(10_000);
            GcResult result = mvcc.gcBelow(horizon, resume, random.nextInt(2, 8));
            deleted += result.versionsDeleted();
            resume = result.resumeKey();
        }
        assertThat(deleted).as("seed %d: versions deleted below horizon %d", seed, horizon).isEqualTo(expectedDeletes);
        for (Map.Entry<Long, List<Version>> entry : before.entrySet()) {
            assertThat(scanAll(mvcc, new byte[0], null, entry.getKey(), MvccStore.SCAN_LIMIT_MAX))
                    .as("seed %d: read at %d >= horizon %d changed by GC", seed, entry.getKey(), horizon)
                    .isEqualTo(entry.getValue());
        }
        assertThat(mvcc.gcBelow(horizon, MvccStore.GC_VERSIONS_EXAMINED_MAX).versionsDeleted()).as("a second pass finds nothing").isZero();
    }

    /** Applies the GC rule to the model; returns how many versions it removed. */
    private long applyGcToModel(long horizon) {
        long removed = 0;
        for (NavigableMap<Long, byte[]> versions : model.values()) {
            Map.Entry<Long, byte[]> newestBelow = versions.floorEntry(horizon);
            if (newestBelow == null) {
                continue;
            }
            NavigableMap<Long, byte[]> doomed = versions.headMap(newestBelow.getKey(), newestBelow.getValue() == null);
            removed += doomed.size();
            doomed.clear();
        }
        model.values().removeIf(NavigableMap::isEmpty);
        return removed;
    }

    private static List<Version> scanAll(MvccStore mvcc, byte[] start, byte[] end, long readTimestamp, int limit) {
        List<Version> rows = new ArrayList<>();
        byte[] resume = start;
        for (int calls = 0; resume != null; calls++) {
            assertThat(calls).as("seed %d: scan must make progress", seed).isLessThan(10_000);
            ScanResult result = mvcc.scan(resume, end, readTimestamp, limit);
            assertThat(result.rows().size()).isLessThanOrEqualTo(limit);
            rows.addAll(result.rows());
            resume = result.resumeKey();
        }
        return rows;
    }

    private List<Version> expectedScan(byte[] start, byte[] end, long readTimestamp) {
        if (end != null && Arrays.compareUnsigned(start, end) >= 0) {
            return List.of();
        }
        NavigableMap<byte[], NavigableMap<Long, byte[]>> range = end == null ? model.tailMap(start, true) : model.subMap(start, true, end, false);
        List<Version> rows = new ArrayList<>();
        for (byte[] key : range.keySet()) {
            Version version = visible(key, readTimestamp);
            if (version != null) {
                rows.add(version);
            }
        }
        return rows;
    }

    private Version visible(byte[] key, long readTimestamp) {
        NavigableMap<Long, byte[]> versions = model.get(key);
        Map.Entry<Long, byte[]> entry = versions == null ? null : versions.floorEntry(readTimestamp);
        return entry == null || entry.getValue() == null ? null : new Version(key, entry.getValue(), entry.getKey());
    }

    /** Short keys over an alphabet with 0x00 and 0xFF, so prefixes and escapes are common. */
    private static byte[] randomKey(SplittableRandom random) {
        byte[] alphabet = {0x00, 0x01, 'a', (byte) 0xFF};
        byte[] key = new byte[random.nextInt(0, 4)];
        for (int i = 0; i < key.length; i++) {
            key[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return key;
    }
}

package meridian.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * Timestamped reads over the {@link ColumnFamily#DATA} column family, whose layout is described
 * in {@link VersionLayout}; writes go through {@link Batch#putVersion} and
 * {@link Batch#deleteVersion}. Thread-safe, except that {@link #gcBelow} runs one call at a time.
 */
public final class MvccStore {
    /** The most rows one {@link #scan} returns. */
    public static final int SCAN_LIMIT_MAX = 10_000;
    /** The most versions one {@link #gcBelow} call may examine. */
    public static final int GC_VERSIONS_EXAMINED_MAX = 100_000;
    /** Versions of one key stepped over with {@code next()} before a {@code seek()} is cheaper. */
    private static final int NEXTS_BEFORE_SEEK = 4;

    private final StorageEngine engine;
    private final AtomicBoolean gcRunning = new AtomicBoolean();

    MvccStore(StorageEngine engine) {
        this.engine = engine;
    }

    /**
     * The raw {@link ColumnFamily#DATA} key at which the versions of user keys {@code >= userKey}
     * begin: the versions of every user key in {@code [a, b)} lie in {@code [rawKeyOf(a),
     * rawKeyOf(b))}. For copying or clearing a key range raw ({@link ReadView#scan}, {@link
     * Batch#deleteRange}).
     */
    public static byte[] rawKeyOf(byte[] userKey) {
        return VersionLayout.prefix(Objects.requireNonNull(userKey, "userKey"));
    }

    /**
     * The newest version of {@code key} with a timestamp at or below {@code readTimestampMicros};
     * empty when there is none or it is a tombstone.
     */
    public Optional<Version> get(byte[] key, long readTimestampMicros) {
        Objects.requireNonNull(key, "key");
        byte[] seekKey = VersionLayout.versionKey(key, readTimestampMicros);
        byte[] end = VersionLayout.end(key);
        return engine.access("mvcc get", db -> {
            try (Slice upper = new Slice(end);
                    ReadOptions read = new ReadOptions().setIterateUpperBound(upper);
                    RocksIterator it = db.newIterator(engine.handle(ColumnFamily.DATA), read)) {
                it.seek(seekKey);
                if (!it.isValid()) {
                    it.status();
                    return Optional.empty();
                }
                byte[] stored = it.value();
                if (VersionLayout.isTombstone(stored)) {
                    return Optional.empty();
                }
                return Optional.of(new Version(key.clone(), VersionLayout.userValueOf(stored), VersionLayout.timestampOf(it.key())));
            }
        });
    }

    /**
     * The visible rows with keys in {@code [startInclusive, endExclusive)} as of
     * {@code readTimestampMicros}, in key order: for each key its newest version at or below the
     * read timestamp, unless that is a tombstone. A null end means no bound; the empty start is
     * the beginning of the key space. Stops at {@code limit} rows, at
     * {@link StorageOptions#scanSizeBytesMax()} bytes or after
     * {@link StorageOptions#scanVersionsExaminedMax()} versions, whichever comes first.
     */
    public ScanResult scan(byte[] startInclusive, byte[] endExclusive, long readTimestampMicros, int limit) {
        Objects.requireNonNull(startInclusive, "startInclusive");
        if (limit < 1 || limit > SCAN_LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + SCAN_LIMIT_MAX + "], was " + limit);
        }
        if (endExclusive != null && Arrays.compareUnsigned(startInclusive, endExclusive) >= 0) {
            return new ScanResult(List.of(), false, null);
        }
        byte[] upperBound = endExclusive == null ? null : VersionLayout.prefix(endExclusive);
        StorageOptions options = engine.options();
        return engine.access("mvcc scan", db -> {
            try (Slice upper = upperBound == null ? null : new Slice(upperBound);
                    ReadOptions read = new ReadOptions()) {
                if (upper != null) {
                    read.setIterateUpperBound(upper);
                }
                try (RocksIterator it = db.newIterator(engine.handle(ColumnFamily.DATA), read)) {
                    // Starting at the start key's snapshot version skips its newer versions for free, so a
                    // resumed scan always makes progress.
                    return scan(it, VersionLayout.versionKey(startInclusive, readTimestampMicros), readTimestampMicros, limit, options);
                }
            }
        });
    }

    private static ScanResult scan(RocksIterator it, byte[] start, long readTimestampMicros, int limit, StorageOptions options)
            throws org.rocksdb.RocksDBException {
        List<Version> rows = new ArrayList<>();
        long sizeBytes = 0;
        int examined = 0;
        it.seek(start);
        while (it.isValid()) {
            byte[] versionKey = it.key();
            if (examined >= options.scanVersionsExaminedMax()) {
                return new ScanResult(rows, true, VersionLayout.userKeyOf(versionKey));
            }
            examined++;
            byte[] userKey = VersionLayout.userKeyOf(versionKey);
            if (VersionLayout.timestampOf(versionKey) > readTimestampMicros) {
                it.seek(VersionLayout.versionKey(userKey, readTimestampMicros)); // skip versions above the snapshot
                continue;
            }
            byte[] stored = it.value();
            if (!VersionLayout.isTombstone(stored)) {
                if (rows.size() == limit || sizeBytes >= options.scanSizeBytesMax()) {
                    return new ScanResult(rows, true, userKey); // a next visible row exists
                }
                Version row = new Version(userKey, VersionLayout.userValueOf(stored), VersionLayout.timestampOf(versionKey));
                rows.add(row);
                sizeBytes += row.key().length + row.value().length;
            }
            skipOlderVersions(it, versionKey, userKey);
        }
        it.status();
        return new ScanResult(rows, false, null);
    }

    /** Moves the iterator from one version of a key to the first version of the next key. */
    static void skipOlderVersions(RocksIterator it, byte[] versionKey, byte[] userKey) {
        for (int i = 0; i < NEXTS_BEFORE_SEEK; i++) {
            it.next();
            if (!it.isValid() || !VersionLayout.sameUserKey(versionKey, it.key())) {
                return;
            }
        }
        it.seek(VersionLayout.end(userKey));
    }

    /**
     * Removes the versions no reader at a timestamp at or above {@code horizonMicros} can see, from
     * the start of the key space; see {@link #gcBelow(long, byte[], int)}.
     */
    public GcResult gcBelow(long horizonMicros, int versionsExaminedMax) {
        return gcBelow(horizonMicros, new byte[0], versionsExaminedMax);
    }

    /**
     * Removes, for keys from {@code startKey} on, the versions no reader at a timestamp at or above
     * {@code horizonMicros} can see. Per key it keeps every version above the horizon and the
     * newest at or below it, unless that one is a tombstone: then it and all older versions go.
     * Examines at most {@code versionsExaminedMax} versions (at least 2, so that every call makes
     * progress), deletes in one unsynced batch, and returns where to resume.
     *
     * @throws IllegalStateException when another gcBelow call is running
     */
    public GcResult gcBelow(long horizonMicros, byte[] startKey, int versionsExaminedMax) {
        Objects.requireNonNull(startKey, "startKey");
        if (versionsExaminedMax < 2 || versionsExaminedMax > GC_VERSIONS_EXAMINED_MAX) {
            throw new IllegalArgumentException("versionsExaminedMax must be in [2, " + GC_VERSIONS_EXAMINED_MAX
                    + "], was " + versionsExaminedMax);
        }
        if (!gcRunning.compareAndSet(false, true)) {
            throw new IllegalStateException("gcBelow is already running; calls must not overlap");
        }
        try {
            return engine.access("mvcc gc", db -> new VersionCollector(engine, horizonMicros, versionsExaminedMax).collect(db, startKey));
        } finally {
            gcRunning.set(false);
        }
    }
}

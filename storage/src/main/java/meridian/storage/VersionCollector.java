package meridian.storage;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * One bounded pass of MVCC garbage collection; see {@link MvccStore#gcBelow(long, byte[], int)}.
 *
 * <p>For each key the pass seeks straight to the newest version at or below the horizon (versions
 * above it are always kept and never examined), keeps it if it holds a value, and deletes every
 * older version. When that newest version is a tombstone it is deleted too, but only in the same
 * batch as all the older versions: deleting it first would resurrect the next older value for the
 * following pass. If the bound cuts a key short, the pass resumes at that key, which is correct
 * because everything it deleted was below the kept version (or below a still-present tombstone).
 */
final class VersionCollector {
    private final StorageEngine engine;
    private final long horizonMicros;
    private final int versionsExaminedMax;
    private long examined;
    private long deleted;

    VersionCollector(StorageEngine engine, long horizonMicros, int versionsExaminedMax) {
        this.engine = engine;
        this.horizonMicros = horizonMicros;
        this.versionsExaminedMax = versionsExaminedMax;
    }

    GcResult collect(RocksDB db, byte[] startKey) throws RocksDBException {
        try (ReadOptions read = new ReadOptions();
                RocksIterator it = db.newIterator(engine.handle(ColumnFamily.DATA), read);
                WriteBatch deletes = new WriteBatch()) {
            byte[] resumeKey = collect(it, deletes, startKey);
            if (resumeKey == null) {
                it.status();
            }
            if (deletes.count() > 0) {
                // Unsynced: a lost delete is redone by a later pass, and it hides nothing a reader needs.
                engine.write(deletes, false);
            }
            return new GcResult(examined, deleted, resumeKey);
        }
    }

    /** Fills {@code deletes}; returns the key to resume at, or null when the key space is done. */
    private byte[] collect(RocksIterator it, WriteBatch deletes, byte[] startKey) throws RocksDBException {
        it.seek(VersionLayout.versionKey(startKey, horizonMicros));
        while (it.isValid()) {
            byte[] newest = it.key();
            byte[] userKey = VersionLayout.userKeyOf(newest);
            if (examined >= versionsExaminedMax) {
                return userKey;
            }
            examined++;
            if (VersionLayout.timestampOf(newest) > horizonMicros) {
                it.seek(VersionLayout.versionKey(userKey, horizonMicros));
                continue;
            }
            // newest is the newest version of userKey at or below the horizon.
            boolean tombstone = VersionLayout.isTombstone(it.value());
            for (it.next(); it.isValid() && VersionLayout.sameUserKey(newest, it.key()); it.next()) {
                if (examined >= versionsExaminedMax) {
                    return userKey; // the tombstone, if any, stays until all older versions are gone
                }
                examined++;
                deletes.delete(engine.handle(ColumnFamily.DATA), it.key());
                deleted++;
            }
            if (tombstone) {
                deletes.delete(engine.handle(ColumnFamily.DATA), newest);
                deleted++;
            }
        }
        return null;
    }
}

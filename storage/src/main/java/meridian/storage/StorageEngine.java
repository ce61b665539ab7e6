package meridian.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import meridian.storage.StorageException.Kind;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Statistics;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's storage: one RocksDB instance in a data directory, with the column families of
 * {@link ColumnFamily}. See {@link meridian.storage} for the guarantees.
 *
 * <p>Thread-safe. Operations may run concurrently with each other; {@link #close()} waits (up to
 * {@link StorageOptions#closeTimeoutMillis()}) for those in flight and fails later ones with
 * {@link Kind#CLOSED}. RocksDB's native handles are only touched under the lifecycle read lock, so
 * a close can never free them under a running operation (a use after free in native code crashes
 * the JVM). That read lock is held across blocking RocksDB calls, the fsync of a synced commit
 * included; this is deliberate and does not break the rule against holding locks while blocking,
 * because it is shared: no operation ever waits for another, only {@code close} waits, and only
 * for a bounded time.
 */
public final class StorageEngine implements AutoCloseable {
    /** The most entries one {@link #scan} returns. */
    public static final int SCAN_LIMIT_MAX = 10_000;

    private static final Logger log = LoggerFactory.getLogger(StorageEngine.class);
    private static final String DEFAULT_COLUMN_FAMILY = "default";

    static {
        RocksDB.loadLibrary();
    }

    private final Path dataDir;
    private final DataDirectoryIdentity identity;
    private final StorageOptions options;
    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions columnFamilyOptions;
    private final List<ColumnFamilyHandle> allHandles;
    private final Map<ColumnFamily, ColumnFamilyHandle> handles;
    private final WriteOptions syncWrites;
    private final WriteOptions bufferedWrites;
    private final MvccStore mvcc;

    private final java.util.Set<ReadView> openViews = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Held shared by every operation that touches a native handle, exclusively by close. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Set before close waits for the lock, so that new operations fail at once. */
    private volatile boolean closing;
    // Guarded by lifecycle's write lock.
    private boolean released;

    private StorageEngine(Path dataDir, DataDirectoryIdentity identity, StorageOptions options, RocksDB db,
            DBOptions dbOptions, ColumnFamilyOptions columnFamilyOptions, List<ColumnFamilyHandle> allHandles) {
        this.dataDir = dataDir;
        this.identity = identity;
        this.options = options;
        this.db = db;
        this.dbOptions = dbOptions;
        this.columnFamilyOptions = columnFamilyOptions;
        this.allHandles = allHandles;
        this.handles = new EnumMap<>(ColumnFamily.class);
        for (ColumnFamily family : ColumnFamily.values()) {
            handles.put(family, allHandles.get(family.ordinal() + 1)); // 0 is "default"
        }
        this.syncWrites = new WriteOptions().setSync(true);
        this.bufferedWrites = new WriteOptions().setSync(false);
        this.mvcc = new MvccStore(this);
    }

    /**
     * Opens the node's storage in {@code dataDir}. A missing or empty directory is initialized:
     * identity file {@value DataDirectoryIdentity#FILE_NAME} first, then RocksDB under
     * {@code dataDir/rocksdb}. Anything else must be a Meridian data directory.
     *
     * @throws StorageException {@link Kind#FOREIGN} for a non-empty directory without an identity
     *     file (left untouched), {@link Kind#CORRUPTED}, {@link Kind#UNSUPPORTED_FORMAT},
     *     {@link Kind#LOCKED} when another engine has it open, {@link Kind#IO} otherwise
     */
    public static StorageEngine open(Path dataDir, StorageOptions options) {
        return open(dataDir, options, null);
    }

    /** As {@link #open(Path, StorageOptions)}, recording RocksDB's counters into {@code statistics} if not null. */
    static StorageEngine open(Path dataDir, StorageOptions options, Statistics statistics) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(options, "options");
        DataDirectory.Prepared prepared = DataDirectory.prepare(dataDir);
        DBOptions dbOptions = new DBOptions()
                .setCreateIfMissing(prepared.created()) // never re-create a database that vanished
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                // Drop a torn WAL tail after a crash, keep everything synced before it.
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setKeepLogFileNum(10)
                .setMaxLogFileSize(16L << 20);
        if (statistics != null) {
            dbOptions.setStatistics(statistics);
        }
        ColumnFamilyOptions columnFamilyOptions = new ColumnFamilyOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(DEFAULT_COLUMN_FAMILY.getBytes(StandardCharsets.UTF_8), columnFamilyOptions));
        for (ColumnFamily family : ColumnFamily.values()) {
            descriptors.add(new ColumnFamilyDescriptor(family.rocksName().getBytes(StandardCharsets.UTF_8), columnFamilyOptions));
        }
        List<ColumnFamilyHandle> allHandles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(dbOptions, DataDirectory.rocksPath(dataDir).toString(), descriptors, allHandles);
            log.info("opened data directory {} (id {}, {})", dataDir, prepared.identity().directoryId(),
                    prepared.created() ? "created" : "existing");
            return new StorageEngine(dataDir, prepared.identity(), options, db, dbOptions, columnFamilyOptions, allHandles);
        } catch (RocksDBException e) {
            columnFamilyOptions.close();
            dbOptions.close();
            throw RocksFailures.onOpen(dataDir, e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public DataDirectoryIdentity identity() {
        return identity;
    }

    public StorageOptions options() {
        return options;
    }

    /** Versioned reads and garbage collection over the {@link ColumnFamily#DATA} column family. */
    public MvccStore mvcc() {
        return mvcc;
    }

    /** A new, empty batch of writes; see {@link Batch}. */
    public Batch newBatch() {
        return new Batch(this);
    }

    /** The value of {@code key} in {@code family} (not {@link ColumnFamily#DATA}), if present. */
    public Optional<byte[]> get(ColumnFamily family, byte[] key) {
        requireRaw(family);
        Objects.requireNonNull(key, "key");
        return access("get", db -> Optional.ofNullable(db.get(handle(family), key)));
    }

    /**
     * Up to {@code limit} entries of {@code family} (not {@link ColumnFamily#DATA}) with keys in
     * {@code [startInclusive, endExclusive)}, in unsigned byte order. A null end means no bound.
     * The scan also stops after {@link StorageOptions#scanSizeBytesMax()} bytes.
     */
    public RawScanResult scan(ColumnFamily family, byte[] startInclusive, byte[] endExclusive, int limit) {
        requireRaw(family);
        Objects.requireNonNull(startInclusive, "startInclusive");
        if (limit < 1 || limit > SCAN_LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + SCAN_LIMIT_MAX + "], was " + limit);
        }
        if (endExclusive != null && Arrays.compareUnsigned(startInclusive, endExclusive) >= 0) {
            return new RawScanResult(List.of(), false, null);
        }
        return access("scan " + family.rocksName(), db -> {
            try (Slice upper = endExclusive == null ? null : new Slice(endExclusive);
                    ReadOptions read = new ReadOptions()) {
                if (upper != null) {
                    read.setIterateUpperBound(upper);
                }
                try (RocksIterator it = db.newIterator(handle(family), read)) {
                    List<KeyValue> entries = new ArrayList<>();
                    long sizeBytes = 0;
                    for (it.seek(startInclusive); it.isValid(); it.next()) {
                        if (entries.size() == limit || sizeBytes >= options.scanSizeBytesMax()) {
                            return new RawScanResult(entries, true, it.key());
                        }
                        KeyValue entry = new KeyValue(it.key(), it.value());
                        entries.add(entry);
                        sizeBytes += entry.key().length + entry.value().length;
                    }
                    it.status();
                    return new RawScanResult(entries, false, null);
                }
            }
        });
    }

    /** A consistent view of every column family as of now; see {@link ReadView}. Close it. */
    public ReadView openReadView() {
        return access("open read view", db -> {
            ReadView view = new ReadView(this, db.getSnapshot());
            openViews.add(view);
            return view;
        });
    }

    void forget(ReadView view) {
        openViews.remove(view);
    }

    /**
     * Writes a consistent copy of the whole database into {@code target}, which must not exist,
     * using hard links where the file system allows. The copy is a data directory of its own, with
     * a fresh identity that names this one in {@link DataDirectoryIdentity#checkpointOfDirectoryId()},
     * and can be opened with {@link #open}.
     */
    public DataDirectoryIdentity checkpoint(Path target) {
        Objects.requireNonNull(target, "target");
        if (Files.exists(target)) {
            throw new StorageException(Kind.IO, "checkpoint target " + target + " already exists");
        }
        DataDirectoryIdentity checkpointIdentity = DataDirectoryIdentity.fresh(identity.directoryId());
        access("checkpoint", db -> {
            try (Checkpoint checkpoint = Checkpoint.create(db)) {
                Files.createDirectories(target);
                checkpoint.createCheckpoint(DataDirectory.rocksPath(target).toString());
                // The identity goes last: a crash before it leaves a directory that open() refuses.
                DataDirectory.writeIdentity(target, checkpointIdentity);
                return null;
            } catch (IOException e) {
                throw new StorageException(Kind.IO, "checkpoint into " + target + " failed: " + e, e);
            }
        });
        return checkpointIdentity;
    }

    /** The size of SST files plus memtables over all column families; an estimate, cheap to call. */
    public long approximateSizeBytes() {
        return access("approximate size", db -> {
            long total = 0;
            for (ColumnFamilyHandle handle : handles.values()) {
                total += db.getLongProperty(handle, "rocksdb.total-sst-files-size");
                total += db.getLongProperty(handle, "rocksdb.cur-size-all-mem-tables");
            }
            return total;
        });
    }

    /**
     * Waits for in-flight operations, fsyncs the WAL, closes the column family handles and then
     * RocksDB. Idempotent and thread-safe; operations after it fail with {@link Kind#CLOSED}.
     */
    @Override
    public void close() {
        closing = true;
        Lock exclusive = lifecycle.writeLock();
        try {
            if (!exclusive.tryLock(options.closeTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                throw new StorageException(Kind.IO, "closing data directory " + dataDir + " timed out after "
                        + options.closeTimeoutMillis() + " ms waiting for in-flight operations");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(Kind.IO, "interrupted while closing data directory " + dataDir, e);
        }
        try {
            if (!released) {
                released = true;
                release();
            }
        } finally {
            exclusive.unlock();
        }
    }

    private void release() {
        StorageException failure = null;
        for (ReadView view : List.copyOf(openViews)) {
            view.release(db);
        }
        try {
            db.syncWal(); // writes committed with sync=false become durable too
        } catch (RocksDBException e) {
            failure = RocksFailures.onOperation(dataDir, "fsync of the WAL at close", e);
        }
        for (int i = allHandles.size() - 1; i >= 0; i--) {
            allHandles.get(i).close();
        }
        try {
            db.closeE();
        } catch (RocksDBException e) {
            failure = failure != null ? failure : RocksFailures.onOperation(dataDir, "close", e);
        }
        syncWrites.close();
        bufferedWrites.close();
        columnFamilyOptions.close();
        dbOptions.close();
        log.info("closed data directory {}", dataDir);
        if (failure != null) {
            throw failure;
        }
    }

    /** Writes {@code batch} atomically; with {@code sync}, returns only after the WAL is fsynced. */
    void write(WriteBatch batch, boolean sync) throws RocksDBException {
        db.write(sync ? syncWrites : bufferedWrites, batch);
    }

    ColumnFamilyHandle handle(ColumnFamily family) {
        return handles.get(family);
    }

    /** Just past the last key of {@code family}, or null when it is empty. Call inside {@link #access}. */
    byte[] endOfFamily(RocksDB db, ColumnFamily family) {
        try (RocksIterator it = db.newIterator(handle(family))) {
            it.seekToLast();
            if (!it.isValid()) {
                return null;
            }
            return Arrays.copyOf(it.key(), it.key().length + 1);
        }
    }

    /** An operation on the open database; it may only use native handles inside {@link #access}. */
    @FunctionalInterface
    interface DbAction<T> {
        T run(RocksDB db) throws RocksDBException;
    }

    /** Runs {@code action} with the database guaranteed open, mapping RocksDB's failures. */
    <T> T access(String operation, DbAction<T> action) {
        if (closing) {
            throw closed(operation);
        }
        Lock shared = lifecycle.readLock();
        shared.lock();
        try {
            if (closing) {
                throw closed(operation);
            }
            return action.run(db);
        } catch (RocksDBException e) {
            throw RocksFailures.onOperation(dataDir, operation, e);
        } finally {
            shared.unlock();
        }
    }

    private StorageException closed(String operation) {
        return new StorageException(Kind.CLOSED, operation + " failed: data directory " + dataDir + " is closed");
    }

    private static void requireRaw(ColumnFamily family) {
        if (family == ColumnFamily.DATA) {
            throw new IllegalArgumentException("the data column family holds MVCC versions: use mvcc() and Batch.putVersion");
        }
    }
}

package meridian.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import meridian.storage.StorageException.Kind;
import org.rocksdb.WriteBatch;

/**
 * Writes to any column families, applied all together or not at all by {@link #commit(boolean)}.
 *
 * <p>Operations are buffered on the Java heap and handed to RocksDB as one {@code WriteBatch} at
 * commit, so an abandoned batch needs no cleanup and never touches a closed engine. Bounded by
 * {@link StorageOptions#batchOperationsMax()} and {@link StorageOptions#batchSizeBytesMax()}: an
 * operation that would exceed either is refused with {@link Kind#LIMIT} and the batch is left as
 * it was. Later operations on the same key win. {@link #put} and {@link #delete} keep the arrays
 * they are given: do not change them before the commit. Not thread-safe: one owner builds and
 * commits a batch.
 */
public final class Batch {
    /** RocksDB's per-record overhead in a WriteBatch, roughly: tag, column family id, lengths. */
    private static final int OPERATION_OVERHEAD_BYTES = 16;

    private record Operation(ColumnFamily family, byte[] key, byte[] value) {} // value null: delete

    private final StorageEngine engine;
    private final List<Operation> operations = new ArrayList<>();
    // Invariant: sizeBytes is the sum over operations of key, value and overhead bytes.
    private long sizeBytes;
    private boolean committed;

    Batch(StorageEngine engine) {
        this.engine = engine;
    }

    /** Adds the version of {@code key} at {@code timestampMicros} with {@code value}. */
    public Batch putVersion(byte[] key, long timestampMicros, byte[] value) {
        Objects.requireNonNull(value, "value");
        return add(ColumnFamily.DATA, VersionLayout.versionKey(Objects.requireNonNull(key, "key"), timestampMicros),
                VersionLayout.valueOf(value));
    }

    /** Adds a tombstone: from {@code timestampMicros} on, {@code key} reads as absent. */
    public Batch deleteVersion(byte[] key, long timestampMicros) {
        return add(ColumnFamily.DATA, VersionLayout.versionKey(Objects.requireNonNull(key, "key"), timestampMicros),
                VersionLayout.tombstone());
    }

    /** Sets {@code key} in {@code family}, which must not be {@link ColumnFamily#DATA}. */
    public Batch put(ColumnFamily family, byte[] key, byte[] value) {
        requireRaw(family);
        return add(family, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    /** Removes {@code key} from {@code family}, which must not be {@link ColumnFamily#DATA}. */
    public Batch delete(ColumnFamily family, byte[] key) {
        requireRaw(family);
        return add(family, Objects.requireNonNull(key, "key"), null);
    }

    public int operationCount() {
        return operations.size();
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Applies every operation atomically. With {@code sync}, returns only once the batch is
     * fsynced in the WAL: a crash after the return cannot lose it. Concurrent synced commits share
     * fsyncs (RocksDB's group commit). Without {@code sync}, a crash of the machine (not only the
     * process) may lose the batch, and with it every later unsynced one; never part of one.
     *
     * <p>A batch commits at most once; after a {@link StorageException} nothing was applied and
     * the commit may be retried (an {@link Kind#IO} failure from a RocksDB background error will
     * repeat until the node restarts).
     */
    public void commit(boolean sync) {
        if (committed) {
            throw new IllegalStateException("batch already committed");
        }
        engine.access(sync ? "synced commit" : "commit", db -> {
            try (WriteBatch batch = new WriteBatch()) {
                for (Operation operation : operations) {
                    if (operation.value() == null) {
                        batch.delete(engine.handle(operation.family()), operation.key());
                    } else {
                        batch.put(engine.handle(operation.family()), operation.key(), operation.value());
                    }
                }
                engine.write(batch, sync);
            }
            return null;
        });
        committed = true;
    }

    private Batch add(ColumnFamily family, byte[] key, byte[] value) {
        if (committed) {
            throw new IllegalStateException("batch already committed");
        }
        StorageOptions limits = engine.options();
        if (operations.size() >= limits.batchOperationsMax()) {
            throw new StorageException(Kind.LIMIT, "batch is full: " + limits.batchOperationsMax() + " operations at most");
        }
        long operationBytes = (long) key.length + (value == null ? 0 : value.length) + OPERATION_OVERHEAD_BYTES;
        if (sizeBytes + operationBytes > limits.batchSizeBytesMax()) {
            throw new StorageException(Kind.LIMIT, "batch would grow to " + (sizeBytes + operationBytes)
                    + " bytes, over the limit of " + limits.batchSizeBytesMax());
        }
        operations.add(new Operation(family, key, value));
        sizeBytes += operationBytes;
        return this;
    }

    private static void requireRaw(ColumnFamily family) {
        if (Objects.requireNonNull(family, "family") == ColumnFamily.DATA) {
            throw new IllegalArgumentException("the data column family holds MVCC versions: use putVersion/deleteVersion");
        }
    }
}

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

    private enum OpKind { PUT, DELETE, DELETE_RANGE }

    // DELETE_RANGE: key is the start, value the end (null: to the end of the family).
    private record Operation(OpKind kind, ColumnFamily family, byte[] key, byte[] value) {}

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
        return add(OpKind.PUT, ColumnFamily.DATA, VersionLayout.versionKey(Objects.requireNonNull(key, "key"), timestampMicros),
                VersionLayout.valueOf(value));
    }

    /** Adds a tombstone: from {@code timestampMicros} on, {@code key} reads as absent. */
    public Batch deleteVersion(byte[] key, long timestampMicros) {
        return add(OpKind.PUT, ColumnFamily.DATA, VersionLayout.versionKey(Objects.requireNonNull(key, "key"), timestampMicros),
                VersionLayout.tombstone());
    }

    /** Sets {@code key} in {@code family}, which must not be {@link ColumnFamily#DATA}. */
    public Batch put(ColumnFamily family, byte[] key, byte[] value) {
        requireRaw(family);
        return add(OpKind.PUT, family, Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    /** Removes {@code key} from {@code family}, which must not be {@link ColumnFamily#DATA}. */
    public Batch delete(ColumnFamily family, byte[] key) {
        requireRaw(family);
        return add(OpKind.DELETE, family, Objects.requireNonNull(key, "key"), null);
    }

    /**
     * Sets a raw entry in any column family, {@link ColumnFamily#DATA} included: for copying
     * entries read from a {@link ReadView} byte for byte (installing a replica's snapshot). Data
     * keys and values must be in the stored version layout, as a view returns them.
     */
    public Batch putRaw(ColumnFamily family, byte[] key, byte[] value) {
        return add(OpKind.PUT, Objects.requireNonNull(family, "family"), Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(value, "value"));
    }

    /**
     * Removes every key of {@code family} (any, {@link ColumnFamily#DATA} included) in
     * {@code [startInclusive, endExclusive)}; a null end means to the end of the family. One
     * range tombstone, however many keys it covers.
     */
    public Batch deleteRange(ColumnFamily family, byte[] startInclusive, byte[] endExclusive) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(startInclusive, "startInclusive");
        if (endExclusive != null && java.util.Arrays.compareUnsigned(startInclusive, endExclusive) >= 0) {
            return this;
        }
        return add(OpKind.DELETE_RANGE, family, startInclusive, endExclusive);
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
                    switch (operation.kind()) {
                        case PUT -> batch.put(engine.handle(operation.family()), operation.key(), operation.value());
                        case DELETE -> batch.delete(engine.handle(operation.family()), operation.key());
                        case DELETE_RANGE -> {
                            byte[] end = operation.value() != null ? operation.value() : engine.endOfFamily(db, operation.family());
                            if (end != null && java.util.Arrays.compareUnsigned(operation.key(), end) < 0) {
                                batch.deleteRange(engine.handle(operation.family()), operation.key(), end);
                            }
                        }
                    }
                }
                engine.write(batch, sync);
            }
            return null;
        });
        committed = true;
    }

    private Batch add(OpKind kind, ColumnFamily family, byte[] key, byte[] value) {
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
        operations.add(new Operation(kind, family, key, value));
        sizeBytes += operationBytes;
        return this;
    }

    private static void requireRaw(ColumnFamily family) {
        if (Objects.requireNonNull(family, "family") == ColumnFamily.DATA) {
            throw new IllegalArgumentException("the data column family holds MVCC versions: use putVersion/deleteVersion");
        }
    }
}

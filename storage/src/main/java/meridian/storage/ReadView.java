package meridian.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * A consistent, read-only view of every column family as of the moment it was opened (a RocksDB
 * snapshot): writes committed later are invisible to it. Used to copy a Paxos group's state to
 * another node while the group keeps applying. Reads are raw: in {@link ColumnFamily#DATA} they
 * return the stored version keys and tagged values (see {@link MvccStore#rawKeyOf}), to be
 * copied byte for byte with {@link Batch#putRaw}.
 *
 * <p>Thread-safe; close it when done (it pins the versions it sees, so an open view holds disk
 * space). The engine releases views still open when it closes (RocksDB refuses to close with
 * snapshots held); closing a view after that is a no-op.
 */
public final class ReadView implements AutoCloseable {
    private final StorageEngine engine;
    private final Snapshot snapshot;
    private boolean closed; // guarded by this

    ReadView(StorageEngine engine, Snapshot snapshot) {
        this.engine = engine;
        this.snapshot = snapshot;
    }

    /** The value of {@code key} in {@code family} as of the view, raw. */
    public Optional<byte[]> get(ColumnFamily family, byte[] key) {
        Objects.requireNonNull(key, "key");
        return engine.access("view get", db -> {
            try (ReadOptions read = new ReadOptions().setSnapshot(checkOpen())) {
                return Optional.ofNullable(db.get(engine.handle(family), read, key));
            }
        });
    }

    /**
     * Up to {@code limit} raw entries of {@code family} with keys in {@code [startInclusive,
     * endExclusive)} (null end: unbounded), stopping early once {@code sizeBytesMax} key and value
     * bytes are returned (always at least one entry when there is one).
     */
    public RawScanResult scan(ColumnFamily family, byte[] startInclusive, byte[] endExclusive, int limit, long sizeBytesMax) {
        Objects.requireNonNull(startInclusive, "startInclusive");
        if (limit < 1 || limit > StorageEngine.SCAN_LIMIT_MAX) {
            throw new IllegalArgumentException("limit must be in [1, " + StorageEngine.SCAN_LIMIT_MAX + "], was " + limit);
        }
        if (endExclusive != null && Arrays.compareUnsigned(startInclusive, endExclusive) >= 0) {
            return new RawScanResult(List.of(), false, null);
        }
        return engine.access("view scan " + family.rocksName(), db -> {
            try (Slice upper = endExclusive == null ? null : new Slice(endExclusive);
                    ReadOptions read = new ReadOptions().setSnapshot(checkOpen())) {
                if (upper != null) {
                    read.setIterateUpperBound(upper);
                }
                try (RocksIterator it = db.newIterator(engine.handle(family), read)) {
                    List<KeyValue> entries = new ArrayList<>();
                    long sizeBytes = 0;
                    for (it.seek(startInclusive); it.isValid(); it.next()) {
                        if (entries.size() == limit || sizeBytes >= sizeBytesMax) {
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

    private synchronized Snapshot checkOpen() {
        if (closed) {
            throw new IllegalStateException("read view already closed");
        }
        return snapshot;
    }

    @Override
    public void close() {
        try {
            engine.access("release read view", db -> {
                release(db);
                return null;
            });
        } catch (StorageException e) {
            if (e.kind() != StorageException.Kind.CLOSED) {
                throw e;
            }
        }
    }

    /** Frees the snapshot once; called with the database open (by close, or by the engine's close). */
    synchronized void release(org.rocksdb.RocksDB db) {
        if (closed) {
            return;
        }
        closed = true;
        engine.forget(this);
        db.releaseSnapshot(snapshot);
    }
}

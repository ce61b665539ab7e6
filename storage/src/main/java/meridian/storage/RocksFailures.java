package meridian.storage;

import java.nio.file.Path;
import java.util.Locale;
import meridian.storage.StorageException.Kind;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

/** Turns RocksDB's exceptions into {@link StorageException}s with one-line, operator-facing messages. */
final class RocksFailures {
    private RocksFailures() {}

    /** A failure of {@code RocksDB.open} on {@code dataDir}. */
    static StorageException onOpen(Path dataDir, RocksDBException e) {
        String detail = detail(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("lock hold by current process")) {
            return new StorageException(Kind.LOCKED, "data directory " + dataDir
                    + " is in use by another process (it is already open in this process)", e);
        }
        if (code(e) == Status.Code.IOError && lower.contains("lock")) {
            // "While lock file: DIR/LOCK: Resource temporarily unavailable"
            return new StorageException(Kind.LOCKED, "data directory " + dataDir + " is in use by another process", e);
        }
        if (code(e) == Status.Code.Corruption || lower.contains("no such file or directory")) {
            // A missing file that RocksDB's own metadata names (CURRENT -> MANIFEST -> SST) means
            // damage, not a wrong path: the path was checked before RocksDB was opened.
            return new StorageException(Kind.CORRUPTED, "data directory " + dataDir + " is corrupted: " + detail, e);
        }
        return new StorageException(Kind.IO, "data directory " + dataDir + " could not be opened: " + detail, e);
    }

    /** A failure of {@code operation} on an open engine. */
    static StorageException onOperation(Path dataDir, String operation, RocksDBException e) {
        String detail = detail(e);
        Status.Code code = code(e);
        if (code == Status.Code.Corruption) {
            return new StorageException(Kind.CORRUPTED, "data directory " + dataDir + " is corrupted: " + detail
                    + " (during " + operation + ")", e);
        }
        if (code == Status.Code.ShutdownInProgress) {
            return new StorageException(Kind.CLOSED, operation + " failed: data directory " + dataDir + " is closing", e);
        }
        // Disk full and other background errors put RocksDB into read-only mode: every later
        // write fails here too, until the node is restarted with the cause removed.
        return new StorageException(Kind.IO, operation + " failed on data directory " + dataDir + ": " + detail, e);
    }

    private static Status.Code code(RocksDBException e) {
        return e.getStatus() == null ? Status.Code.Undefined : e.getStatus().getCode();
    }

    private static String detail(RocksDBException e) {
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e.getStatus() != null) {
            message = e.getStatus().getCodeString() + ": " + e.getStatus().getState();
        }
        return StorageException.oneLine(message);
    }
}

package meridian.storage;

/**
 * Every failure of the storage engine that is not a programmer error. The message is one line,
 * fit to print to an operator as it is; {@link #kind()} is what code should branch on.
 */
public final class StorageException extends RuntimeException {
    /** What went wrong, coarsely enough to act on. */
    public enum Kind {
        /** The directory holds files that Meridian did not write; it was left untouched. */
        FOREIGN,
        /** The identity file or the database is damaged; nothing was changed. */
        CORRUPTED,
        /** Another engine (in this or another process) has the directory open. */
        LOCKED,
        /** The directory was written by a Meridian with a format this one does not read. */
        UNSUPPORTED_FORMAT,
        /** The file system or RocksDB failed (disk full, I/O error, background error). */
        IO,
        /** A request exceeded a configured bound (batch size, operation count); split it. */
        LIMIT,
        /** The engine is closed or closing. */
        CLOSED
    }

    private final Kind kind;

    public StorageException(Kind kind, String message) {
        this(kind, message, null);
    }

    public StorageException(Kind kind, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }
}

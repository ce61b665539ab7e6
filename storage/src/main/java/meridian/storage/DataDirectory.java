package meridian.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.stream.Stream;
import meridian.storage.StorageException.Kind;

/**
 * Recognizes, creates and refuses data directories, before RocksDB is opened. It never writes into
 * a directory that is not empty and has no identity file.
 */
final class DataDirectory {
    static final String ROCKSDB_SUBDIRECTORY = "rocksdb";
    static final String IDENTITY_TEMP_FILE_NAME = DataDirectoryIdentity.FILE_NAME + ".tmp";
    /**
     * Entries that do not make a directory foreign: a file system's {@code lost+found} (a volume
     * mounted as the data directory) and our own identity file left half-written by a crash.
     */
    private static final Set<String> IGNORED_ENTRIES = Set.of("lost+found", IDENTITY_TEMP_FILE_NAME);

    /** The identity of an opened directory, and whether this open created it. */
    record Prepared(DataDirectoryIdentity identity, boolean created) {}

    private DataDirectory() {}

    static Path rocksPath(Path dataDir) {
        return dataDir.resolve(ROCKSDB_SUBDIRECTORY);
    }

    /** Creates an empty or missing directory, or checks an existing one; see {@link StorageEngine#open}. */
    static Prepared prepare(Path dataDir) {
        try {
            if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
                throw new StorageException(Kind.FOREIGN, "not a Meridian data directory (it is not a directory): " + dataDir);
            }
            if (!Files.exists(dataDir) || isEffectivelyEmpty(dataDir)) {
                return new Prepared(create(dataDir), true);
            }
            Path identityFile = dataDir.resolve(DataDirectoryIdentity.FILE_NAME);
            if (!Files.exists(identityFile, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageException(Kind.FOREIGN, "not a Meridian data directory (foreign files present): " + dataDir);
            }
            DataDirectoryIdentity identity = readIdentity(dataDir, identityFile);
            if (!Files.exists(rocksPath(dataDir).resolve("CURRENT"))) {
                // Either initialization was interrupted between the identity file and RocksDB, or
                // someone removed the database. A replica that silently came back empty would
                // forget its Paxos promises, so we refuse both and let an operator decide.
                throw new StorageException(Kind.CORRUPTED, "data directory " + dataDir
                        + " has an identity file but no database (initialization was interrupted or "
                        + ROCKSDB_SUBDIRECTORY + "/ was removed); move it aside to start afresh");
            }
            return new Prepared(identity, false);
        } catch (IOException e) {
            throw new StorageException(Kind.IO, "cannot prepare data directory " + dataDir + ": " + e, e);
        }
    }

    /** Writes {@code identity} into {@code dir} atomically (temporary file, fsync, rename, fsync). */
    static void writeIdentity(Path dir, DataDirectoryIdentity identity) throws IOException {
        Path temp = dir.resolve(IDENTITY_TEMP_FILE_NAME);
        byte[] bytes = identity.toFileText().getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, dir.resolve(DataDirectoryIdentity.FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(dir);
    }

    private static DataDirectoryIdentity create(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path parent = dataDir.toAbsolutePath().getParent();
        if (parent != null) {
            fsyncDirectory(parent);
        }
        DataDirectoryIdentity identity = DataDirectoryIdentity.fresh(null);
        writeIdentity(dataDir, identity);
        return identity;
    }

    private static DataDirectoryIdentity readIdentity(Path dataDir, Path identityFile) throws IOException {
        String unreadable = "data directory " + dataDir + " has an unreadable identity file " + DataDirectoryIdentity.FILE_NAME + ": ";
        if (!Files.isRegularFile(identityFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new StorageException(Kind.CORRUPTED, unreadable + "not a regular file");
        }
        if (Files.size(identityFile) > DataDirectoryIdentity.FILE_SIZE_MAX_BYTES) {
            throw new StorageException(Kind.CORRUPTED, unreadable + "larger than " + DataDirectoryIdentity.FILE_SIZE_MAX_BYTES + " bytes");
        }
        DataDirectoryIdentity identity;
        try {
            identity = DataDirectoryIdentity.parse(Files.readAllBytes(identityFile));
        } catch (IllegalArgumentException e) {
            throw new StorageException(Kind.CORRUPTED, unreadable + e.getMessage(), e);
        }
        if (identity.formatVersion() != DataDirectoryIdentity.FORMAT_VERSION) {
            throw new StorageException(Kind.UNSUPPORTED_FORMAT, "data directory " + dataDir + " has format version "
                    + identity.formatVersion() + "; this build of Meridian reads version " + DataDirectoryIdentity.FORMAT_VERSION);
        }
        return identity;
    }

    private static boolean isEffectivelyEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(entry -> IGNORED_ENTRIES.contains(entry.getFileName().toString()));
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

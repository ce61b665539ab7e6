package meridian.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import meridian.storage.StorageException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void aMissingDirectoryIsCreatedWithIdentityAndDatabase() {
        Path dir = temp.resolve("a/b/node1");
        try (StorageEngine engine = StorageEngine.open(dir, StorageOptions.defaults())) {
            assertThat(engine.identity().formatVersion()).isEqualTo(DataDirectoryIdentity.FORMAT_VERSION);
            assertThat(engine.identity().checkpointOfDirectoryId()).isNull();
        }
        assertThat(dir.resolve(DataDirectoryIdentity.FILE_NAME)).isRegularFile();
        assertThat(dir.resolve("rocksdb/CURRENT")).isRegularFile();
    }

    @Test
    void anEmptyDirectoryOrOneWithOnlyLostAndFoundIsInitialized() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("volume/lost+found")).getParent();
        StorageEngine.open(dir, StorageOptions.defaults()).close();
        assertThat(dir.resolve(DataDirectoryIdentity.FILE_NAME)).isRegularFile();
    }

    @Test
    void reopeningKeepsIdentityAndData() {
        Path dir = temp.resolve("node");
        DataDirectoryIdentity identity;
        try (StorageEngine engine = StorageEngine.open(dir, StorageOptions.defaults())) {
            identity = engine.identity();
            engine.newBatch().put(ColumnFamily.META, bytes("k"), bytes("v")).putVersion(bytes("row"), 10, bytes("x")).commit(false);
        }
        try (StorageEngine engine = StorageEngine.open(dir, StorageOptions.defaults())) {
            assertThat(engine.identity()).isEqualTo(identity);
            assertThat(engine.get(ColumnFamily.META, bytes("k"))).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("v")));
            assertThat(engine.mvcc().get(bytes("row"), 10)).isPresent();
        }
    }

    @Test
    void aForeignDirectoryIsRefusedAndLeftUntouched() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("someone-elses"));
        Files.writeString(dir.resolve("notes.txt"), "precious");
        Files.createDirectories(dir.resolve("rocksdb"));
        Files.write(dir.resolve("rocksdb/CURRENT"), bytes("MANIFEST-000001\n"));
        Map<Path, String> before = snapshot(dir);

        assertThatThrownBy(() -> StorageEngine.open(dir, StorageOptions.defaults()))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN))
                .hasMessage("not a Meridian data directory (foreign files present): " + dir);
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void aFileInsteadOfADirectoryIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertThatThrownBy(() -> StorageEngine.open(file, StorageOptions.defaults()))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FOREIGN))
                .hasMessageContaining("it is not a directory");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aGarbledIdentityFileIsRefused() throws IOException {
        Path dir = createdDirectory();
        Files.write(dir.resolve(DataDirectoryIdentity.FILE_NAME), new byte[] {(byte) 0xC3, 0x28, 0x00, 0x17});
        assertRefused(dir, Kind.CORRUPTED, "data directory " + dir + " has an unreadable identity file MERIDIAN_DATA: not UTF-8 text");
        Files.writeString(dir.resolve(DataDirectoryIdentity.FILE_NAME), "format-version=1\n");
        assertRefused(dir, Kind.CORRUPTED, "unreadable identity file MERIDIAN_DATA: missing directory-id");
        Files.writeString(dir.resolve(DataDirectoryIdentity.FILE_NAME), "format-version=1\ndirectory-id=nope\n");
        assertRefused(dir, Kind.CORRUPTED, "unreadable identity file MERIDIAN_DATA: malformed directory-id");
        Files.writeString(dir.resolve(DataDirectoryIdentity.FILE_NAME), "x".repeat(10_000));
        assertRefused(dir, Kind.CORRUPTED, "larger than 4096 bytes");
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws IOException {
        Path dir = createdDirectory();
        Path file = dir.resolve(DataDirectoryIdentity.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("format-version=1", "format-version=7"));
        assertRefused(dir, Kind.UNSUPPORTED_FORMAT,
                "data directory " + dir + " has format version 7; this build of Meridian reads version 1");
    }

    @Test
    void anIdentityWithoutADatabaseIsRefusedNotRecreated() throws IOException {
        Path dir = createdDirectory();
        deleteRecursively(dir.resolve("rocksdb"));
        assertRefused(dir, Kind.CORRUPTED, "has an identity file but no database");
        assertThat(dir.resolve("rocksdb")).doesNotExist();
    }

    @Test
    void garbageOverCurrentIsReportedAsCorruption() throws IOException {
        Path dir = createdDirectory();
        Files.write(dir.resolve("rocksdb/CURRENT"), bytes("\u0001garbage, not a manifest name"));
        assertRefused(dir, Kind.CORRUPTED, "data directory " + dir + " is corrupted: ");
        Files.write(dir.resolve("rocksdb/CURRENT"), bytes("MANIFEST-999999\n")); // names a missing file
        assertRefused(dir, Kind.CORRUPTED, "data directory " + dir + " is corrupted: ");
    }

    @Test
    void garbageOverTheManifestIsReportedAsCorruption() throws IOException {
        Path dir = createdDirectory();
        String manifest = Files.readString(dir.resolve("rocksdb/CURRENT")).strip();
        byte[] garbage = new byte[4096];
        new java.util.SplittableRandom(42).nextBytes(garbage);
        Files.write(dir.resolve("rocksdb").resolve(manifest), garbage);
        assertRefused(dir, Kind.CORRUPTED, "data directory " + dir + " is corrupted: ");
    }

    @Test
    void aDirectoryOpenInThisProcessIsRefusedAsLocked() throws IOException {
        Path dir = temp.resolve("node");
        try (StorageEngine engine = StorageEngine.open(dir, StorageOptions.defaults())) {
            assertRefused(dir, Kind.LOCKED, "data directory " + dir + " is in use by another process");
            assertThat(engine.get(ColumnFamily.META, bytes("k"))).isEmpty(); // the first engine is unharmed
        }
        StorageEngine.open(dir, StorageOptions.defaults()).close();
    }

    @Test
    void aDirectoryOpenInAnotherProcessIsRefusedAsLocked() throws Exception {
        Path dir = temp.resolve("node");
        DataDirectoryIdentity identity;
        try (StorageEngine engine = StorageEngine.open(dir, StorageOptions.defaults())) {
            identity = engine.identity();
        }
        try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, temp.resolve("holder.err"), dir.toString())) {
            holder.awaitLine("READY " + identity.directoryId(), 30_000);
            assertThatThrownBy(() -> StorageEngine.open(dir, StorageOptions.defaults()))
                    .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(Kind.LOCKED))
                    .hasMessage("data directory " + dir + " is in use by another process");
            holder.process().getOutputStream().close();
            holder.awaitLine("CLOSED", 30_000);
            assertThat(holder.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        StorageEngine.open(dir, StorageOptions.defaults()).close();
    }

    private Path createdDirectory() {
        Path dir = temp.resolve("node");
        try (StorageEngine engine = StorageEngine.open(dir, StorageOptions.defaults())) {
            engine.newBatch().put(ColumnFamily.META, bytes("k"), bytes("v")).commit(true);
        }
        return dir;
    }

    private static void assertRefused(Path dir, Kind kind, String messagePart) throws IOException {
        Map<Path, String> before = snapshot(dir);
        assertThatThrownBy(() -> StorageEngine.open(dir, StorageOptions.defaults()))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    System.out.println("refused: " + e.kind() + ": " + e.getMessage());
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.getMessage()).contains(messagePart).doesNotContain("\n");
                });
        assertThat(snapshot(dir)).as("a refused directory is left as it was").isEqualTo(before);
    }

    /** Every file under {@code dir} (except RocksDB's LOCK and info logs) with a digest of its content. */
    static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> files = new HashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                String name = path.getFileName().toString();
                if (name.equals("LOCK") || name.startsWith("LOG")) {
                    continue;
                }
                files.put(dir.relativize(path), Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(path))));
            }
        }
        return files;
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}

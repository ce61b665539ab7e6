package meridian.storage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The content of a data directory's identity file, {@value #FILE_NAME}: a small UTF-8 text file of
 * {@code key=value} lines, written once when the directory is created.
 *
 * @param formatVersion the layout version of everything in the directory; this code reads only
 *     {@link #FORMAT_VERSION}
 * @param directoryId random, unique per directory (a checkpoint gets its own); no cluster meaning
 * @param checkpointOfDirectoryId for a directory made by {@link StorageEngine#checkpoint}, the id
 *     of the directory it was taken from; null otherwise
 */
public record DataDirectoryIdentity(int formatVersion, UUID directoryId, UUID checkpointOfDirectoryId) {
    public static final String FILE_NAME = "MERIDIAN_DATA";
    public static final int FORMAT_VERSION = 1;
    /** An identity file is a few lines; anything larger is not one. */
    static final int FILE_SIZE_MAX_BYTES = 4096;

    private static final String FORMAT_VERSION_KEY = "format-version";
    private static final String DIRECTORY_ID_KEY = "directory-id";
    private static final String CHECKPOINT_OF_KEY = "checkpoint-of";

    public DataDirectoryIdentity {
        Objects.requireNonNull(directoryId, "directoryId");
    }

    /** A fresh identity of the current format; the id comes from {@link UUID#randomUUID()}. */
    static DataDirectoryIdentity fresh(UUID checkpointOfDirectoryId) {
        // Why not an injected random source: the id must differ across machines and restarts, and
        // no protocol decision depends on its value, so determinism buys nothing here.
        return new DataDirectoryIdentity(FORMAT_VERSION, UUID.randomUUID(), checkpointOfDirectoryId);
    }

    String toFileText() {
        StringBuilder text = new StringBuilder()
                .append("# Meridian data directory: do not edit, copy into another directory, or delete.\n")
                .append(FORMAT_VERSION_KEY).append('=').append(formatVersion).append('\n')
                .append(DIRECTORY_ID_KEY).append('=').append(directoryId).append('\n');
        if (checkpointOfDirectoryId != null) {
            text.append(CHECKPOINT_OF_KEY).append('=').append(checkpointOfDirectoryId).append('\n');
        }
        return text.toString();
    }

    /**
     * Parses an identity file's bytes.
     *
     * @throws IllegalArgumentException with a short reason when the bytes are not an identity file
     *     (the version is checked by the caller, so that it can report it separately)
     */
    static DataDirectoryIdentity parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8 text");
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line without key=value: " + abbreviate(trimmed));
            }
            fields.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        int version;
        try {
            version = Integer.parseInt(required(fields, FORMAT_VERSION_KEY));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FORMAT_VERSION_KEY + " is not a number");
        }
        UUID id = parseUuid(required(fields, DIRECTORY_ID_KEY), DIRECTORY_ID_KEY);
        String checkpointOf = fields.get(CHECKPOINT_OF_KEY);
        return new DataDirectoryIdentity(version, id, checkpointOf == null ? null : parseUuid(checkpointOf, CHECKPOINT_OF_KEY));
    }

    private static UUID parseUuid(String text, String key) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed " + key);
        }
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}

package meridian.storage;

import java.util.Arrays;
import meridian.storage.keys.EscapedBytes;

/**
 * How an MVCC version is laid out in the {@link ColumnFamily#DATA} column family.
 *
 * <pre>
 *   RocksDB key   = escaped(userKey) 0x00 0x01  ||  8 bytes big-endian (Long.MAX_VALUE - timestampMicros)
 *   RocksDB value = tag (0x01 VALUE | 0x02 TOMBSTONE)  ||  value bytes (none for a tombstone)
 * </pre>
 *
 * <p>Invariants: the escaped, terminated user key ({@link EscapedBytes}) preserves the order of
 * user keys and no key's prefix ({@code escaped 0x00 0x01}) is a prefix of another's, so the
 * versions of one key are contiguous and sorted between those of their neighbours; the suffix
 * decreases as the timestamp grows, so the newest version comes first. Every version key of
 * {@code k} lies in {@code [prefix(k), end(k))} where {@code end(k)} is {@code escaped(k) 0x00 0x02}.
 */
final class VersionLayout {
    /** Keys longer than this are refused (the encoded form can be up to twice as long). */
    static final int USER_KEY_LENGTH_MAX_BYTES = 64 * 1024;
    static final int TIMESTAMP_SUFFIX_BYTES = 8;
    static final byte TAG_VALUE = 0x01;
    static final byte TAG_TOMBSTONE = 0x02;

    private VersionLayout() {}

    /** The RocksDB key of {@code userKey}'s version at {@code timestampMicros}. */
    static byte[] versionKey(byte[] userKey, long timestampMicros) {
        checkTimestamp(timestampMicros);
        byte[] key = EscapedBytes.encodeWithRoom(checkUserKey(userKey), TIMESTAMP_SUFFIX_BYTES);
        long suffix = Long.MAX_VALUE - timestampMicros;
        for (int i = 0; i < TIMESTAMP_SUFFIX_BYTES; i++) {
            key[key.length - 1 - i] = (byte) (suffix >>> (8 * i));
        }
        return key;
    }

    /** The smallest RocksDB key of any version of {@code userKey}: where its newest version is. */
    static byte[] prefix(byte[] userKey) {
        return EscapedBytes.encodeWithRoom(checkUserKey(userKey), 0);
    }

    /** Just past the last version of {@code userKey}: the terminator's last byte plus one. */
    static byte[] end(byte[] userKey) {
        byte[] end = prefix(userKey);
        end[end.length - 1]++;
        return end;
    }

    static byte[] userKeyOf(byte[] versionKey) {
        EscapedBytes.Decoded decoded = EscapedBytes.decode(versionKey, 0, 0x00);
        if (decoded.endOffset() != versionKey.length - TIMESTAMP_SUFFIX_BYTES) {
            throw new StorageException(StorageException.Kind.CORRUPTED,
                    "malformed version key of " + versionKey.length + " bytes in the data column family");
        }
        return decoded.value();
    }

    static long timestampOf(byte[] versionKey) {
        long suffix = 0;
        for (int i = versionKey.length - TIMESTAMP_SUFFIX_BYTES; i < versionKey.length; i++) {
            suffix = (suffix << 8) | (versionKey[i] & 0xFF);
        }
        return Long.MAX_VALUE - suffix;
    }

    /** True when two version keys belong to the same user key. */
    static boolean sameUserKey(byte[] versionKeyA, byte[] versionKeyB) {
        int prefixLength = versionKeyA.length - TIMESTAMP_SUFFIX_BYTES;
        return versionKeyA.length == versionKeyB.length
                && Arrays.equals(versionKeyA, 0, prefixLength, versionKeyB, 0, prefixLength);
    }

    static byte[] valueOf(byte[] userValue) {
        byte[] stored = new byte[userValue.length + 1];
        stored[0] = TAG_VALUE;
        System.arraycopy(userValue, 0, stored, 1, userValue.length);
        return stored;
    }

    static byte[] tombstone() {
        return new byte[] {TAG_TOMBSTONE};
    }

    static boolean isTombstone(byte[] storedValue) {
        if (storedValue.length == 0 || (storedValue[0] != TAG_VALUE && storedValue[0] != TAG_TOMBSTONE)) {
            throw new StorageException(StorageException.Kind.CORRUPTED, "malformed version value in the data column family");
        }
        return storedValue[0] == TAG_TOMBSTONE;
    }

    static byte[] userValueOf(byte[] storedValue) {
        return Arrays.copyOfRange(storedValue, 1, storedValue.length);
    }

    private static byte[] checkUserKey(byte[] userKey) {
        if (userKey.length > USER_KEY_LENGTH_MAX_BYTES) {
            throw new IllegalArgumentException("key of " + userKey.length + " bytes is over the limit of " + USER_KEY_LENGTH_MAX_BYTES);
        }
        return userKey;
    }

    private static void checkTimestamp(long timestampMicros) {
        if (timestampMicros < 0) {
            throw new IllegalArgumentException("timestamp must not be negative, was " + timestampMicros);
        }
    }
}

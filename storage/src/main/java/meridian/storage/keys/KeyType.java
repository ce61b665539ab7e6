package meridian.storage.keys;

/**
 * The type of one key component, identified in the encoding by its tag byte.
 *
 * <p>Invariant: every {@link SortOrder#ASC} tag is in {@code 0x01..0x7F}, so its complement (the
 * {@link SortOrder#DESC} tag) is in {@code 0x80..0xFE}; a decoder can tell type and order of a
 * component from its first byte alone. {@link #NULL} has the smallest tag, so NULL sorts first in
 * ASC and, complemented, last in DESC.
 */
public enum KeyType {
    NULL(0x05, 0),
    BOOLEAN(0x10, 1),
    INT64(0x20, 8),
    UINT64(0x28, 8),
    FLOAT64(0x30, 8),
    TIMESTAMP(0x38, 8),
    STRING(0x40, -1),
    BYTES(0x48, -1);

    /** The tag byte in ascending order. */
    final int ascTag;
    /** Payload length after the tag; -1 for the escaped, terminated variable-length types. */
    final int payloadLengthBytes;

    KeyType(int ascTag, int payloadLengthBytes) {
        this.ascTag = ascTag;
        this.payloadLengthBytes = payloadLengthBytes;
    }

    private static final KeyType[] BY_ASC_TAG = new KeyType[0x80];
    static {
        for (KeyType type : values()) {
            BY_ASC_TAG[type.ascTag] = type;
        }
    }

    /** The type whose ascending tag is {@code ascTag}, or null when no type has it. */
    static KeyType ofAscTag(int ascTag) {
        return ascTag >= 0 && ascTag < BY_ASC_TAG.length ? BY_ASC_TAG[ascTag] : null;
    }
}

package meridian.storage.keys;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads back, in order, the components a {@link KeyEncoder} appended.
 *
 * <p>The caller names the type and order it expects; a component of another type or order is a
 * programmer error (or a corrupted key) and throws {@link IllegalArgumentException}. A nullable
 * column is read with {@link #tryReadNull(SortOrder)} first. Because tags are self-describing,
 * {@link #peekType()}, {@link #peekOrder()} and {@link #skipComponent()} work without a schema.
 *
 * <p>Not thread-safe. The decoder does not copy the key: do not change it while decoding.
 */
public final class KeyDecoder {
    private final byte[] key;
    // Invariant: 0 <= position <= key.length; position is always at a component boundary.
    private int position;

    public KeyDecoder(byte[] key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    public boolean hasRemaining() {
        return position < key.length;
    }

    /** The offset of the next component in the key. */
    public int position() {
        return position;
    }

    /** The type of the next component. */
    public KeyType peekType() {
        return typeOfTag(peekTag());
    }

    /** The order of the next component. */
    public SortOrder peekOrder() {
        return peekTag() < 0x80 ? SortOrder.ASC : SortOrder.DESC;
    }

    /** Consumes the next component and returns true if it is NULL in {@code order}; else leaves it. */
    public boolean tryReadNull(SortOrder order) {
        if (peekTag() == (KeyType.NULL.ascTag ^ order.mask)) {
            position++;
            return true;
        }
        return false;
    }

    public void readNull(SortOrder order) {
        expectTag(KeyType.NULL, order);
    }

    public boolean readBoolean(SortOrder order) {
        expectTag(KeyType.BOOLEAN, order);
        int value = (key[position++] ^ order.mask) & 0xFF;
        if (value > 1) {
            throw new IllegalArgumentException("invalid boolean byte " + value + " at offset " + (position - 1));
        }
        return value == 1;
    }

    public long readInt64(SortOrder order) {
        expectTag(KeyType.INT64, order);
        return readLong(order) ^ Long.MIN_VALUE;
    }

    public long readUint64(SortOrder order) {
        expectTag(KeyType.UINT64, order);
        return readLong(order);
    }

    /** Returns the stored double; any NaN that was encoded comes back as {@link Double#NaN}. */
    public double readFloat64(SortOrder order) {
        expectTag(KeyType.FLOAT64, order);
        long stored = readLong(order);
        long bits = stored < 0 ? stored ^ Long.MIN_VALUE : ~stored;
        return Double.longBitsToDouble(bits);
    }

    public long readTimestampMicros(SortOrder order) {
        expectTag(KeyType.TIMESTAMP, order);
        return readLong(order) ^ Long.MIN_VALUE;
    }

    public String readString(SortOrder order) {
        int start = position;
        expectTag(KeyType.STRING, order);
        byte[] utf8 = readEscaped(order);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("malformed UTF-8 in the string at offset " + start, e);
        }
    }

    public byte[] readBytes(SortOrder order) {
        expectTag(KeyType.BYTES, order);
        return readEscaped(order);
    }

    /** Skips the next component whatever its type and order. */
    public void skipComponent() {
        int tag = peekTag();
        KeyType type = typeOfTag(tag);
        SortOrder order = tag < 0x80 ? SortOrder.ASC : SortOrder.DESC;
        position++;
        if (type.payloadLengthBytes >= 0) {
            need(type.payloadLengthBytes);
            position += type.payloadLengthBytes;
        } else {
            position = EscapedBytes.decode(key, position, order.mask).endOffset();
        }
    }

    private byte[] readEscaped(SortOrder order) {
        EscapedBytes.Decoded decoded = EscapedBytes.decode(key, position, order.mask);
        position = decoded.endOffset();
        return decoded.value();
    }

    private long readLong(SortOrder order) {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (key[position++] & 0xFF);
        }
        return order == SortOrder.DESC ? ~value : value;
    }

    private void expectTag(KeyType type, SortOrder order) {
        Objects.requireNonNull(order, "order");
        int tag = peekTag();
        if (tag != (type.ascTag ^ order.mask)) {
            KeyType found = KeyType.ofAscTag(tag < 0x80 ? tag : tag ^ 0xFF);
            String foundText = found == null
                    ? "unknown tag 0x%02x".formatted(tag)
                    : found + " " + (tag < 0x80 ? SortOrder.ASC : SortOrder.DESC);
            throw new IllegalArgumentException(
                    "expected %s %s at offset %d, found %s".formatted(type, order, position, foundText));
        }
        position++;
        if (type.payloadLengthBytes > 0) {
            need(type.payloadLengthBytes);
        }
    }

    private int peekTag() {
        if (position >= key.length) {
            throw new IllegalArgumentException("no component left at offset " + position + " of a " + key.length + "-byte key");
        }
        return key[position] & 0xFF;
    }

    private KeyType typeOfTag(int tag) {
        KeyType type = KeyType.ofAscTag(tag < 0x80 ? tag : tag ^ 0xFF);
        if (type == null) {
            throw new IllegalArgumentException("unknown tag 0x%02x at offset %d".formatted(tag, position));
        }
        return type;
    }

    private void need(int bytes) {
        if (key.length - position < bytes) {
            throw new IllegalArgumentException(
                    "key truncated: need " + bytes + " bytes at offset " + position + ", have " + (key.length - position));
        }
    }
}

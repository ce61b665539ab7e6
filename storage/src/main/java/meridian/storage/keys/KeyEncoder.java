package meridian.storage.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds an order-preserving key by appending typed components; see {@link meridian.storage.keys}
 * for the layout and the order each type gets.
 *
 * <p>{@code Arrays.compareUnsigned(a.toBytes(), b.toBytes())} has the sign of the comparison of
 * the two value tuples, component by component, when both were built with the same types and
 * orders in the same positions (a component may be NULL in either). A tuple that is a proper
 * prefix of another sorts first.
 *
 * <p>Not thread-safe; one encoder builds one key. Arguments are never null: use
 * {@link #appendNull(SortOrder)} for SQL NULL.
 */
public final class KeyEncoder {
    /** The longest key this encoder produces; a longer one is refused with an exception. */
    public static final int ENCODED_LENGTH_MAX_BYTES = 64 * 1024;

    private static final int INITIAL_CAPACITY_BYTES = 32;

    // Invariant: 0 <= length <= buffer.length and length <= ENCODED_LENGTH_MAX_BYTES.
    private byte[] buffer = new byte[INITIAL_CAPACITY_BYTES];
    private int length;

    public KeyEncoder appendNull(SortOrder order) {
        appendTag(KeyType.NULL, order);
        return this;
    }

    public KeyEncoder appendBoolean(boolean value, SortOrder order) {
        appendTag(KeyType.BOOLEAN, order);
        buffer[length++] = (byte) ((value ? 1 : 0) ^ order.mask);
        return this;
    }

    /** A signed 64-bit integer: two's complement with the sign bit flipped, big-endian. */
    public KeyEncoder appendInt64(long value, SortOrder order) {
        appendTag(KeyType.INT64, order);
        appendLong(value ^ Long.MIN_VALUE, order);
        return this;
    }

    /** An unsigned 64-bit integer carried in a {@code long} (compare with {@link Long#compareUnsigned}). */
    public KeyEncoder appendUint64(long value, SortOrder order) {
        appendTag(KeyType.UINT64, order);
        appendLong(value, order);
        return this;
    }

    /**
     * A double, in the order of {@link Double#compare}: -inf &lt; negatives &lt; -0.0 &lt; +0.0 &lt;
     * positives &lt; +inf &lt; NaN. Every NaN (any sign or payload) is stored as the canonical
     * {@link Double#NaN}, so NaNs are equal to each other and decode as {@code Double.NaN}.
     */
    public KeyEncoder appendFloat64(double value, SortOrder order) {
        appendTag(KeyType.FLOAT64, order);
        long bits = Double.doubleToLongBits(value); // canonicalizes NaN
        appendLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE, order);
        return this;
    }

    /** A TrueTime timestamp in microseconds since the epoch; ordered like a signed int64. */
    public KeyEncoder appendTimestampMicros(long timestampMicros, SortOrder order) {
        appendTag(KeyType.TIMESTAMP, order);
        appendLong(timestampMicros ^ Long.MIN_VALUE, order);
        return this;
    }

    /**
     * A string as UTF-8, escaped and terminated like {@link EscapedBytes}. Strings order by Unicode
     * code point (UTF-8 byte order), which differs from {@link String#compareTo} (UTF-16 units)
     * only between supplementary characters and U+E000..U+FFFF.
     *
     * @throws IllegalArgumentException when the string holds an unpaired surrogate (it has no
     *     UTF-8 form and would not round-trip)
     */
    public KeyEncoder appendString(String value, SortOrder order) {
        Objects.requireNonNull(value, "value");
        checkWellFormed(value);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        appendEscaped(KeyType.STRING, utf8, order);
        return this;
    }

    /** A byte string of any content (zeros included), escaped and terminated. */
    public KeyEncoder appendBytes(byte[] value, SortOrder order) {
        Objects.requireNonNull(value, "value");
        appendEscaped(KeyType.BYTES, value, order);
        return this;
    }

    /** The number of bytes encoded so far. */
    public int length() {
        return length;
    }

    /** A copy of the key encoded so far; the encoder may go on appending. */
    public byte[] toBytes() {
        return Arrays.copyOf(buffer, length);
    }

    private void appendEscaped(KeyType type, byte[] raw, SortOrder order) {
        Objects.requireNonNull(order, "order");
        int encodedLength = EscapedBytes.encodedLength(raw, 0, raw.length);
        ensureRoom(1 + encodedLength);
        buffer[length++] = (byte) (type.ascTag ^ order.mask);
        length = EscapedBytes.encodeInto(raw, 0, raw.length, buffer, length, order.mask);
    }

    private void appendTag(KeyType type, SortOrder order) {
        Objects.requireNonNull(order, "order");
        ensureRoom(1 + type.payloadLengthBytes);
        buffer[length++] = (byte) (type.ascTag ^ order.mask);
    }

    private void appendLong(long value, SortOrder order) {
        long masked = order == SortOrder.DESC ? ~value : value;
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (masked >>> shift);
        }
    }

    private void ensureRoom(int moreBytes) {
        long needed = (long) length + moreBytes;
        if (needed > ENCODED_LENGTH_MAX_BYTES) {
            throw new IllegalArgumentException(
                    "encoded key would be " + needed + " bytes, over the limit of " + ENCODED_LENGTH_MAX_BYTES);
        }
        if (needed > buffer.length) {
            int capacity = (int) Math.min(ENCODED_LENGTH_MAX_BYTES, Math.max(needed, 2L * buffer.length));
            buffer = Arrays.copyOf(buffer, capacity);
        }
    }

    private static void checkWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("string has an unpaired surrogate at index " + i);
            }
        }
    }
}

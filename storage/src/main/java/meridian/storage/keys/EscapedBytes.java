package meridian.storage.keys;

import java.util.Objects;

/**
 * The order-preserving, prefix-free encoding of an arbitrary byte string: every {@code 0x00} is
 * written as {@code 0x00 0xFF}, and the string ends with {@code 0x00 0x01}.
 *
 * <p>Why it preserves order: where two strings first differ at a byte both have, the encodings
 * differ at the same place in the same direction (an escaped zero still starts with the smallest
 * byte, 0x00, and {@code 0xFF} ranks it above the terminator). Where one string is a proper prefix
 * of the other, the shorter one's terminator {@code 0x00 0x01} meets either a non-zero byte or an
 * escaped zero {@code 0x00 0xFF} and is smaller. Why it is prefix-free: inside the body a
 * {@code 0x00} is always followed by {@code 0xFF}, so {@code 0x00 0x01} only occurs at the end.
 * Anything appended after an encoding therefore never changes how two encodings compare.
 *
 * <p>Every byte, terminator included, is XOR-ed with a mask: 0x00 for ascending, 0xFF for
 * descending order (the complement of a prefix-free encoding is prefix-free and sorts in reverse).
 */
public final class EscapedBytes {
    static final int ESCAPE = 0x00;
    static final int ESCAPED_ZERO = 0xFF;
    static final int TERMINATOR = 0x01;

    private EscapedBytes() {}

    /** A decoded byte string and the offset just past its terminator. */
    public record Decoded(byte[] value, int endOffset) {}

    /** The length of the encoding of {@code raw[offset, offset + length)}, terminator included. */
    public static int encodedLength(byte[] raw, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, raw.length);
        int zeros = 0;
        for (int i = offset; i < offset + length; i++) {
            if (raw[i] == 0) {
                zeros++;
            }
        }
        return length + zeros + 2;
    }

    /**
     * Writes the encoding of {@code raw[offset, offset + length)} into {@code target} at
     * {@code targetOffset}, every byte XOR-ed with {@code mask} (0x00 or 0xFF), and returns the
     * offset just past the terminator. {@code target} must have room for
     * {@link #encodedLength(byte[], int, int)} bytes.
     */
    public static int encodeInto(byte[] raw, int offset, int length, byte[] target, int targetOffset, int mask) {
        checkMask(mask);
        Objects.checkFromIndexSize(offset, length, raw.length);
        int out = targetOffset;
        for (int i = offset; i < offset + length; i++) {
            byte b = raw[i];
            if (b == 0) {
                target[out++] = (byte) (ESCAPE ^ mask);
                target[out++] = (byte) (ESCAPED_ZERO ^ mask);
            } else {
                target[out++] = (byte) (b ^ mask);
            }
        }
        target[out++] = (byte) (ESCAPE ^ mask);
        target[out++] = (byte) (TERMINATOR ^ mask);
        return out;
    }

    /** The ascending encoding of {@code raw} followed by {@code suffixLengthBytes} zero bytes. */
    public static byte[] encodeWithRoom(byte[] raw, int suffixLengthBytes) {
        byte[] target = new byte[encodedLength(raw, 0, raw.length) + suffixLengthBytes];
        encodeInto(raw, 0, raw.length, target, 0, 0x00);
        return target;
    }

    /**
     * Decodes the encoded string starting at {@code offset} of {@code source}, which was written with
     * {@code mask}.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed encoding
     */
    public static Decoded decode(byte[] source, int offset, int mask) {
        checkMask(mask);
        int length = 0;
        int i = offset;
        while (true) {
            if (i >= source.length) {
                throw new IllegalArgumentException("escaped byte string starting at offset " + offset + " has no terminator");
            }
            int b = (source[i] ^ mask) & 0xFF;
            if (b != ESCAPE) {
                length++;
                i++;
                continue;
            }
            if (i + 1 >= source.length) {
                throw new IllegalArgumentException("escaped byte string truncated at offset " + i);
            }
            int next = (source[i + 1] ^ mask) & 0xFF;
            if (next == TERMINATOR) {
                break;
            }
            if (next != ESCAPED_ZERO) {
                throw new IllegalArgumentException(
                        "invalid escape 0x00 0x%02x at offset %d".formatted(next, i));
            }
            length++;
            i += 2;
        }
        byte[] value = new byte[length];
        int in = offset;
        for (int out = 0; out < length; out++) {
            byte b = (byte) (source[in] ^ mask);
            value[out] = b;
            in += b == 0 ? 2 : 1;
        }
        return new Decoded(value, i + 2);
    }

    private static void checkMask(int mask) {
        if (mask != 0x00 && mask != 0xFF) {
            throw new IllegalArgumentException("mask must be 0x00 or 0xFF, was " + mask);
        }
    }
}

package meridian.storage.keys;

import java.util.List;
import java.util.random.RandomGenerator;

/** Random values per key type, skewed towards edge cases, boundaries and shared prefixes. */
final class ComponentGenerator {
    static final List<Long> LONG_EDGES = List.of(
            Long.MIN_VALUE, Long.MIN_VALUE + 1, -256L, -255L, -1L, 0L, 1L, 255L, 256L,
            (long) Integer.MAX_VALUE, (long) Integer.MIN_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    static final List<Double> DOUBLE_EDGES = List.of(
            Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.0, -Double.MIN_NORMAL, -Double.MIN_VALUE, -0.0,
            0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NaN, Double.longBitsToDouble(0xFFF8000000000000L), Double.longBitsToDouble(0x7FF0000000000001L),
            Double.longBitsToDouble(0xFFFFFFFFFFFFFFFFL));
    static final List<String> STRING_EDGES = List.of(
            "", "\0", "\0\0", "a", "a\0", "a\0\0", "a\0b", "ab", "b", "\u007f", "\u0080", "\u07ff", "\u0800",
            "\uffff", "\ue000", "\ud800\udc00", "\udbff\udfff", "\u00ff", "a\u00ff");
    static final List<byte[]> BYTES_EDGES = List.of(
            new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {0, 0, 0}, new byte[] {0, 1},
            new byte[] {0, (byte) 0xFF}, new byte[] {1}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFF, (byte) 0xFF},
            new byte[] {(byte) 0xFF, 0}, new byte[] {'a'}, new byte[] {'a', 0}, new byte[] {'a', 0, 0},
            new byte[] {'a', 0, (byte) 0xFF}, new byte[] {'a', 1}, new byte[] {(byte) 0xFE}, new byte[] {0, (byte) 0xFE});

    private final RandomGenerator random;

    ComponentGenerator(RandomGenerator random) {
        this.random = random;
    }

    /** A component of the column, NULL with probability {@code nullPercent}/100. */
    Component next(KeyType type, SortOrder order, int nullPercent) {
        if (type == KeyType.NULL || random.nextInt(100) < nullPercent) {
            return new Component(type, order, null);
        }
        Object value = switch (type) {
            case NULL -> null;
            case BOOLEAN -> random.nextBoolean();
            case INT64, UINT64, TIMESTAMP -> nextLong();
            case FLOAT64 -> nextDouble();
            case STRING -> nextString();
            case BYTES -> nextBytes();
        };
        return new Component(type, order, value);
    }

    long nextLong() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(LONG_EDGES);
            case 1 -> random.nextLong(-300, 300);
            case 2 -> ((random.nextBoolean() ? 1L : -1L) << random.nextInt(64)) + random.nextInt(-2, 3);
            default -> random.nextLong();
        };
    }

    double nextDouble() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(DOUBLE_EDGES);
            case 1 -> Double.longBitsToDouble(random.nextLong()); // any bits: NaN payloads, subnormals
            case 2 -> random.nextInt(-5, 6) / 2.0;
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-300, 300));
        };
    }

    String nextString() {
        if (random.nextInt(4) == 0) {
            return pick(STRING_EDGES);
        }
        int length = random.nextInt(8);
        boolean tinyAlphabet = random.nextBoolean(); // many equal prefixes
        StringBuilder builder = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = tinyAlphabet ? "\0ab\u00e9\ud83d\ude00".codePoints().toArray()[random.nextInt(5)] : switch (random.nextInt(5)) {
                case 0 -> random.nextInt(0, 0x80);
                case 1 -> random.nextInt(0x80, 0x800);
                case 2 -> random.nextInt(0x800, 0xD800);
                case 3 -> random.nextInt(0xE000, 0x10000);
                default -> random.nextInt(0x10000, 0x110000);
            };
            builder.appendCodePoint(codePoint);
        }
        return builder.toString();
    }

    byte[] nextBytes() {
        if (random.nextInt(4) == 0) {
            return pick(BYTES_EDGES).clone();
        }
        byte[] bytes = new byte[random.nextInt(8)];
        byte[] alphabet = {0, 1, (byte) 0xFE, (byte) 0xFF, 'a'};
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
        }
        return bytes;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}

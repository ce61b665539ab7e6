package meridian.storage.keys;

import java.util.Arrays;
import java.util.Objects;

/** The test model of one key component: its type, order and value (null is SQL NULL). */
record Component(KeyType type, SortOrder order, Object value) {

    void appendTo(KeyEncoder encoder) {
        if (value == null) {
            encoder.appendNull(order);
            return;
        }
        switch (type) {
            case NULL -> throw new IllegalStateException("NULL type with a value");
            case BOOLEAN -> encoder.appendBoolean((Boolean) value, order);
            case INT64 -> encoder.appendInt64((Long) value, order);
            case UINT64 -> encoder.appendUint64((Long) value, order);
            case FLOAT64 -> encoder.appendFloat64((Double) value, order);
            case TIMESTAMP -> encoder.appendTimestampMicros((Long) value, order);
            case STRING -> encoder.appendString((String) value, order);
            case BYTES -> encoder.appendBytes((byte[]) value, order);
        }
    }

    /** Reads a component of this one's type and order. */
    Component readFrom(KeyDecoder decoder) {
        if (decoder.tryReadNull(order)) {
            return new Component(type, order, null);
        }
        Object read = switch (type) {
            case NULL -> throw new IllegalStateException("NULL type with a value");
            case BOOLEAN -> decoder.readBoolean(order);
            case INT64 -> decoder.readInt64(order);
            case UINT64 -> decoder.readUint64(order);
            case FLOAT64 -> decoder.readFloat64(order);
            case TIMESTAMP -> decoder.readTimestampMicros(order);
            case STRING -> decoder.readString(order);
            case BYTES -> decoder.readBytes(order);
        };
        return new Component(type, order, read);
    }

    byte[] encode() {
        KeyEncoder encoder = new KeyEncoder();
        appendTo(encoder);
        return encoder.toBytes();
    }

    /** The SQL order of two components of the same column (same type and order). */
    static int compare(Component a, Component b) {
        if (a.type != b.type || a.order != b.order) {
            throw new IllegalArgumentException("different columns: " + a + " vs " + b);
        }
        int asc = compareAscending(a.type, a.value, b.value);
        return a.order == SortOrder.ASC ? asc : -asc;
    }

    private static int compareAscending(KeyType type, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return switch (type) {
            case NULL -> 0;
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case INT64, TIMESTAMP -> Long.compare((Long) a, (Long) b);
            case UINT64 -> Long.compareUnsigned((Long) a, (Long) b);
            case FLOAT64 -> Double.compare((Double) a, (Double) b);
            case STRING -> compareCodePoints((String) a, (String) b);
            case BYTES -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
        };
    }

    static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return Arrays.compare(x, y);
    }

    @Override
    public String toString() {
        String shown = value instanceof byte[] bytes ? Arrays.toString(bytes)
                : value instanceof String s ? '"' + s.codePoints().mapToObj(c -> c < 0x20 || c > 0x7E
                        ? "\\u{%x}".formatted(c) : Character.toString(c)).reduce("", String::concat) + '"'
                : value instanceof Double d ? d + "(0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")"
                : Objects.toString(value);
        return type + " " + order + " " + shown;
    }
}

package meridian.storage;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One committed version of a key: its value as of {@code timestampMicros} (TrueTime microseconds).
 * The arrays belong to the receiver; the store keeps no reference to them. Equality compares
 * array contents.
 */
public record Version(byte[] key, byte[] value, long timestampMicros) {
    public Version {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version that
                && timestampMicros == that.timestampMicros
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + Long.hashCode(timestampMicros);
    }

    @Override
    public String toString() {
        return "Version[key=" + HexFormat.of().formatHex(key) + ", value=" + HexFormat.of().formatHex(value)
                + ", timestampMicros=" + timestampMicros + "]";
    }
}

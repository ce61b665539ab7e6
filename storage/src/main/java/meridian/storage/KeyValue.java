package meridian.storage;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** A raw entry of the {@link ColumnFamily#META} or {@link ColumnFamily#PAXOS} column family. */
public record KeyValue(byte[] key, byte[] value) {
    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyValue that && Arrays.equals(key, that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "KeyValue[key=" + HexFormat.of().formatHex(key) + ", value=" + HexFormat.of().formatHex(value) + "]";
    }
}

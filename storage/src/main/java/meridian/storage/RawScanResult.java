package meridian.storage;

import java.util.List;

/**
 * The entries a {@link StorageEngine#scan} found, in key order.
 *
 * @param entries the entries, at most the limit asked for
 * @param more true when the range holds further entries
 * @param resumeKey the first entry not returned (inclusive) when {@code more}; null otherwise
 */
public record RawScanResult(List<KeyValue> entries, boolean more, byte[] resumeKey) {
    public RawScanResult {
        entries = List.copyOf(entries);
        if (more != (resumeKey != null)) {
            throw new IllegalArgumentException("resumeKey must be given exactly when more is true");
        }
    }
}

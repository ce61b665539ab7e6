package meridian.storage;

import java.util.List;

/**
 * The rows an {@link MvccStore#scan} found, in key order.
 *
 * @param rows the newest visible version of each key with a live (non-tombstone) value
 * @param more false when the range holds no further visible row; true when the scan stopped at
 *     a bound (row limit, byte size, versions examined) and the caller should continue
 * @param resumeKey where to continue (inclusive) when {@code more}; null otherwise. It may sit
 *     before the next visible row, never after it.
 */
public record ScanResult(List<Version> rows, boolean more, byte[] resumeKey) {
    public ScanResult {
        rows = List.copyOf(rows);
        if (more != (resumeKey != null)) {
            throw new IllegalArgumentException("resumeKey must be given exactly when more is true");
        }
    }
}

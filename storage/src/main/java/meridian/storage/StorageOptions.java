package meridian.storage;

/**
 * Bounds and tuning of a {@link StorageEngine}. Every bound is checked when the engine is asked
 * to exceed it; none is silently raised.
 *
 * @param batchOperationsMax most operations in one {@link Batch}
 * @param batchSizeBytesMax most key and value bytes in one {@link Batch}
 * @param scanSizeBytesMax a scan stops after returning this many key and value bytes (it always
 *     returns at least one entry when one is there)
 * @param scanVersionsExaminedMax an MVCC scan stops after looking at this many versions, even when
 *     it found fewer rows than asked for (tombstones and hidden versions cost work too)
 * @param closeTimeoutMillis how long {@link StorageEngine#close()} waits for in-flight operations
 */
public record StorageOptions(
        int batchOperationsMax,
        long batchSizeBytesMax,
        long scanSizeBytesMax,
        int scanVersionsExaminedMax,
        long closeTimeoutMillis) {

    public StorageOptions {
        requirePositive(batchOperationsMax, "batchOperationsMax");
        requirePositive(batchSizeBytesMax, "batchSizeBytesMax");
        requirePositive(scanSizeBytesMax, "scanSizeBytesMax");
        requirePositive(scanVersionsExaminedMax, "scanVersionsExaminedMax");
        requirePositive(closeTimeoutMillis, "closeTimeoutMillis");
    }

    /** 100k operations or 64 MiB per batch, 32 MiB or 100k versions per scan, 30 s to close. */
    public static StorageOptions defaults() {
        return new StorageOptions(100_000, 64L << 20, 32L << 20, 100_000, 30_000);
    }

    public StorageOptions withBatchOperationsMax(int value) {
        return new StorageOptions(value, batchSizeBytesMax, scanSizeBytesMax, scanVersionsExaminedMax, closeTimeoutMillis);
    }

    public StorageOptions withBatchSizeBytesMax(long value) {
        return new StorageOptions(batchOperationsMax, value, scanSizeBytesMax, scanVersionsExaminedMax, closeTimeoutMillis);
    }

    public StorageOptions withScanSizeBytesMax(long value) {
        return new StorageOptions(batchOperationsMax, batchSizeBytesMax, value, scanVersionsExaminedMax, closeTimeoutMillis);
    }

    public StorageOptions withScanVersionsExaminedMax(int value) {
        return new StorageOptions(batchOperationsMax, batchSizeBytesMax, scanSizeBytesMax, value, closeTimeoutMillis);
    }

    public StorageOptions withCloseTimeoutMillis(long value) {
        return new StorageOptions(batchOperationsMax, batchSizeBytesMax, scanSizeBytesMax, scanVersionsExaminedMax, value);
    }

    private static void requirePositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}

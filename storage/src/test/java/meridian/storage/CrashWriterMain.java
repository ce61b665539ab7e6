package meridian.storage;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Child process of {@link CrashTest}: writes synced batches forever, each spreading the keys of one
 * batch id over the data and meta column families, and prints {@code ACK <batchId>} after each
 * commit returns. It is only ever stopped by SIGKILL.
 *
 * <p>Arguments: data directory, seed, first batch id.
 */
public final class CrashWriterMain {
    static final byte[] META_PREFIX = {'c', 'r', 'a', 's', 'h', '/'};
    static final byte[] DATA_PREFIX = {'r', 'o', 'w', '/'};
    static final int KEYS_PER_BATCH_MAX = 50;

    private CrashWriterMain() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        long batchId = Long.parseLong(args[2]);
        StorageEngine engine = StorageEngine.open(dataDir, StorageOptions.defaults());
        System.out.println("READY");
        System.out.flush();
        while (true) {
            Batch batch = engine.newBatch();
            int keys = keysInBatch(seed, batchId);
            for (int index = 0; index < keys; index++) {
                byte[] value = (batchId + "/" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (index % 2 == 0) {
                    batch.putVersion(key(DATA_PREFIX, batchId, index), batchId, value);
                } else {
                    batch.put(ColumnFamily.META, key(META_PREFIX, batchId, index), value);
                }
            }
            batch.commit(true);
            System.out.println("ACK " + batchId);
            System.out.flush();
            batchId++;
        }
    }

    /** How many keys batch {@code batchId} writes: 1..50, the same in the writer and the checker. */
    static int keysInBatch(long seed, long batchId) {
        return new SplittableRandom(seed ^ (batchId * 0x9E3779B97F4A7C15L)).nextInt(1, KEYS_PER_BATCH_MAX + 1);
    }

    static byte[] key(byte[] prefix, long batchId, int index) {
        return ByteBuffer.allocate(prefix.length + 10).put(prefix).putLong(batchId).putShort((short) index).array();
    }

    static long batchIdOf(byte[] key, int prefixLength) {
        return ByteBuffer.wrap(key, prefixLength, 8).getLong();
    }
}

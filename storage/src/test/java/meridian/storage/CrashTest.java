package meridian.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs a writer process at random moments and checks, after each crash, that every
 * acknowledged batch is present whole, that no batch is present in part, and that the batches
 * present are exactly a prefix of those written. The same directory goes through every round, so
 * recovery after many crashes is tested too. {@code -Dmeridian.crash.rounds=N} runs more rounds;
 * {@code -Dmeridian.seed=SEED} replays a run's choices (not the kernel's timing).
 */
class CrashTest {
    private static final long LINE_TIMEOUT_MILLIS = 30_000;

    @TempDir
    Path temp;

    @Test
    void acknowledgedBatchesSurviveSigkillWholeAndNothingIsPartial() throws Exception {
        long seed = Long.getLong("meridian.seed", new SplittableRandom().nextLong());
        int rounds = Integer.getInteger("meridian.crash.rounds", 15);
        System.out.println("CrashTest seed=" + seed + " rounds=" + rounds + " (replay with -Dmeridian.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Path dataDir = temp.resolve("node");
        long nextBatchId = 1;
        long totalAcked = 0;
        for (int round = 0; round < rounds; round++) {
            boolean byAcks = random.nextBoolean();
            int acksBeforeKill = random.nextInt(0, 150);
            long delayMillis = random.nextLong(0, 600);
            List<Long> acked = new ArrayList<>();
            try (ChildJvm writer = ChildJvm.start(CrashWriterMain.class, temp.resolve("writer.err"),
                    dataDir.toString(), Long.toString(seed), Long.toString(nextBatchId))) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
                while (true) {
                    if (byAcks && acked.size() >= acksBeforeKill) {
                        break;
                    }
                    long waitMillis = byAcks ? LINE_TIMEOUT_MILLIS : TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (waitMillis <= 0) {
                        break;
                    }
                    String line = writer.nextLine(waitMillis);
                    if (line == null) {
                        assertThat(byAcks).as("seed %d round %d: writer silent for %d ms", seed, round, waitMillis).isFalse();
                        break;
                    }
                    assertThat(line).as("seed %d round %d: writer exited; see writer.err", seed, round).isNotEqualTo(ChildJvm.END_OF_OUTPUT);
                    recordAck(line, acked);
                }
                writer.kill(LINE_TIMEOUT_MILLIS);
                // Lines already in the pipe when the kill landed were acknowledged too.
                for (String line : writer.drainRemainingLines(LINE_TIMEOUT_MILLIS)) {
                    recordAck(line, acked);
                }
            }
            long present = checkDirectory(dataDir, seed, nextBatchId, acked, round);
            System.out.printf("round %d: killed %s, %d acked, batches %d..%d present%n", round,
                    byAcks ? "after " + acksBeforeKill + " acks" : "after " + delayMillis + " ms", acked.size(), 1, present);
            totalAcked += acked.size();
            nextBatchId = present + 1;
        }
        System.out.println("CrashTest: " + totalAcked + " acknowledged batches over " + rounds + " crashes, all intact");
    }

    private static void recordAck(String line, List<Long> acked) {
        if (line.startsWith("ACK ")) {
            acked.add(Long.parseLong(line.substring(4)));
        }
    }

    /** Returns the highest batch id present, after checking the directory holds batches 1..that id, each whole. */
    private static long checkDirectory(Path dataDir, long seed, long firstBatchIdOfRound, List<Long> acked, int round) {
        TreeMap<Long, Integer> keysPerBatch = new TreeMap<>();
        try (StorageEngine engine = StorageEngine.open(dataDir, StorageOptions.defaults())) {
            byte[] metaEnd = successor(CrashWriterMain.META_PREFIX);
            for (byte[] resume = CrashWriterMain.META_PREFIX; resume != null; ) {
                RawScanResult page = engine.scan(ColumnFamily.META, resume, metaEnd, StorageEngine.SCAN_LIMIT_MAX);
                page.entries().forEach(e -> keysPerBatch.merge(CrashWriterMain.batchIdOf(e.key(), CrashWriterMain.META_PREFIX.length), 1, Integer::sum));
                resume = page.resumeKey();
            }
            byte[] dataEnd = successor(CrashWriterMain.DATA_PREFIX);
            for (byte[] resume = CrashWriterMain.DATA_PREFIX; resume != null; ) {
                ScanResult page = engine.mvcc().scan(resume, dataEnd, Long.MAX_VALUE, MvccStore.SCAN_LIMIT_MAX);
                page.rows().forEach(row -> keysPerBatch.merge(CrashWriterMain.batchIdOf(row.key(), CrashWriterMain.DATA_PREFIX.length), 1, Integer::sum));
                resume = page.resumeKey();
            }
        }
        String context = "seed " + seed + " round " + round;
        long highest = keysPerBatch.isEmpty() ? 0 : keysPerBatch.lastKey();
        assertThat(keysPerBatch.keySet()).as("%s: batches present must be 1..%d without holes", context, highest)
                .hasSize((int) highest);
        keysPerBatch.forEach((batchId, keys) -> assertThat(keys)
                .as("%s: batch %d is partial", context, batchId)
                .isEqualTo(CrashWriterMain.keysInBatch(seed, batchId)));
        for (long ack : acked) {
            assertThat(ack).as("%s: acknowledged batch %d is missing", context, ack).isLessThanOrEqualTo(highest);
        }
        assertThat(highest).as("%s: batches from earlier rounds vanished", context).isGreaterThanOrEqualTo(firstBatchIdOfRound - 1);
        return highest;
    }

    private static byte[] successor(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        end[end.length - 1]++;
        return end;
    }
}

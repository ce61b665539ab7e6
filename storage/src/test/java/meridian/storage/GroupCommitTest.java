package meridian.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;

/**
 * Concurrent synced commits share fsyncs: RocksDB's write group leader syncs the WAL once for the
 * whole group. Measured with RocksDB's WAL sync counter.
 */
class GroupCommitTest {
    private static final int THREADS = 8;
    private static final int COMMITS_PER_THREAD = 50;

    @TempDir
    Path temp;

    @Test
    void concurrentSyncedCommitsShareFsyncs() throws InterruptedException {
        try (Statistics statistics = new Statistics()) {
            try (StorageEngine engine = StorageEngine.open(temp.resolve("node"), StorageOptions.defaults(), statistics)) {
                long syncsBefore = statistics.getTickerCount(TickerType.WAL_FILE_SYNCED);
                CountDownLatch start = new CountDownLatch(1);
                AtomicReference<Throwable> failure = new AtomicReference<>();
                List<Thread> writers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    writers.add(Thread.ofPlatform().start(() -> {
                        try {
                            start.await();
                            for (int i = 0; i < COMMITS_PER_THREAD; i++) {
                                engine.newBatch().put(ColumnFamily.META, new byte[] {(byte) thread, (byte) i}, new byte[100]).commit(true);
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }));
                }
                long startNanos = System.nanoTime();
                start.countDown();
                for (Thread writer : writers) {
                    writer.join(TimeUnit.SECONDS.toMillis(60));
                    assertThat(writer.isAlive()).isFalse();
                }
                assertThat(failure.get()).isNull();
                long syncs = statistics.getTickerCount(TickerType.WAL_FILE_SYNCED) - syncsBefore;
                int commits = THREADS * COMMITS_PER_THREAD;
                System.out.printf("%d synced commits from %d threads took %d WAL fsyncs in %d ms%n",
                        commits, THREADS, syncs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                assertThat(syncs).isPositive().isLessThan(commits);
            }
        }
    }
}

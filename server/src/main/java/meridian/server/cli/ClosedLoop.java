package meridian.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop run for {@code meridian bench-sql}: {@code concurrency} workers, each on its own
 * thread, each doing one operation after another for a fixed time. Worker {@code w} passes its
 * index to the operation, so that each keeps its own connection. Unlike {@link ReadBench}, any
 * exception an operation throws is counted as a failure (a JDBC call fails with a {@code
 * SQLException}, a wrong result with an {@code IllegalStateException}), and the run goes on.
 */
final class ClosedLoop {
  static final long LATENCY_MICROS_MAX = TimeUnit.SECONDS.toMicros(60);

  /** One operation by worker {@code worker}. */
  interface Operation {
    void once(int worker) throws Exception;
  }

  private ClosedLoop() {}

  static SqlBenchReport.Measurement run(int concurrency, int seconds, Operation operation) throws Exception {
    Histogram latency = new Histogram(LATENCY_MICROS_MAX, 3);
    AtomicLong failures = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>("");
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> workers = new ArrayList<>();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      for (int w = 0; w < concurrency; w++) {
        int worker = w;
        workers.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            try {
              operation.once(worker);
              long micros = Math.min(LATENCY_MICROS_MAX, Math.max(1, (System.nanoTime() - t) / 1000));
              synchronized (latency) {
                latency.recordValue(micros);
              }
            } catch (Exception e) {
              failures.incrementAndGet();
              firstFailure.compareAndSet("", String.valueOf(e.getMessage()));
            }
          }
        }));
      }
      for (Future<?> f : workers) {
        f.get(seconds + 120L, TimeUnit.SECONDS);
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      synchronized (latency) {
        return new SqlBenchReport.Measurement(latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
            latency.getTotalCount() / elapsed, failures.get(), firstFailure.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

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
 * Several runs may add up in one {@link Tally}, so that two paths can take turns in short slices
 * and see the same machine on average.
 */
final class ClosedLoop {
  static final long LATENCY_MICROS_MAX = TimeUnit.SECONDS.toMicros(60);

  /** One operation by worker {@code worker}. */
  interface Operation {
    void once(int worker) throws Exception;
  }

  /** What runs measured, added up. Not thread-safe: one run adds to it at a time, after its workers stop. */
  static final class Tally {
    private final Histogram latency = new Histogram(LATENCY_MICROS_MAX, 3);
    private long failures;
    private String firstFailure = "";
    private double seconds;

    private void add(Histogram runLatency, long runFailures, String runFirstFailure, double runSeconds) {
      latency.add(runLatency);
      failures += runFailures;
      firstFailure = firstFailure.isEmpty() ? runFirstFailure : firstFailure;
      seconds += runSeconds;
    }

    /** Throughput counts every run from its start until its last operation ended. */
    SqlBenchReport.Measurement measurement() {
      return new SqlBenchReport.Measurement(latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getMaxValue(),
          seconds > 0 ? latency.getTotalCount() / seconds : 0, failures, firstFailure);
    }
  }

  private ClosedLoop() {}

  static SqlBenchReport.Measurement run(int concurrency, int seconds, Operation operation) throws Exception {
    Tally tally = new Tally();
    run(concurrency, TimeUnit.SECONDS.toNanos(seconds), operation, tally);
    return tally.measurement();
  }

  /** Runs {@code concurrency} workers for {@code nanos}, waits for their last operations, and adds what they measured to {@code into}. */
  static void run(int concurrency, long nanos, Operation operation, Tally into) throws Exception {
    Histogram latency = new Histogram(LATENCY_MICROS_MAX, 3);
    AtomicLong failures = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>("");
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> workers = new ArrayList<>();
      long start = System.nanoTime();
      long end = start + nanos;
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
        f.get(TimeUnit.NANOSECONDS.toSeconds(nanos) + 120L, TimeUnit.SECONDS);
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      synchronized (latency) {
        into.add(latency, failures.get(), firstFailure.get(), elapsed);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

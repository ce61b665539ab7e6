package meridian.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import org.HdrHistogram.Histogram;

/**
 * One read throughput run for {@code meridian bench-txn}: {@code concurrency} blocking readers for
 * a fixed time, reader r through {@code clients[r % clients.size()]}, so that reads spread evenly
 * over the nodes given.
 */
final class ReadBench {
  static final long LATENCY_MICROS_MAX = TimeUnit.SECONDS.toMicros(60);

  private ReadBench() {}

  /** What a run measured. */
  record Result(Histogram latency, double readsPerSecond, long failures, String firstFailure) {}

  static Result run(List<NodeClient> clients, int concurrency, int seconds, Consumer<NodeClient> read) throws Exception {
    Histogram latency = new Histogram(LATENCY_MICROS_MAX, 3);
    AtomicLong failures = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>("");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> readers = new ArrayList<>();
      long start = System.nanoTime();
      for (int r = 0; r < concurrency; r++) {
        NodeClient client = clients.get(r % clients.size());
        readers.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            try {
              read.accept(client);
              long micros = Math.min(LATENCY_MICROS_MAX, Math.max(1, (System.nanoTime() - t) / 1000));
              synchronized (latency) {
                latency.recordValue(micros);
              }
            } catch (MeridianException e) {
              failures.incrementAndGet();
              firstFailure.compareAndSet("", e.getMessage());
            }
          }
        }));
      }
      for (Future<?> f : readers) {
        f.get(seconds + 60L, TimeUnit.SECONDS);
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      return new Result(latency, latency.getTotalCount() / elapsed, failures.get(), firstFailure.get());
    } finally {
      pool.shutdownNow();
    }
  }

  static void print(PrintWriter out, String what, String through, Result r) {
    out.printf("%-30s %-10s %-9.3f %-9.3f %-10.0f%s%n", what, through, r.latency().getValueAtPercentile(50) / 1000.0,
        r.latency().getValueAtPercentile(99) / 1000.0, r.readsPerSecond(), r.failures() > 0 ? " (" + r.failures() + " failed, first: " + r.firstFailure() + ")" : "");
    out.flush();
  }
}

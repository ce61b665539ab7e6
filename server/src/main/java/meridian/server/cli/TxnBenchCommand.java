package meridian.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.client.Transaction;
import meridian.proto.v1.CommitResponse;
import meridian.proto.v1.TimestampBound;
import meridian.server.replication.RangeMap;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian bench-txn}: transaction latency by the number of participant groups (the paper's
 * Table 4), and read-only transaction and snapshot read latency and throughput (Table 3), through
 * one node of a running cluster, with the epsilon and commit wait each commit reported.
 */
@Command(
    name = "bench-txn",
    mixinStandardHelpOptions = true,
    description = "Measure transactions by participant groups, read-only transactions and snapshot reads, on a running cluster.")
public final class TxnBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterTarget target;

  @Option(names = "--participants", split = ",", defaultValue = "1,2,5,10", description = "Participant groups per transaction (default: ${DEFAULT-VALUE}).")
  List<Integer> participants;

  @Option(names = "--transactions", defaultValue = "300", description = "Transactions per participant count, one at a time (default: ${DEFAULT-VALUE}).")
  int transactions;

  @Option(names = "--warmup-seconds", defaultValue = "15", description = "Transactions before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--read-seconds", defaultValue = "10", description = "Length of each read throughput run (default: ${DEFAULT-VALUE}).")
  int readSeconds;

  @Option(names = "--read-concurrency", defaultValue = "16", description = "Readers in flight for throughput (default: ${DEFAULT-VALUE}).")
  int readConcurrency;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ClusterTarget.Target node = target.resolve().getFirst();
    try (NodeClient client = new NodeClient(node.address())) {
      int groups = client.status().getGroupsCount() == 0 ? 1 : maxGroup(client);
      RangeMap ranges = RangeMap.initial(groups, g -> java.util.List.of());
      out.printf("through %s; %d groups; epsilon now %d us%n", node.id(), groups, client.status().getTruetime().getEpsilonMicros());
      out.printf("warming up for %d s...%n", warmupSeconds);
      out.flush();
      long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
      for (int i = 0; System.nanoTime() < warmEnd; i++) {
        commit(client, ranges, Math.min(groups, 1 + i % 3), i);
      }
      out.printf("%n%-13s %-9s %-9s %-9s %-16s %-12s%n", "PARTICIPANTS", "P50 MS", "P99 MS", "MEAN MS", "COMMIT WAIT MS", "EPSILON MS");
      for (int p : participants) {
        if (p > groups) {
          out.printf("%-13d (skipped: the cluster has %d groups; meridian up --groups %d)%n", p, groups, p);
          continue;
        }
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long waitMicros = 0;
        long epsilonMicros = 0;
        for (int i = 0; i < transactions; i++) {
          long start = System.nanoTime();
          CommitResponse c = commit(client, ranges, p, i);
          latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
          waitMicros += c.getCommitWaitMicros();
          epsilonMicros += c.getEpsilonMicros();
        }
        out.printf("%-13d %-9.3f %-9.3f %-9.3f %-16.3f %-12.3f%n", p, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
            latency.getMean() / 1000, waitMicros / 1000.0 / transactions, epsilonMicros / 1000.0 / transactions);
        out.flush();
      }
      out.printf("%n%-34s %-9s %-9s %-10s%n", "READS (1 key, " + readConcurrency + " in flight)", "P50 MS", "P99 MS", "READS/S");
      byte[] key = keyIn(ranges, 1, 0);
      reads(out, "strong read-only transaction", () -> {
        Transaction ro = client.beginReadOnly(TimestampBound.newBuilder().setStrong(true).build());
        ro.get(key);
        ro.commit();
      });
      reads(out, "strong single read", () -> client.read(List.of(key), TimestampBound.newBuilder().setStrong(true).build()));
      reads(out, "snapshot read, 1 s stale", () -> client.read(List.of(key), TimestampBound.newBuilder().setExactStalenessMicros(1_000_000).build()));
      reads(out, "bounded read, max 1 s stale", () -> client.read(List.of(key), TimestampBound.newBuilder().setMaxStalenessMicros(1_000_000).build()));
    }
    return 0;
  }

  private static int maxGroup(NodeClient client) {
    return (int) client.status().getGroupsList().stream().mapToLong(g -> g.getGroupId()).max().orElse(1);
  }

  /** A transaction writing one key in each of {@code p} groups. */
  private static CommitResponse commit(NodeClient client, RangeMap ranges, int p, int i) {
    return client.readWriteTransaction(10, txn -> {
      for (int g = 1; g <= p; g++) {
        txn.put(keyIn(ranges, g, i % 64), new byte[256]);
      }
      return null;
    }).commit();
  }

  private static byte[] keyIn(RangeMap ranges, long g, int n) {
    byte[] start = ranges.startKey(g);
    byte[] key = new byte[start.length + 2];
    System.arraycopy(start, 0, key, 0, start.length);
    key[start.length] = 'b';
    key[start.length + 1] = (byte) n;
    return key;
  }

  private void reads(PrintWriter out, String what, Runnable read) throws Exception {
    Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(readSeconds);
    ExecutorService pool = Executors.newFixedThreadPool(readConcurrency);
    try {
      List<Future<?>> readers = new ArrayList<>();
      long start = System.nanoTime();
      for (int r = 0; r < readConcurrency; r++) {
        readers.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            long t = System.nanoTime();
            try {
              read.run();
              synchronized (latency) {
                latency.recordValue(Math.max(1, (System.nanoTime() - t) / 1000));
              }
            } catch (MeridianException e) {
              failures.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : readers) {
        f.get(readSeconds + 60L, TimeUnit.SECONDS);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf("%-34s %-9.3f %-9.3f %-10.0f%s%n", what, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
          latency.getTotalCount() / seconds, failures.get() > 0 ? " (" + failures.get() + " failed)" : "");
      out.flush();
    } finally {
      pool.shutdownNow();
    }
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}

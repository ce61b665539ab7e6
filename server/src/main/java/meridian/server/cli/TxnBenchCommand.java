package meridian.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
 * Table 4) through one node of a running cluster, with the epsilon and commit wait each commit
 * reported and the physical floor measured in the same run; then read-only transaction and
 * snapshot read latency and throughput (Table 3) through group 1's leader, through one of its
 * followers, and spread over all its replicas.
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

  @Option(
      names = "--read-warmup-seconds",
      defaultValue = "10",
      description = "Reads of every kind through every replica of group 1 before measuring reads (default: ${DEFAULT-VALUE}).")
  int readWarmupSeconds;

  @Option(names = "--read-concurrency", defaultValue = "16", description = "Readers in flight for throughput (default: ${DEFAULT-VALUE}).")
  int readConcurrency;

  @Option(
      names = "--read-at",
      split = ",",
      defaultValue = "leader,follower,replicas",
      description = "Where reads of group 1 enter: through its leader's node, through a follower's node, or spread over every "
          + "replica's node (default: ${DEFAULT-VALUE}).")
  List<ReadAt> readAt;

  @Option(names = "--floor-dir", description = "Where to measure fsync (default: the cluster's directory, or the current one with --node).")
  Path floorDir;

  /** Which nodes the readers go through. */
  enum ReadAt {
    leader,
    follower,
    replicas
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (transactions < 1 || readSeconds < 1 || readConcurrency < 1 || warmupSeconds < 0 || readWarmupSeconds < 0) {
      throw new UserException("--transactions, --read-seconds and --read-concurrency must be positive, the warm-ups not negative");
    }
    List<ClusterTarget.Target> nodes = target.resolve();
    ClusterTarget.Target node = nodes.getFirst();
    GroupPlacement placement = GroupPlacement.of(nodes, 1);
    int groups = placement.groups();
    RangeMap ranges = RangeMap.initial(groups, g -> java.util.List.of());
    try (NodeClient client = new NodeClient(node.address())) {
      out.printf("transactions through %s; %d groups; epsilon now %d us%n", node.id(), groups,
          client.status().getTruetime().getEpsilonMicros());
      out.printf("warming up for %d s...%n", warmupSeconds);
      out.flush();
      long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
      for (int i = 0; System.nanoTime() < warmEnd; i++) {
        commit(client, ranges, Math.min(groups, 1 + i % 3), i);
      }
      // Where group 1 is, again: the warm-up needed every group's leader, so now there is one.
      placement = GroupPlacement.of(nodes, 1);
      out.printf("group 1 on %s, leader %s%n", ids(placement.replicas()), placement.leader().map(ClusterTarget.Target::id).orElse("none"));
      PhysicalFloor.measure(floorDir(), placement.leader().orElse(node).address(), out);
      transactions(out, client, ranges);
    }
    byte[] key = keyIn(ranges, 1, 0);
    warmUpReads(out, placement.replicas(), key);
    out.printf("%n%-30s %-10s %-9s %-9s %-10s%n", "READS (1 key, " + readConcurrency + " in flight)", "THROUGH", "P50 MS", "P99 MS", "READS/S");
    for (ReadAt at : readAt) {
      List<ClusterTarget.Target> through = switch (at) {
        case leader -> placement.leader().map(List::of).orElse(List.of());
        case follower -> placement.followers().stream().limit(1).toList();
        case replicas -> placement.replicas();
      };
      if (through.isEmpty()) {
        out.printf("(reads through a %s skipped: group 1 has none)%n", at);
        continue;
      }
      out.printf("through %s %s:%n", at, ids(through));
      reads(out, at.name(), through, key);
    }
    return 0;
  }

  private void transactions(PrintWriter out, NodeClient client, RangeMap ranges) {
    out.printf("%n%-13s %-9s %-9s %-9s %-16s %-12s%n", "PARTICIPANTS", "P50 MS", "P99 MS", "MEAN MS", "COMMIT WAIT MS", "EPSILON MS");
    for (int p : participants) {
      if (p > ranges.ranges().size()) {
        out.printf("%-13d (skipped: the cluster has %d groups; meridian up --ranges %d)%n", p, ranges.ranges().size(), p);
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
  }

  private static final TimestampBound STRONG = TimestampBound.newBuilder().setStrong(true).build();
  private static final TimestampBound STALE_1_S = TimestampBound.newBuilder().setExactStalenessMicros(1_000_000).build();
  private static final TimestampBound BOUNDED_1_S = TimestampBound.newBuilder().setMaxStalenessMicros(1_000_000).build();

  /** The read kinds measured, in order. */
  private static final List<String> READ_KINDS =
      List.of("strong read-only transaction", "strong single read", "snapshot read, 1 s stale", "bounded read, max 1 s stale");

  private static void read(String kind, NodeClient c, byte[] key) {
    switch (kind) {
      case "strong read-only transaction" -> {
        Transaction ro = c.beginReadOnly(STRONG);
        ro.get(key);
        ro.commit();
      }
      case "strong single read" -> c.read(List.of(key), STRONG);
      case "snapshot read, 1 s stale" -> c.read(List.of(key), STALE_1_S);
      case "bounded read, max 1 s stale" -> c.read(List.of(key), BOUNDED_1_S);
      default -> throw new IllegalArgumentException(kind);
    }
  }

  /** Every read kind in turn through every replica, so that no measured run pays for the JIT. */
  private void warmUpReads(PrintWriter out, List<ClusterTarget.Target> replicas, byte[] key) throws Exception {
    if (readWarmupSeconds <= 0 || replicas.isEmpty()) {
      return;
    }
    out.printf("%nwarming up reads for %d s...%n", readWarmupSeconds);
    out.flush();
    List<NodeClient> clients = replicas.stream().map(t -> new NodeClient(t.address())).toList();
    java.util.concurrent.atomic.AtomicLong turn = new java.util.concurrent.atomic.AtomicLong();
    try {
      ReadBench.run(clients, readConcurrency, readWarmupSeconds, c -> read(READ_KINDS.get((int) (turn.getAndIncrement() % READ_KINDS.size())), c, key));
    } finally {
      clients.forEach(NodeClient::close);
    }
  }

  /** The read kinds, each for {@code --read-seconds}, with the readers spread over {@code through}. */
  private void reads(PrintWriter out, String at, List<ClusterTarget.Target> through, byte[] key) throws Exception {
    List<NodeClient> clients = through.stream().map(t -> new NodeClient(t.address())).toList();
    try {
      for (String kind : READ_KINDS) {
        ReadBench.print(out, kind, at, ReadBench.run(clients, readConcurrency, readSeconds, c -> read(kind, c, key)));
      }
    } finally {
      clients.forEach(NodeClient::close);
    }
  }

  private Path floorDir() {
    if (floorDir != null) {
      return floorDir;
    }
    return target.nodes.isEmpty() && Files.isDirectory(target.dir) ? target.dir : Path.of(".");
  }

  private static List<String> ids(List<ClusterTarget.Target> targets) {
    return targets.stream().map(ClusterTarget.Target::id).toList();
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

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}

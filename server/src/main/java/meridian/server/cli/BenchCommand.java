package meridian.server.cli;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import meridian.client.NodeAddress;
import meridian.proto.v1.KvServiceGrpc;
import meridian.proto.v1.PutRequest;
import meridian.proto.v1.PutResponse;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian bench}: replicated write latency and throughput of one Paxos group, beside the
 * physical floor (fsync, loopback round trips) measured in the same run. Writes go straight to
 * the group's leader; with {@code --commit-wait} they also wait out commit wait, as client puts do.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure replicated writes of one Paxos group against the physical floor, on a running cluster.")
public final class BenchCommand implements Callable<Integer> {
  /** Keys starting with byte 0 are in group 1 however many groups there are (the leader found below). */
  static final ByteString GROUP_1_PREFIX = ByteString.copyFrom(new byte[] {0});

  @Spec CommandSpec spec;
  @Mixin ClusterTarget target;

  @Option(names = "--value-bytes", defaultValue = "256", description = "Value size (default: ${DEFAULT-VALUE}).")
  int valueBytes;

  @Option(names = "--latency-ops", defaultValue = "2000", description = "Writes for the 1-in-flight latency (default: ${DEFAULT-VALUE}).")
  int latencyOps;

  @Option(
      names = "--concurrency",
      split = ",",
      defaultValue = "1,16,128",
      description = "Writes in flight for the throughput runs (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "Length of each throughput run (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup-seconds", defaultValue = "15", description = "Writes before measuring (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--commit-wait", description = "Include commit wait in every write, as a client put does.")
  boolean commitWait;

  @Option(names = "--floor-dir", defaultValue = ".", description = "Where to measure fsync (default: the current directory).")
  Path floorDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    NodeAddress leader = leaderOfGroup1();
    out.printf("group 1 leader: %s; %d-byte values; commit wait %s%n", leader, valueBytes, commitWait ? "included" : "excluded");
    ManagedChannel channel = NettyChannelBuilder.forAddress(leader.host(), leader.port()).usePlaintext().build();
    try {
      KvServiceGrpc.KvServiceStub stub = KvServiceGrpc.newStub(channel);
      // Warm-up: the JIT of every JVM involved (nodes and this one) compiles the write path first.
      out.printf("warming up for %d s...%n", warmupSeconds);
      out.flush();
      run(stub, 16, Duration.ofSeconds(warmupSeconds), Integer.MAX_VALUE);
      PhysicalFloor.Result floor = PhysicalFloor.measure(floorDir, leader, out);
      Histogram latency = run(stub, 1, Duration.ofMinutes(5), latencyOps).histogram;
      out.printf(
          "%nwrite latency, 1 in flight (%d writes): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
          latency.getTotalCount(), ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()));
      out.printf("p50 / floor (fsync p50 + 2 x gRPC round trip p50 = %.3f ms): %.2fx%n", ms(floor.replicatedWriteFloorMicros()),
          latency.getValueAtPercentile(50) / (double) floor.replicatedWriteFloorMicros());
      out.printf("%n%-10s %-12s %-10s %-10s%n", "IN FLIGHT", "WRITES/S", "P50 MS", "P99 MS");
      for (int inFlight : concurrency) {
        Run r = run(stub, inFlight, Duration.ofSeconds(seconds), Integer.MAX_VALUE);
        out.printf(
            "%-10d %-12.0f %-10.3f %-10.3f%n",
            inFlight, r.count / r.seconds, ms(r.histogram.getValueAtPercentile(50)), ms(r.histogram.getValueAtPercentile(99)));
        out.flush();
      }
    } finally {
      channel.shutdownNow();
      channel.awaitTermination(5, TimeUnit.SECONDS);
    }
    return 0;
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private NodeAddress leaderOfGroup1() {
    return GroupPlacement.of(target.resolve(), 1).leader()
        .orElseThrow(() -> new UserException("no node reports leading group 1; is the cluster up? (meridian status)"))
        .address();
  }

  private record Run(Histogram histogram, long count, double seconds) {}

  /** Keeps {@code inFlight} writes going until {@code duration} or {@code ops} writes are done. */
  private Run run(KvServiceGrpc.KvServiceStub stub, int inFlight, Duration duration, int ops) throws InterruptedException {
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong failures = new AtomicLong();
    ByteString value = ByteString.copyFrom(new byte[valueBytes]);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    int issued = 0;
    while (issued < ops && System.nanoTime() < end) {
      if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
        continue;
      }
      PutRequest request =
          PutRequest.newBuilder()
              .setKey(GROUP_1_PREFIX.concat(ByteString.copyFromUtf8("bench/" + (issued % 100_000))))
              .setValue(value)
              .setSkipCommitWait(!commitWait)
              .build();
      issued++;
      long sent = System.nanoTime();
      stub.withDeadlineAfter(10, TimeUnit.SECONDS)
          .put(
              request,
              new StreamObserver<PutResponse>() {
                @Override
                public void onNext(PutResponse response) {
                  synchronized (histogram) {
                    histogram.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                  }
                }

                @Override
                public void onError(Throwable t) {
                  failures.incrementAndGet();
                  slots.release();
                }

                @Override
                public void onCompleted() {
                  slots.release();
                }
              });
    }
    if (!slots.tryAcquire(inFlight, 30, TimeUnit.SECONDS)) {
      throw new UserException("writes did not finish within 30 s");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (failures.get() > 0) {
      spec.commandLine().getOut().printf("(%d writes failed)%n", failures.get());
    }
    synchronized (histogram) {
      return new Run(histogram.copy(), histogram.getTotalCount(), seconds);
    }
  }
}

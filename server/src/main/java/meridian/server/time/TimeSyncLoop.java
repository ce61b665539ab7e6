package meridian.server.time;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import meridian.proto.v1.NowRequest;
import meridian.proto.v1.NowResponse;
import meridian.proto.v1.TimeServiceGrpc;
import meridian.server.node.NodeConfig;
import meridian.server.node.NodeMetrics;
import meridian.server.node.PeerSpec;
import meridian.truetime.MasterReading;
import meridian.truetime.SyncOutcome;
import meridian.truetime.TrueTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every peer's time service at a fixed interval, in parallel, and feeds the answers to
 * {@link TrueTime#sync}. Peers that say they are not masters are left out; peers that do not
 * answer within the poll deadline count as unreachable masters. One scheduler thread; the polls
 * themselves run on gRPC's threads and are bounded by their deadline.
 */
public final class TimeSyncLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TimeSyncLoop.class);
  static final int SAMPLES_PER_ROUND = 3;

  private final NodeConfig config;
  private final TrueTime trueTime;
  private final NodeMetrics metrics;
  private final Consumer<Boolean> onHealthChange;
  private final List<Peer> peers = new ArrayList<>();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "truetime-sync");
            thread.setDaemon(true);
            return thread;
          });
  /** Peers that said they are not time masters (so their silence later is not news). */
  private final Set<String> nonMasters = ConcurrentHashMap.newKeySet();
  private volatile SyncOutcome lastOutcome;
  private Boolean lastHealthy;

  private record Peer(PeerSpec spec, ManagedChannel channel) {}

  public TimeSyncLoop(NodeConfig config, TrueTime trueTime, NodeMetrics metrics, Consumer<Boolean> onHealthChange) {
    this.config = config;
    this.trueTime = trueTime;
    this.metrics = metrics;
    this.onHealthChange = onHealthChange;
    for (PeerSpec peer : config.peers()) {
      ManagedChannel channel =
          meridian.server.node.PeerChannels.to(peer.address(), config.listen().host())
              .maxInboundMessageSize(64 * 1024)
              .directExecutor() // callbacks only timestamp and chain: run them on the event loop
              .build();
      peers.add(new Peer(peer, channel));
    }
  }

  public void start() {
    long intervalMillis = config.timeSyncInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::syncOnceSafely, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** The outcome of the latest round, for status; null before the first round. */
  public SyncOutcome lastOutcome() {
    return lastOutcome;
  }

  private void syncOnceSafely() {
    try {
      syncOnce();
    } catch (RuntimeException e) {
      // The loop must survive anything one round throws; the next round tries again.
      log.error("time sync round failed", e);
    }
  }

  private void syncOnce() throws RuntimeException {
    long deadlineMillis = Math.max(50, Math.min(1000, config.timeSyncInterval().toMillis()));
    List<MasterReading> readings = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(peers.size());
    for (Peer peer : peers) {
      poll(peer, deadlineMillis, readings, unreachable, done);
    }
    try {
      if (!done.await(SAMPLES_PER_ROUND * deadlineMillis + 500, TimeUnit.MILLISECONDS)) {
        log.warn("time sync: some polls did not finish within their deadline");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    SyncOutcome outcome;
    synchronized (readings) {
      outcome = trueTime.sync(List.copyOf(readings), List.copyOf(unreachable));
    }
    metrics.recordSync(outcome.agreed());
    report(outcome);
    lastOutcome = outcome;
  }

  /**
   * Polls one peer {@link #SAMPLES_PER_ROUND} times back to back and keeps the answer with the
   * shortest round trip, as NTP does: the first call after an idle second pays for wake-ups and
   * cold code, and every microsecond of round trip is a microsecond of epsilon.
   */
  private void poll(
      Peer peer, long deadlineMillis, List<MasterReading> readings, List<String> unreachable, CountDownLatch done) {
    pollSample(peer, deadlineMillis, SAMPLES_PER_ROUND, null, readings, unreachable, done);
  }

  private void pollSample(
      Peer peer,
      long deadlineMillis,
      int samplesLeft,
      MasterReading best,
      List<MasterReading> readings,
      List<String> unreachable,
      CountDownLatch done) {
    long sendMicros = trueTime.wallMicros();
    TimeServiceGrpc.newStub(peer.channel())
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
        .now(
            NowRequest.newBuilder().setRequesterId(config.id()).build(),
            new StreamObserver<>() {
              private MasterReading reading;

              @Override
              public void onNext(NowResponse response) {
                long receiveMicros = trueTime.wallMicros();
                reading =
                    new MasterReading(
                        peer.spec().id(), sendMicros, receiveMicros, response.getTimeMicros(), response.getEpsilonMicros());
              }

              @Override
              public void onError(Throwable t) {
                if (best != null) {
                  finish(best);
                  return;
                }
                if (Status.fromThrowable(t).getCode() == Status.Code.FAILED_PRECONDITION) {
                  nonMasters.add(peer.spec().id());
                } else {
                  synchronized (readings) {
                    unreachable.add(peer.spec().id());
                  }
                }
                done.countDown();
              }

              @Override
              public void onCompleted() {
                nonMasters.remove(peer.spec().id());
                MasterReading better =
                    best == null || (reading != null && reading.rttMicros() < best.rttMicros()) ? reading : best;
                if (samplesLeft > 1 && better != null) {
                  pollSample(peer, deadlineMillis, samplesLeft - 1, better, readings, unreachable, done);
                } else {
                  finish(better);
                }
              }

              private void finish(MasterReading chosen) {
                if (chosen != null) {
                  synchronized (readings) {
                    readings.add(chosen);
                  }
                }
                done.countDown();
              }
            });
  }

  private void report(SyncOutcome outcome) {
    boolean healthy = !trueTime.status().fenced();
    if (lastHealthy == null || lastHealthy != healthy) {
      if (healthy) {
        log.info("TrueTime healthy: epsilon {} us", trueTime.status().epsilonMicros().orElse(0));
      } else {
        log.warn("TrueTime fenced: {}; refusing to hand out timestamps", trueTime.status().fenceReason());
      }
      lastHealthy = healthy;
      onHealthChange.accept(healthy);
    }
    SyncOutcome previous = lastOutcome;
    if (!outcome.liars().isEmpty() && (previous == null || !previous.liars().equals(outcome.liars()))) {
      log.warn("time masters outside the agreed interval (liars): {}", outcome.liars());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    for (Peer peer : peers) {
      peer.channel().shutdownNow();
    }
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

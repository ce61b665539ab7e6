package meridian.server.node;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import meridian.server.admin.AdminService;
import meridian.server.admin.NodeHealthService;
import io.grpc.ServerInterceptors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import meridian.server.kv.Forwarding;
import meridian.server.kv.KvService;
import meridian.server.kv.ReplicatedKv;
import meridian.server.txn.ParticipantClient;
import meridian.server.txn.ParticipantService;
import meridian.server.txn.Participants;
import meridian.server.txn.SnapshotReads;
import meridian.server.txn.TransactionService;
import meridian.server.txn.Transactions;
import meridian.server.placement.RangeCache;
import meridian.server.placement.Splitter;
import meridian.server.replication.CommitWait;
import meridian.server.replication.PaxosDeliveryService;
import meridian.server.replication.Replication;
import meridian.server.time.TimeMasterService;
import meridian.server.time.TimeSyncLoop;
import meridian.storage.StorageEngine;
import meridian.storage.StorageException;
import meridian.storage.StorageOptions;
import meridian.truetime.SkewableClock;
import meridian.truetime.SystemClock;
import meridian.truetime.TrueTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Meridian node: storage, TrueTime, the gRPC services and the metrics endpoint.
 *
 * <p>Start order is chosen so that the commonest operator mistakes fail first and leave nothing
 * behind: the data directory (locked or foreign), then the metrics port, then the gRPC port. Stop
 * order is the reverse of use: stop taking requests, let in-flight calls finish (bounded), stop
 * syncing time, then close RocksDB cleanly.
 */
public final class Node implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Node.class);
  /** Largest request a node accepts. */
  public static final int MESSAGE_BYTES_MAX = 16 * 1024 * 1024;
  private static final long DRAIN_SECONDS_MAX = 10;
  /** How often a node reads the range map even when no group said WRONG_RANGE. */
  static final long RANGE_MAP_REFRESH_SECONDS = 5;

  private final NodeConfig config;
  private final long startedMonotonicNanos;
  private final SkewableClock clock;
  private final TrueTime trueTime;
  private final NodeMetrics metrics;
  private StorageEngine storage;
  private MetricsHttpServer metricsServer;
  private Server grpcServer;
  private TimeSyncLoop timeSync;
  private ScheduledExecutorService scheduler;
  private Transactions transactions;
  private meridian.server.sql.Sessions sqlSessions;
  private meridian.server.sql.SqlService sqlService;
  private Replication replication;
  private Forwarding forwarding;
  private final HealthStatusManager health = new HealthStatusManager();
  private boolean closed;

  private Node(NodeConfig config) {
    this.config = config;
    this.startedMonotonicNanos = System.nanoTime();
    this.clock = new SkewableClock(new SystemClock());
    this.trueTime = TrueTimeFactory.create(config, clock);
    this.metrics = new NodeMetrics(config, trueTime);
  }

  /** Starts a node; on failure everything already started is stopped again. */
  public static Node start(NodeConfig config) {
    Node node = new Node(config);
    try {
      node.startComponents();
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startComponents() {
    try {
      storage = StorageEngine.open(config.dataDir(), StorageOptions.defaults());
    } catch (StorageException e) {
      throw new StartupException(e.getMessage(), e);
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> MetricsHttpServer.daemon(r, "node-scheduler"));
    CommitWait commitWait = new CommitWait(trueTime, scheduler);
    java.util.concurrent.atomic.AtomicReference<Participants> participantsRef = new java.util.concurrent.atomic.AtomicReference<>();
    replication = new Replication(config, storage, trueTime, commitWait, (coordinator, txn) -> participantsRef.get().inquire(coordinator, txn));
    metrics.bindSnapshots(replication.snapshotCounters());
    forwarding = new Forwarding(config.listen().host(), config.peers());
    ReplicatedKv kv = new ReplicatedKv(replication, trueTime, config.id(), scheduler);
    RangeCache ranges = new RangeCache(replication.initialRanges());
    Participants participants = new Participants(new ParticipantClient(config.id(), replication, ranges, forwarding, scheduler));
    participantsRef.set(participants);
    ranges.readFrom(participants);
    scheduler.scheduleWithFixedDelay(ranges::refreshSoon, 1, RANGE_MAP_REFRESH_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
    SnapshotReads snapshotReads = new SnapshotReads(participants, ranges, trueTime);
    transactions = new Transactions(config.id(), participants, ranges, trueTime, scheduler);
    Splitter splitter = new Splitter(transactions, ranges, scheduler);
    sqlSessions = new meridian.server.sql.Sessions(new meridian.server.sql.Engine(transactions, snapshotReads, splitter, trueTime), scheduler);
    sqlService = new meridian.server.sql.SqlService(sqlSessions, config.id(), meridian.server.admin.Versions.meridian());
    if (config.metricsPort() > 0) {
      metricsServer = MetricsHttpServer.start(config.listen().host(), config.metricsPort(), metrics.registry());
    }
    timeSync = new TimeSyncLoop(config, trueTime, metrics, this::onTimeHealthChange);
    NodeHealthService nodeHealth = new NodeHealthService(trueTime);
    grpcServer =
        NettyServerBuilder.forAddress(new InetSocketAddress(config.listen().host(), config.listen().port()))
            .maxInboundMessageSize(MESSAGE_BYTES_MAX)
            .addService(new TimeMasterService(config, trueTime))
            .addService(ServerInterceptors.intercept(new KvService(kv, replication, ranges, forwarding, config.id(), metrics), Forwarding.interceptor()))
            .addService(new PaxosDeliveryService(replication))
            .addService(new ParticipantService(replication))
            .addService(new TransactionService(transactions, snapshotReads))
            .addService(sqlService)
            .addService(new AdminService(config, trueTime, clock, replication, ranges, splitter, startedMonotonicNanos))
            .addService(nodeHealth)
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .build();
    try {
      grpcServer.start();
    } catch (IOException e) {
      throw new StartupException(bindFailure("gRPC", config.listen().toString(), e), e);
    }
    health.setStatus("", ServingStatus.NOT_SERVING);
    timeSync.start();
    log.info(
        "node {} (zone {}) serving gRPC on {}{}{}; data in {}",
        config.id(),
        config.zone(),
        config.listen(),
        config.timeMaster() ? " as a time master" : "",
        config.metricsPort() > 0 ? ", metrics on http://" + config.listen().host() + ":" + config.metricsPort() + "/metrics" : "",
        config.dataDir());
  }

  static String bindFailure(String what, String address, IOException e) {
    // Netty's native transport reports its own exception type, so look at messages as well.
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (cause instanceof BindException || message.contains("Address already in use")) {
        return what + " address " + address + " is already in use";
      }
      if (message.contains("Cannot assign requested address")) {
        return what + " address " + address + " is not an address of this host";
      }
    }
    return "cannot listen on " + address + " for " + what + ": " + e.getMessage();
  }

  private void onTimeHealthChange(boolean timeHealthy) {
    health.setStatus("", timeHealthy ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  public NodeConfig config() {
    return config;
  }

  public TrueTime trueTime() {
    return trueTime;
  }

  /** Blocks until the gRPC server has terminated (after {@link #close()}). */
  public void awaitTermination() throws InterruptedException {
    if (grpcServer != null) {
      grpcServer.awaitTermination();
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean started = grpcServer != null;
    if (started) {
      log.info("node {} stopping", config.id());
    }
    health.enterTerminalState();
    if (grpcServer != null) {
      grpcServer.shutdown();
      try {
        if (!grpcServer.awaitTermination(DRAIN_SECONDS_MAX, TimeUnit.SECONDS)) {
          log.warn("calls still running after {} s; cancelling them", DRAIN_SECONDS_MAX);
          grpcServer.shutdownNow();
          grpcServer.awaitTermination(DRAIN_SECONDS_MAX, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        grpcServer.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (timeSync != null) {
      timeSync.close();
    }
    if (sqlSessions != null) {
      sqlSessions.close();
    }
    if (sqlService != null) {
      sqlService.close();
    }
    if (transactions != null) {
      transactions.close();
    }
    if (forwarding != null) {
      forwarding.close();
    }
    if (replication != null) {
      replication.close();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (metricsServer != null) {
      metricsServer.close();
    }
    if (storage != null) {
      storage.close();
    }
    if (started) {
      log.info("node {} stopped; storage closed cleanly", config.id());
    }
  }
}

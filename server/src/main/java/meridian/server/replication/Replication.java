package meridian.server.replication;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import meridian.paxos.Membership;
import meridian.paxos.Message;
import meridian.paxos.ReplicaConfig;
import meridian.paxos.ReplicaStatus;
import meridian.server.node.NodeConfig;
import meridian.server.node.PeerSpec;
import meridian.storage.StorageEngine;
import meridian.truetime.TTInterval;
import meridian.truetime.TrueTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All the Paxos groups this node hosts: their placement, the shared bounded pool they run on (no
 * thread per group), the ticker, and the transport. Groups are placed deterministically from the
 * cluster's node ids, so every node computes the same memberships without talking.
 */
public final class Replication implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Replication.class);
  static final int POOL_THREADS_MIN = 8;

  private final NodeConfig config;
  private final RangeMap initialRanges;
  private final List<String> nodeIds;
  // Written by the constructor and by group executors when a split creates a group here.
  private final Map<Long, GroupRuntime> groups = new java.util.concurrent.ConcurrentHashMap<>();
  private final TrueTime trueTime;
  private final CommitWait commitWait;
  private final TxnHost.Inquirer inquirer;
  private final SplittableRandom seeds;
  private final ExecutorService pool;
  private final ScheduledExecutorService ticker;
  private final PaxosTransport transport;
  private final SnapshotTransfers snapshots;
  private final StorageEngine engine;

  public Replication(NodeConfig config, StorageEngine engine, TrueTime trueTime, CommitWait commitWait, TxnHost.Inquirer inquirer) {
    this.config = config;
    this.nodeIds = nodeIds(config);
    this.initialRanges = RangeMap.initial(config.groups(), g -> membership(g, nodeIds, config.replicas()).replicas());
    this.trueTime = trueTime;
    this.commitWait = commitWait;
    this.inquirer = inquirer;
    this.transport = new PaxosTransport(config.id(), config.listen().host(), config.peers());
    this.engine = engine;
    this.snapshots = new SnapshotTransfers(config.id(), engine, transport);
    // Turns block in fsync; more threads than cores let RocksDB group the fsyncs of many groups
    // into one (group commit across groups), while the pool stays bounded.
    int threads = Math.max(POOL_THREADS_MIN, 2 * Runtime.getRuntime().availableProcessors());
    AtomicInteger counter = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread thread = new Thread(r, "paxos-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "paxos-ticker");
              thread.setDaemon(true);
              return thread;
            });
    this.seeds = new SplittableRandom(config.id().hashCode() * 31L + System.nanoTime());
    for (RangeMap.Range range : initialRanges.ranges()) {
      if (range.replicas().contains(config.id())) {
        host(range);
      }
    }
    long tickMicros = ReplicaConfig.defaults(1, config.id(), new Membership(List.of(config.id()))).tickMicros();
    ticker.scheduleAtFixedRate(this::tickAll, tickMicros, tickMicros, TimeUnit.MICROSECONDS);
    log.info("hosting {} Paxos groups ({} ranges at the start) on {} pool threads; log compaction every {} entries, keeping {}",
        groups.size(), initialRanges.ranges().size(), threads, config.compaction().everyEntries(), config.compaction().keepEntries());
  }

  /** Hosts the group of {@code range} (as it started) and, from its disk, every group split off it. */
  private synchronized void host(RangeMap.Range range) {
    long g = range.groupId();
    if (groups.containsKey(g)) {
      return;
    }
    ReplicaConfig replicaConfig = ReplicaConfig.defaults(g, config.id(), new Membership(range.replicas()));
    groups.put(g, new GroupRuntime(replicaConfig, engine, trueTime, transport, pool, seeds.split(), range, this::hostChild,
        config.compaction(), snapshots, commitWait, inquirer));
    new GroupStorage(engine, g).loadChildren().forEach(this::hostChild);
  }

  /**
   * A group split off one hosted here: host it too. Its start state is normally written with the
   * split's apply; a replica that learned of the split from a snapshot writes it now.
   */
  private void hostChild(GroupStorage.Child child) {
    if (groups.containsKey(child.range().groupId()) || !child.range().replicas().contains(config.id())) {
      return;
    }
    meridian.storage.Batch batch = engine.newBatch();
    if (GroupStorage.stageCreated(engine, child, batch)) {
      batch.commit(true);
    }
    log.info("hosting new group {} (split off at timestamp {})", child.range(), child.createdMicros());
    host(child.range());
  }

  private static List<String> nodeIds(NodeConfig config) {
    List<String> ids = new ArrayList<>();
    ids.add(config.id());
    config.peers().stream().map(PeerSpec::id).forEach(ids::add);
    ids.sort(String::compareTo);
    return List.copyOf(ids);
  }

  /** Group g's replicas: {@link NodeConfig#replicas()} nodes in turn, starting at node g. */
  static Membership membership(long g, List<String> nodeIds, int replicasPerGroup) {
    if (nodeIds.size() <= replicasPerGroup) {
      return new Membership(nodeIds);
    }
    List<String> replicas = new ArrayList<>();
    for (int i = 0; i < replicasPerGroup; i++) {
      replicas.add(nodeIds.get((int) ((g - 1 + i) % nodeIds.size())));
    }
    return new Membership(replicas);
  }

  /** The ranges the cluster started with (before any split). */
  public RangeMap initialRanges() {
    return initialRanges;
  }

  /** Group g's key range as this node's replica has applied it; empty when not hosted here. */
  public Optional<RangeMap.Range> hostedRange(long groupId) {
    return Optional.ofNullable(groups.get(groupId)).map(GroupRuntime::range);
  }

  private void tickAll() {
    for (GroupRuntime group : groups.values()) {
      group.tick();
    }
  }

  /** An incoming message; dropped when this node does not host its group. */
  public void deliver(Message message) {
    GroupRuntime group = groups.get(message.groupId());
    if (group != null) {
      group.deliver(message);
    }
  }

  Optional<GroupRuntime> group(long groupId) {
    return Optional.ofNullable(groups.get(groupId));
  }

  /**
   * Runs {@code action} against group g's transaction host on the group's executor (the only place
   * its methods may run); fails with NO_REPLICA when this node hosts no replica of g.
   */
  public <T> CompletableFuture<T> onTxns(long groupId, BiFunction<TxnHost, TTInterval, CompletableFuture<T>> action) {
    GroupRuntime group = groups.get(groupId);
    if (group == null) {
      return CompletableFuture.failedFuture(new ReplicationException(
          ReplicationException.Kind.NO_REPLICA, "node " + config.id() + " hosts no replica of group " + groupId, ""));
    }
    return group.onTxns(action);
  }

  public CompletableFuture<ReplicaStatus> status(long groupId) {
    return hosted(groupId).status();
  }

  public void transferLeadership(long groupId, String target) {
    hosted(groupId).transferLeadership(target);
  }

  /** Where {@code groupId}'s log begins on this node (0: never compacted). */
  public long snapshotIndex(long groupId) {
    return hosted(groupId).snapshotIndex();
  }

  public SnapshotCounters snapshotCounters() {
    return snapshots.counters();
  }

  /** Serves a {@code FetchSnapshot} call. */
  void serveSnapshot(meridian.proto.v1.SnapshotFetch request, io.grpc.stub.StreamObserver<meridian.proto.v1.SnapshotChunk> response) {
    GroupRuntime group = groups.get(request.getGroupId());
    if (group == null) {
      response.onError(io.grpc.Status.NOT_FOUND
          .withDescription("node " + config.id() + " hosts no replica of group " + request.getGroupId()).asRuntimeException());
      return;
    }
    snapshots.serve(request, new GroupStorage(engine, request.getGroupId()), group.spans(), response);
  }

  public boolean hosts(long groupId) {
    return groups.containsKey(groupId);
  }

  /** The groups hosted here, in id order. */
  public Collection<Long> hostedGroups() {
    return new java.util.TreeSet<>(groups.keySet());
  }

  private GroupRuntime hosted(long groupId) {
    GroupRuntime group = groups.get(groupId);
    if (group == null) {
      throw new ReplicationException(
          ReplicationException.Kind.NO_REPLICA, "node " + config.id() + " hosts no replica of group " + groupId, "");
    }
    return group;
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    snapshots.close();
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    transport.close();
  }
}

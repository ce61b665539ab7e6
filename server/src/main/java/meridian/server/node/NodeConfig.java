package meridian.server.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import meridian.client.NodeAddress;
import meridian.server.replication.LogCompaction;

/**
 * Everything a node is started with. Validated on construction; messages are fit for a user.
 *
 * @param metricsPort 0 turns the metrics endpoint off
 * @param allowFaultInjection the admin RPC may skew this node's clock (tests and nemeses only)
 * @param groups how many Paxos groups the key space is split into; every node must agree
 * @param compaction when each group truncates its log
 * @param replicas replicas per Paxos group, placed on that many nodes in turn; every node must agree
 */
public record NodeConfig(
    String id,
    String zone,
    NodeAddress listen,
    List<PeerSpec> peers,
    Path dataDir,
    boolean timeMaster,
    long masterEpsilonMicros,
    int metricsPort,
    Duration timeSyncInterval,
    boolean allowFaultInjection,
    int groups,
    LogCompaction compaction,
    int replicas) {
  /** Replicas per group when none are asked for (or every node, when there are fewer). */
  public static final int REPLICAS_DEFAULT = 3;
  public static final int REPLICAS_MAX = 5;

  public NodeConfig {
    checkId(id);
    if (zone == null || zone.isBlank()) {
      throw new IllegalArgumentException("--zone must not be empty");
    }
    peers = List.copyOf(peers);
    Set<String> ids = new HashSet<>();
    ids.add(id);
    for (PeerSpec peer : peers) {
      if (!ids.add(peer.id())) {
        throw new IllegalArgumentException("node id '" + peer.id() + "' appears twice (--id and --peers)");
      }
      if (peer.address().equals(listen)) {
        throw new IllegalArgumentException("peer " + peer + " has this node's own listen address");
      }
    }
    if (masterEpsilonMicros < 0) {
      throw new IllegalArgumentException("--master-epsilon-micros must not be negative");
    }
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("--metrics-port " + metricsPort + " is outside 0..65535");
    }
    if (groups < 1 || groups > 256) {
      throw new IllegalArgumentException("--ranges must be between 1 and 256, not " + groups);
    }
    checkReplicas(replicas, ids.size());
    java.util.Objects.requireNonNull(compaction, "compaction");
    if (timeSyncInterval.isNegative() || timeSyncInterval.isZero()) {
      throw new IllegalArgumentException("--time-sync-interval must be positive");
    }
  }

  /** A node started without {@code --replicas}: {@link #REPLICAS_DEFAULT}, or every node when fewer. */
  public NodeConfig(
      String id, String zone, NodeAddress listen, List<PeerSpec> peers, Path dataDir, boolean timeMaster, long masterEpsilonMicros,
      int metricsPort, Duration timeSyncInterval, boolean allowFaultInjection, int groups, LogCompaction compaction) {
    this(id, zone, listen, peers, dataDir, timeMaster, masterEpsilonMicros, metricsPort, timeSyncInterval, allowFaultInjection,
        groups, compaction, defaultReplicas(1 + peers.size()));
  }

  /** {@link #REPLICAS_DEFAULT}, or every node of a smaller cluster. */
  public static int defaultReplicas(int nodes) {
    return Math.min(REPLICAS_DEFAULT, nodes);
  }

  /** One line for a user when {@code replicas} cannot be placed on {@code nodes} nodes. */
  public static void checkReplicas(int replicas, int nodes) {
    if (replicas < 1 || replicas > REPLICAS_MAX) {
      throw new IllegalArgumentException("--replicas must be between 1 and " + REPLICAS_MAX + ", not " + replicas);
    }
    if (replicas > nodes) {
      throw new IllegalArgumentException(
          "--replicas " + replicas + " needs at least " + replicas + " nodes; the cluster has " + nodes);
    }
  }

  static void checkId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException(
          "node id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }
}

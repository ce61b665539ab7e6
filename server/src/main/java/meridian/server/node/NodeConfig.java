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
    LogCompaction compaction) {

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
    java.util.Objects.requireNonNull(compaction, "compaction");
    if (timeSyncInterval.isNegative() || timeSyncInterval.isZero()) {
      throw new IllegalArgumentException("--time-sync-interval must be positive");
    }
  }

  static void checkId(String id) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw new IllegalArgumentException(
          "node id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }
}

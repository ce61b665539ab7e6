package meridian.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import meridian.client.NodeAddress;
import meridian.server.node.Node;
import meridian.server.node.NodeConfig;
import meridian.server.node.PeerSpec;
import meridian.server.replication.LogCompaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meridian node}: runs one node in the foreground until SIGTERM or Ctrl-C. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run one Meridian node in the foreground (stops cleanly on SIGTERM or Ctrl-C).")
public final class NodeCommand implements Callable<Integer> {
  @Option(names = "--id", required = true, description = "Node id, unique in the cluster (e.g. n1).")
  String id;

  @Option(names = "--zone", defaultValue = "zone-1", description = "Zone this node is in (default: ${DEFAULT-VALUE}).")
  String zone;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:7701",
      converter = AddressConverter.class,
      description = "host:port for gRPC (default: ${DEFAULT-VALUE}).")
  NodeAddress listen;

  @Option(names = "--peers", defaultValue = "", description = "The other nodes: id@host:port,id@host:port,...")
  String peers;

  @Option(names = "--data", required = true, description = "Data directory (created if missing).")
  Path data;

  @Option(names = "--time-master", description = "Serve as a TrueTime time master (a trusted time reference).")
  boolean timeMaster;

  @Option(
      names = "--master-epsilon-micros",
      defaultValue = "500",
      description = "A time master's own uncertainty, in microseconds (default: ${DEFAULT-VALUE}).")
  long masterEpsilonMicros;

  @Option(
      names = "--metrics-port",
      defaultValue = "-1",
      description = "HTTP port for Prometheus metrics at /metrics; 0 turns it off (default: gRPC port + 100).")
  int metricsPort;

  @Option(
      names = "--time-sync-interval",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often to poll the time masters (default: ${DEFAULT-VALUE}).")
  Duration timeSyncInterval;

  @Option(
      names = {"--ranges", "--groups"},
      defaultValue = "4",
      description = "Ranges the key space starts split into (by first byte), each a Paxos group; the same on every node (default: ${DEFAULT-VALUE}).")
  int groups;

  @Option(
      names = "--compact-every-entries",
      defaultValue = "10000",
      description = "Truncate a group's log once this many applied entries lie above the last truncation (default: ${DEFAULT-VALUE}).")
  long compactEveryEntries;

  @Option(
      names = "--compact-keep-entries",
      defaultValue = "1000",
      description = "Applied entries a truncation keeps, so lagging replicas catch up from the log (default: ${DEFAULT-VALUE}).")
  long compactKeepEntries;

  @Option(
      names = "--replicas",
      description = "Replicas per Paxos group, 1-5, placed on that many nodes in turn; the same on every node (default: 3, or every node when fewer).")
  Integer replicas;

  @Option(
      names = "--allow-fault-injection",
      description = "Let the admin RPC skew this node's clock (for tests and nemeses only).")
  boolean allowFaultInjection;

  @Override
  public Integer call() throws InterruptedException {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    List<PeerSpec> peerList = PeerSpec.parseList(peers);
    if (!timeMaster && peerList.isEmpty()) {
      throw new UserException("a node needs a time master: pass --time-master, or --peers that include one");
    }
    int metrics = metricsPort == -1 ? listen.port() + 100 : metricsPort;
    NodeConfig config =
        new NodeConfig(
            id, zone, listen, peerList, data, timeMaster, masterEpsilonMicros, metrics, timeSyncInterval, allowFaultInjection,
            groups, new LogCompaction(compactEveryEntries, compactKeepEntries),
            replicas == null ? NodeConfig.defaultReplicas(1 + peerList.size()) : replicas);
    Node node = Node.start(config);
    Logger log = LoggerFactory.getLogger(NodeCommand.class);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutdown requested");
                  node.close();
                },
                "shutdown"));
    node.awaitTermination();
    return 0;
  }
}

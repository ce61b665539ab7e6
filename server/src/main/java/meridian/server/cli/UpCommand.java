package meridian.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import meridian.server.cluster.ClusterFile;
import meridian.server.cluster.LocalCluster;
import meridian.server.node.NodeConfig;
import meridian.server.replication.LogCompaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meridian up}: a local cluster of node processes. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start a local cluster of node processes on this host, wait until every node serves, and return.")
public final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "3", description = "Number of nodes, 1-9 (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--dir", defaultValue = "./meridian-data", description = "Data and logs (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--base-port",
      defaultValue = "7701",
      description = "gRPC port of the first node; node i listens on base+i-1, metrics on base+100+i-1 (default: ${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--time-masters",
      defaultValue = "2",
      description = "How many of the first nodes are also time masters (default: ${DEFAULT-VALUE}).")
  int timeMasters;

  @Option(
      names = {"--ranges", "--groups"},
      defaultValue = "4",
      description = "Ranges the key space starts split into (by first byte), each a Paxos group replicated on --replicas nodes; `meridian split` adds more (default: ${DEFAULT-VALUE}).")
  int groups;

  @Option(
      names = "--replicas",
      description = "Replicas per Paxos group, 1-5 and at most --nodes, placed on that many nodes in turn (default: 3, or every node when fewer).")
  Integer replicas;

  @Option(
      names = "--master-epsilon-micros",
      defaultValue = "500",
      description = "The time masters' own uncertainty in microseconds, which every node's epsilon includes (default: ${DEFAULT-VALUE}).")
  long masterEpsilonMicros;

  @Option(
      names = "--compact-every-entries",
      defaultValue = "10000",
      description = "Each node truncates a group's log once this many applied entries lie above the last truncation (default: ${DEFAULT-VALUE}).")
  long compactEveryEntries;

  @Option(
      names = "--compact-keep-entries",
      defaultValue = "1000",
      description = "Applied entries a truncation keeps (default: ${DEFAULT-VALUE}).")
  long compactKeepEntries;

  @Option(
      names = "--loopback-per-node",
      description = "Put each node on its own loopback address (127.0.0.11, .12, ...) at --base-port, so that"
          + " firewall rules can cut the links between nodes one by one (Linux).")
  boolean loopbackPerNode;

  @Option(names = "--allow-fault-injection", description = "Start the nodes with clock fault injection allowed.")
  boolean allowFaultInjection;

  @Option(
      names = "--time-sync-interval",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often nodes poll the time masters (default: ${DEFAULT-VALUE}).")
  Duration timeSyncInterval;

  @Option(
      names = "--wait",
      defaultValue = "90s",
      converter = DurationConverter.class,
      description = "How long to wait for every node to serve (default: ${DEFAULT-VALUE}).")
  Duration wait;

  @Option(
      names = "--jvm-options",
      split = " ",
      defaultValue = "-Xmx512m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED",
      description = "JVM options for each node (default: ${DEFAULT-VALUE}).")
  List<String> jvmOptions;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    LocalCluster.Plan plan =
        new LocalCluster.Plan(dir, nodes, host, basePort, timeMasters, allowFaultInjection, timeSyncInterval, groups,
            new LogCompaction(compactEveryEntries, compactKeepEntries),
            replicas == null ? NodeConfig.defaultReplicas(nodes) : replicas, masterEpsilonMicros, jvmOptions,
            loopbackPerNode);
    ClusterFile cluster = LocalCluster.up(plan, wait, out);
    out.println();
    out.printf("Meridian cluster up: %d node(s), data and logs in %s%n", cluster.nodes().size(), dir.toAbsolutePath().normalize());
    for (ClusterFile.Entry node : cluster.nodes()) {
      out.printf(
          "  %-4s %-8s grpc %-16s metrics http://%s:%d/metrics%s%n",
          node.id(),
          node.zone(),
          node.address(),
          node.address().host(),
          node.metricsPort(),
          node.timeMaster() ? "  (time master)" : "");
    }
    out.printf("JDBC URL: %s%n", JdbcUrl.of(cluster.addresses()));
    out.printf("SQL shell: meridian sql%s%n", dirOption());
    out.println("Next: meridian status, meridian sql, meridian kv put k v, meridian down");
    out.flush();
    return 0;
  }

  /** {@code --dir DIR} when the shell would not find the cluster without it. */
  private String dirOption() {
    Path defaultDir = Path.of("./meridian-data").toAbsolutePath().normalize();
    return dir.toAbsolutePath().normalize().equals(defaultDir) ? "" : " --dir " + dir;
  }
}

package meridian.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import meridian.client.NodeAddress;
import meridian.server.cluster.ClusterFile;
import picocli.CommandLine.Option;

/**
 * Which nodes a command talks to: those given with {@code --node}, or else the cluster that
 * {@code meridian up} started from {@code --dir}.
 */
public final class ClusterTarget {
  @Option(
      names = "--dir",
      defaultValue = "./meridian-data",
      description = "Directory of a cluster started by 'meridian up' (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--node",
      split = ",",
      converter = AddressConverter.class,
      description = "Node address(es) host:port, instead of --dir.")
  List<NodeAddress> nodes = new ArrayList<>();

  /** A node to show in output: its id when known, and its address. */
  public record Target(String id, NodeAddress address) {}

  List<Target> resolve() {
    if (!nodes.isEmpty()) {
      return nodes.stream().map(a -> new Target(a.toString(), a)).toList();
    }
    if (!ClusterFile.exists(dir)) {
      throw new UserException(
          "no cluster found in " + dir.toAbsolutePath().normalize()
              + " (start one with 'meridian up', or pass --dir or --node host:port)");
    }
    return ClusterFile.read(dir).nodes().stream().map(n -> new Target(n.id(), n.address())).toList();
  }
}

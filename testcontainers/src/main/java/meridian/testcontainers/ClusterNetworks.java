package meridian.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network.Ipam;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.testcontainers.ClusterLayout.Link;
import org.testcontainers.containers.Network;

/**
 * The Docker networks of one cluster: the cluster network (a plain bridge: clients, published
 * ports, the aliases n1..nN) and one internal two-member network per pair of nodes, which carries
 * all node-to-node traffic (see {@link ClusterLayout}).
 *
 * <p>Why the block is asked of Docker: a fixed address on a network is allowed only on a network
 * whose subnet was given when it was made, and a subnet chosen here could collide with a route of
 * the host that Docker knows about and this code does not. So a probe network is made with an
 * address pool of Docker's choosing, read and removed at once, and the cluster's networks are made
 * inside that block. Something else may take the block in between: then the creation fails with
 * an overlap and the whole step is tried again, {@link #ATTEMPTS_MAX} times at most.
 */
final class ClusterNetworks {
  static final int ATTEMPTS_MAX = 3;

  private final DockerClient docker;
  private final Bounded bounded;
  private final Duration callBound;
  private final ClusterLayout layout;
  private final String clusterNetworkId;
  // Invariant: one entry per link of the layout, in the layout's order.
  private final Map<Link, String> linkNetworkIds;

  private ClusterNetworks(
      DockerClient docker, Bounded bounded, Duration callBound, ClusterLayout layout, String clusterNetworkId, Map<Link, String> linkNetworkIds) {
    this.docker = docker;
    this.bounded = bounded;
    this.callBound = callBound;
    this.layout = layout;
    this.clusterNetworkId = clusterNetworkId;
    this.linkNetworkIds = linkNetworkIds;
  }

  /** Makes the networks of a cluster called {@code name}; on failure nothing made is left. */
  static ClusterNetworks create(
      DockerClient docker, Bounded bounded, Duration callBound, String name, int nodes, Map<String, String> labels) {
    MeridianClusterException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS_MAX; attempt++) {
      ClusterLayout layout = ClusterLayout.inBlock(probeBlock(docker, bounded, callBound, name, labels), nodes);
      List<String> made = new ArrayList<>();
      try {
        String clusterId = createNetwork(docker, bounded, callBound, name, false, layout.clusterSubnet(), layout.clusterGateway(), labels);
        made.add(clusterId);
        Map<Link, String> links = new LinkedHashMap<>();
        for (Link link : layout.links()) {
          String linkName = name + "-n" + link.lower() + "-n" + link.higher();
          String id = createNetwork(docker, bounded, callBound, linkName, true, layout.linkSubnet(link), layout.linkGateway(link), labels);
          made.add(id);
          links.put(link, id);
        }
        return new ClusterNetworks(docker, bounded, callBound, layout, clusterId, links);
      } catch (MeridianClusterException e) {
        removeQuietly(docker, bounded, callBound, made);
        if (!e.getMessage().contains("overlap")) {
          throw e;
        }
        last = e; // another network took the block meanwhile: ask again
      }
    }
    throw new MeridianClusterException("could not make " + name + "'s networks in " + ATTEMPTS_MAX + " attempts", last);
  }

  private static String probeBlock(DockerClient docker, Bounded bounded, Duration callBound, String name, Map<String, String> labels) {
    String probe = name + "-probe";
    String id = bounded.call(
        "create network " + probe, callBound,
        () -> docker.createNetworkCmd().withName(probe).withDriver("bridge").withLabels(labels).exec().getId());
    try {
      List<Ipam.Config> configs = bounded.call(
          "inspect network " + probe, callBound, () -> docker.inspectNetworkCmd().withNetworkId(id).exec().getIpam().getConfig());
      return configs.stream()
          .map(Ipam.Config::getSubnet)
          .filter(subnet -> subnet != null && subnet.contains(".") && !subnet.contains(":"))
          .findFirst()
          .orElseThrow(() -> new MeridianClusterException("Docker gave network " + probe + " no IPv4 subnet: " + configs));
    } finally {
      removeQuietly(docker, bounded, callBound, List.of(id));
    }
  }

  private static String createNetwork(
      DockerClient docker, Bounded bounded, Duration callBound, String name, boolean internal, String subnet, String gateway,
      Map<String, String> labels) {
    return bounded.call(
        "create network " + name + " (" + subnet + ")", callBound,
        () -> docker.createNetworkCmd()
            .withName(name)
            .withDriver("bridge")
            .withInternal(internal)
            .withLabels(labels)
            .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(subnet).withGateway(gateway)))
            .exec()
            .getId());
  }

  private static List<String> removeQuietly(DockerClient docker, Bounded bounded, Duration callBound, List<String> ids) {
    List<String> failures = new ArrayList<>();
    for (String id : ids) {
      try {
        bounded.run("remove network " + id, callBound, () -> docker.removeNetworkCmd(id).exec());
      } catch (MeridianClusterException e) {
        failures.add(e.getMessage());
      }
    }
    return failures;
  }

  ClusterLayout layout() {
    return layout;
  }

  /** The cluster network as Testcontainers sees one, for other containers to join. */
  Network clusterNetwork() {
    return new Network() {
      @Override
      public String getId() {
        return clusterNetworkId;
      }

      @Override
      public void close() {
        // The cluster owns it: MeridianCluster.close() removes it.
      }
    };
  }

  /** Joins a container to {@code link} at its fixed address (a created or stopped container too). */
  void connect(Link link, int node, String containerId) {
    String address = layout.linkAddress(link, node);
    bounded.run(
        "connect n" + node + " to " + link, callBound,
        () -> docker.connectToNetworkCmd()
            .withNetworkId(linkNetworkIds.get(link))
            .withContainerId(containerId)
            .withContainerNetwork(new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(address)))
            .exec());
  }

  void disconnect(Link link, int node, String containerId) {
    bounded.run(
        "disconnect n" + node + " from " + link, callBound,
        () -> docker.disconnectFromNetworkCmd().withNetworkId(linkNetworkIds.get(link)).withContainerId(containerId).exec());
  }

  /** Removes every network; the containers must be gone. Returns what could not be removed. */
  List<String> remove() {
    List<String> ids = new ArrayList<>(linkNetworkIds.values());
    ids.add(clusterNetworkId);
    return removeQuietly(docker, bounded, callBound, ids);
  }
}

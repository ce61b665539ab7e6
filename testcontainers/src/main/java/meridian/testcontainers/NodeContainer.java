package meridian.testcontainers;

import com.github.dockerjava.api.model.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import meridian.testcontainers.ClusterLayout.Link;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategyTarget;
import org.testcontainers.utility.DockerImageName;

/**
 * The container of one node. Testcontainers creates and starts it once and removes it at the end;
 * everything in between (stop, kill, start again, pause) is {@link MeridianCluster}'s, straight
 * through Docker, so that the same container, with its data, comes back.
 */
final class NodeContainer extends GenericContainer<NodeContainer> {
  private final int node;
  private final ClusterNetworks networks;

  NodeContainer(
      DockerImageName image, String containerName, int node, List<String> command, ClusterNetworks networks,
      Map<String, String> labels, Map<String, String> env, boolean dockerHealthcheck) {
    super(image);
    this.node = node;
    this.networks = networks;
    withCommand(command.toArray(String[]::new));
    withExposedPorts(MeridianCluster.NODE_PORT);
    withNetwork(networks.clusterNetwork());
    withNetworkAliases(MeridianCluster.nodeId(node));
    withLabels(labels);
    withEnv(env);
    // The cluster waits for the nodes together (one cannot serve before a majority of time
    // masters answers), after all have started; Testcontainers' default wait would also exec a
    // shell the image does not have.
    waitingFor(new NoWait());
    withCreateContainerCmdModifier(cmd -> {
      cmd.withName(containerName);
      if (!dockerHealthcheck) {
        cmd.withHealthcheck(new HealthCheck().withTest(List.of("NONE")));
      }
    });
  }

  int node() {
    return node;
  }

  /** Before the first start: the links to every other node, at this node's fixed addresses. */
  @Override
  protected void containerIsCreated(String containerId) {
    for (Link link : networks.layout().links()) {
      if (link.touches(node)) {
        networks.connect(link, node, containerId);
      }
    }
  }

  private static final class NoWait implements WaitStrategy {
    @Override
    public void waitUntilReady(WaitStrategyTarget target) {}

    @Override
    public WaitStrategy withStartupTimeout(Duration startupTimeout) {
      return this;
    }
  }
}

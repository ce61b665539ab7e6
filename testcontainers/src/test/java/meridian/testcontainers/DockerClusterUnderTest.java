package meridian.testcontainers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.StatusResponse;
import meridian.server.jepsen.ClusterUnderTest;

/**
 * The Jepsen-style suite's Docker backend: a {@link MeridianCluster} behind the suite's {@link
 * ClusterUnderTest}, so every nemesis runs against containers (kill and restart of a container
 * with its data, cgroup-freezer pauses, links cut by disconnecting a node from the network it
 * shares with one peer, clocks skewed through the fault-injection RPC).
 */
final class DockerClusterUnderTest implements ClusterUnderTest {
  private final MeridianCluster cluster;

  private DockerClusterUnderTest(MeridianCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts {@code nodes} containers of the node image and waits until they serve. */
  static DockerClusterUnderTest start(int nodes) {
    MeridianCluster cluster = MeridianCluster.builder().nodes(nodes).build();
    try {
      cluster.start();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return new DockerClusterUnderTest(cluster);
  }

  private static int index(String node) {
    if (!node.matches("n[1-9]")) {
      throw new IllegalArgumentException("no node " + node);
    }
    return Integer.parseInt(node.substring(1));
  }

  @Override
  public List<String> nodes() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= cluster.size(); i++) {
      ids.add(MeridianCluster.nodeId(i));
    }
    return ids;
  }

  @Override
  public String jdbcUrl(String node) {
    return cluster.jdbcUrl(index(node)) + "?queryTimeout=5&connectTimeout=2";
  }

  @Override
  public void kill(String node) {
    cluster.kill(index(node));
  }

  @Override
  public void restart(String node) {
    if (!cluster.isRunning(index(node))) {
      cluster.restart(index(node));
    }
  }

  @Override
  public void pause(String node) {
    cluster.pause(index(node));
  }

  @Override
  public void resume(String node) {
    cluster.unpause(index(node));
  }

  @Override
  public void cut(String a, String b) {
    cluster.cut(index(a), index(b));
  }

  @Override
  public void healLinks() {
    cluster.heal();
  }

  @Override
  public void skewClock(String node, long offsetMicros, long driftPpm) {
    cluster.skewClock(index(node), offsetMicros, driftPpm);
  }

  @Override
  public Optional<String> leaderOf(long group) {
    return ClusterUnderTest.leaderIn(statuses(), group);
  }

  @Override
  public List<Long> groups() {
    return ClusterUnderTest.groupsIn(statuses());
  }

  private List<StatusResponse> statuses() {
    List<StatusResponse> answers = new ArrayList<>();
    for (int i = 1; i <= cluster.size(); i++) {
      try {
        answers.add(cluster.status(i));
      } catch (RuntimeException down) {
        // stopped, paused or cut off: the others answer
      }
    }
    return answers;
  }

  @Override
  public void transferLeader(long group, String to) {
    String leader = leaderOf(group).orElseThrow(() -> new IllegalStateException("group " + group + " has no leader now"));
    try (NodeClient client = cluster.nodeClient(index(leader))) {
      client.transferLeader(group, to);
    } catch (MeridianException | MeridianClusterException e) {
      throw new IllegalStateException("cannot move group " + group + " to " + to + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean awaitServing(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    for (int i = 1; i <= cluster.size(); i++) {
      while (!serving(i)) {
        if (System.nanoTime() > deadline) {
          return false;
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // poll interval
      }
    }
    return true;
  }

  private boolean serving(int node) {
    try (NodeClient client = cluster.nodeClient(node)) {
      return client.isServing();
    } catch (MeridianException | MeridianClusterException e) {
      return false;
    }
  }

  @Override
  public void collectLogs(Path dir) {
    try {
      Files.createDirectories(dir);
      for (int i = 1; i <= cluster.size(); i++) {
        Files.writeString(dir.resolve(MeridianCluster.nodeId(i) + ".log"), cluster.logs(i), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the nodes' logs to " + dir, e);
    }
  }

  @Override
  public void close() {
    cluster.close();
  }
}

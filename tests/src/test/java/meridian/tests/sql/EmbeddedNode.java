package meridian.tests.sql;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import meridian.client.MeridianException;
import meridian.client.NodeAddress;
import meridian.client.NodeClient;
import meridian.server.node.Node;
import meridian.server.node.NodeConfig;
import meridian.server.replication.LogCompaction;

/**
 * A real one-node Meridian cluster inside the test's JVM: real RocksDB under {@code dir}, real
 * gRPC on a free loopback port, one replica per group, its own time master. For SQL and JDBC
 * tests that need many statements fast; the process tests cover multi-node behaviour.
 */
public final class EmbeddedNode implements AutoCloseable {
  private final Node node;

  private EmbeddedNode(Node node) {
    this.node = node;
  }

  /** Starts a node with {@code ranges} initial ranges and waits (bounded) until it serves. */
  public static EmbeddedNode start(Path dir, int ranges) {
    NodeAddress listen = new NodeAddress("127.0.0.1", freePort());
    NodeConfig config = new NodeConfig(
        "n1", "zone-a", listen, List.of(), dir.resolve("n1"), true, 0, 0, Duration.ofMillis(250), true,
        ranges, new LogCompaction(10_000, 1_000), 1);
    EmbeddedNode embedded = new EmbeddedNode(Node.start(config));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreException(MeridianException.class).until(() -> {
      try (NodeClient client = new NodeClient(listen, Duration.ofSeconds(2))) {
        return client.isServing() && client.status().getGroupsList().stream().allMatch(g -> g.getRole().equals("leader"));
      }
    });
    return embedded;
  }

  public NodeAddress address() {
    return node.config().listen();
  }

  /** {@code jdbc:meridian://127.0.0.1:port}. */
  public String jdbcUrl() {
    return "jdbc:meridian://" + address().host() + ":" + address().port();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  @Override
  public void close() {
    node.close();
  }
}

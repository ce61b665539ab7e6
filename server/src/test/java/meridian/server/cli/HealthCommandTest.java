package meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code meridian health} against the same standard health service a node serves, on loopback. */
class HealthCommandTest {
  private final HealthStatusManager health = new HealthStatusManager();
  private Server server;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(health.getHealthService()).build().start();
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  private int health(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "health";
    System.arraycopy(args, 0, command, 1, args.length);
    return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), command);
  }

  @Test
  void servingExitsZeroWithOneLine() {
    health.setStatus("", ServingStatus.SERVING);
    String node = "127.0.0.1:" + server.getPort();

    assertThat(health("--node", node)).isZero();
    assertThat(out.toString()).isEqualTo(node + " SERVING" + System.lineSeparator());
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void notServingExitsOne() {
    health.setStatus("", ServingStatus.NOT_SERVING);
    String node = "127.0.0.1:" + server.getPort();

    assertThat(health("--node", node, "--timeout", "2s")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(out.toString()).isEqualTo(node + " NOT_SERVING" + System.lineSeparator());
  }

  @Test
  void aClosedPortExitsOneWithOneClearLine() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    assertThat(health("--node", "127.0.0.1:" + closedPort, "--timeout", "2s")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("meridian: health check at node 127.0.0.1:" + closedPort + ": node unreachable");
  }

  @Test
  void aBadTimeoutIsRefused() {
    assertThat(health("--node", "127.0.0.1:" + server.getPort(), "--timeout", "0s")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString()).isEqualTo("meridian: --timeout must be positive" + System.lineSeparator());
  }
}

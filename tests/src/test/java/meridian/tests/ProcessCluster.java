package meridian.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.RangeDescriptor;
import meridian.server.cluster.ClusterFile;

/**
 * A local cluster of real node processes started through the launcher, for the transaction
 * process tests: where each group's leader is, kill -9 and restart, and keys and amounts laid out
 * over the static first-byte groups ({@code up --groups 4}: first byte 0x00-0x3f is group 1,
 * 0x40-0x7f group 2, and so on).
 */
final class ProcessCluster {
  static final int GROUPS = 4;
  /**
   * How long {@code up} waits for every node to serve. Above the launcher's 90 s default: on a
   * shared 2-core machine a node's JVM alone took over a minute to start, and a node that came up
   * healthy was still not seen serving within 90 s. Below the 180 s the launcher call may take.
   */
  static final String SERVE_WAIT = "150s";

  private final String dir;

  private ProcessCluster(String dir) {
    this.dir = dir;
  }

  /** Starts 3 nodes and {@link #GROUPS} groups under {@code parent} on free ports. */
  static ProcessCluster up(Path parent) {
    long startNanos = System.nanoTime();
    int basePort = Launcher.freeBasePort(3);
    String dir = parent.resolve("cluster").toString();
    Launcher.Result up = Launcher.run(180, "up", "--dir", dir, "--base-port", Integer.toString(basePort),
        "--groups", Integer.toString(GROUPS), "--time-sync-interval", "250ms", "--wait", SERVE_WAIT);
    assertThat(up.exitCode()).as(() -> withLogTails(up.all())).isZero();
    System.out.printf("cluster up in %d ms%n", (System.nanoTime() - startNanos) / 1_000_000);
    return new ProcessCluster(dir);
  }

  void down() {
    Launcher.Result down = Launcher.run(120, "down", "--dir", dir);
    assertThat(down.exitCode()).as(down.all()).isZero();
  }

  /** The nodes as {@code cluster.properties} has them now (pids change on restart). */
  List<ClusterFile.Entry> nodes() {
    return ClusterFile.read(Path.of(dir)).nodes();
  }

  ClusterFile.Entry node(String id) {
    return nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  /** {@code node}'s position in {@link #nodes()}, the same across restarts. */
  int indexOf(ClusterFile.Entry node) {
    List<String> ids = nodes().stream().map(ClusterFile.Entry::id).toList();
    int index = ids.indexOf(node.id());
    assertThat(index).as("%s is one of %s", node.id(), ids).isNotNegative();
    return index;
  }

  /**
   * A JDBC URL listing every node, node {@code first} first and the others after it in order, so
   * that a connection opens its session there and fails over to the next ones.
   *
   * @param properties {@code name=value&...}, or empty
   */
  String jdbcUrl(int first, String properties) {
    List<ClusterFile.Entry> nodes = nodes();
    List<ClusterFile.Entry> hosts = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      hosts.add(nodes.get((first + i) % nodes.size()));
    }
    return jdbcUrl(hosts, properties);
  }

  /** A JDBC URL naming {@code node} alone: no failover, every statement runs there. */
  static String jdbcUrlOf(ClusterFile.Entry node, String properties) {
    return jdbcUrl(List.of(node), properties);
  }

  private static String jdbcUrl(List<ClusterFile.Entry> hosts, String properties) {
    String url = "jdbc:meridian://" + hosts.stream().map(h -> h.address().toString()).collect(Collectors.joining(","));
    return properties.isEmpty() ? url : url + "?" + properties;
  }

  /** The range map as the first node has it, refreshed from group 1. */
  List<RangeDescriptor> ranges() {
    try (NodeClient client = new NodeClient(nodes().getFirst().address())) {
      return client.ranges(true);
    }
  }

  /** kill -9 of {@code node}'s process. */
  void kill(ClusterFile.Entry node) {
    Launcher.Result kill = Launcher.exec(List.of("kill", "-9", Long.toString(node.pid())), 10);
    assertThat(kill.exitCode()).as(kill.all()).isZero();
  }

  /** {@code up} on the same directory: starts the stopped or killed nodes again, waits until they serve. */
  void restart() {
    Launcher.Result restart = Launcher.run(180, "up", "--dir", dir, "--wait", SERVE_WAIT);
    assertThat(restart.exitCode()).as(() -> withLogTails(restart.all())).isZero();
  }

  private static final Pattern LOG_FILE = Pattern.compile("\\(log: (\\S+)\\)");
  private static final int LOG_TAIL_LINES = 40;

  /** {@code output} and the last lines of every node log it names (they say why a node did not serve). */
  static String withLogTails(String output) {
    StringBuilder all = new StringBuilder(output);
    Matcher m = LOG_FILE.matcher(output);
    while (m.find()) {
      Path log = Path.of(m.group(1));
      try {
        List<String> lines = Files.readAllLines(log);
        all.append("\n--- last lines of ").append(log).append(" ---\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
      } catch (IOException | UncheckedIOException e) {
        all.append("\n(cannot read ").append(log).append(": ").append(e.getMessage()).append(')');
      }
    }
    return all.toString();
  }

  /** The node that reports leading {@code group}, waiting (bounded) through an election. */
  ClusterFile.Entry leaderOf(long group) {
    String[] leader = new String[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
      for (ClusterFile.Entry node : nodes()) {
        try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(2))) {
          for (GroupStatus g : client.status().getGroupsList()) {
            if (g.getGroupId() == group && g.getRole().equals("leader")) {
              leader[0] = node.id();
              return true;
            }
          }
        }
      }
      return false;
    });
    return node(leader[0]);
  }

  /** The groups {@code node} reports leading now (asking again, bounded, while it does not answer). */
  Set<Long> ledBy(ClusterFile.Entry node) {
    Set<Long> led = new TreeSet<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreException(MeridianException.class).until(() -> {
      try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(5))) {
        led.clear();
        for (GroupStatus g : client.status().getGroupsList()) {
          if (g.getRole().equals("leader")) {
            led.add(g.getGroupId());
          }
        }
        return true;
      }
    });
    return led;
  }

  /** Moves the leadership of {@code group} to {@code target} (a planned transfer, bounded). */
  void transfer(long group, ClusterFile.Entry target) {
    Launcher.Result moved = Launcher.run(60, "transfer", "--dir", dir, "--group", Long.toString(group), "--to", target.id());
    assertThat(moved.exitCode()).as(moved.all()).isZero();
  }

  /** Waits (bounded) until {@code node} answers its health check with SERVING. */
  void awaitServing(ClusterFile.Entry node, Duration bound) {
    await().atMost(bound).pollInterval(Duration.ofMillis(100)).ignoreException(MeridianException.class).until(() -> {
      try (NodeClient c = new NodeClient(node.address(), Duration.ofSeconds(2))) {
        return c.isServing();
      }
    });
  }

  /** A key in group {@code group} (1-based): its first byte picks the group. */
  static byte[] key(long group, char tag, int i) {
    return new byte[] {(byte) (0x10 + 0x40 * (group - 1)), (byte) tag, (byte) i};
  }

  static long groupOf(byte[] key) {
    return (key[0] & 0xff) / 0x40 + 1;
  }

  static byte[] amount(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long amountOf(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }
}

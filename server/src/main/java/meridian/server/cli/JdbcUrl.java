package meridian.server.cli;

import java.util.List;
import java.util.StringJoiner;
import meridian.client.NodeAddress;

/** The JDBC URL of a set of nodes, {@code jdbc:meridian://host:port,host:port}: the driver may use any of them. */
final class JdbcUrl {
  static final String PREFIX = "jdbc:meridian://";

  private JdbcUrl() {}

  static String of(List<NodeAddress> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a JDBC URL needs at least one node");
    }
    StringJoiner hosts = new StringJoiner(",", PREFIX, "");
    nodes.forEach(node -> hosts.add(node.toString()));
    return hosts.toString();
  }
}

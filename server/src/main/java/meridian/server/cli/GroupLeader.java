package meridian.server.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;

/** Which node leads a group, as the nodes themselves report it. */
final class GroupLeader {
  private GroupLeader() {}

  /** The first reachable node that says it leads {@code group}, named by its own node id. */
  static Optional<ClusterTarget.Target> find(List<ClusterTarget.Target> nodes, long group) {
    for (ClusterTarget.Target node : nodes) {
      try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(2))) {
        var status = client.status();
        for (GroupStatus g : status.getGroupsList()) {
          if (g.getGroupId() == group && g.getRole().equals("leader")) {
            return Optional.of(new ClusterTarget.Target(status.getNodeId(), node.address()));
          }
        }
      } catch (MeridianException e) {
        // down or busy: ask the next node
      }
    }
    return Optional.empty();
  }
}

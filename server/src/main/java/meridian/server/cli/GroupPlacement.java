package meridian.server.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.StatusResponse;

/**
 * Where one group's replicas are, as the nodes report it: which node leads it and which follow,
 * and how many groups the cluster has (each node lists only the groups it hosts).
 */
record GroupPlacement(long group, int groups, Optional<ClusterTarget.Target> leader, List<ClusterTarget.Target> followers) {

  /** Asks every reachable node in {@code nodes} for its status. */
  static GroupPlacement of(List<ClusterTarget.Target> nodes, long group) {
    int groups = 1;
    ClusterTarget.Target leader = null;
    String leaderNamed = "";
    List<ClusterTarget.Target> followers = new ArrayList<>();
    for (ClusterTarget.Target node : nodes) {
      StatusResponse status;
      try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(15))) {
        status = client.status();
      } catch (MeridianException e) {
        continue; // down or busy: the others still say where the group is
      }
      ClusterTarget.Target named = new ClusterTarget.Target(status.getNodeId(), node.address());
      for (GroupStatus g : status.getGroupsList()) {
        groups = (int) Math.max(groups, g.getGroupId());
        if (g.getGroupId() != group) {
          continue;
        }
        if (g.getRole().equals("leader") && leader == null) {
          leader = named;
        } else {
          followers.add(named);
          leaderNamed = g.getLeader().isEmpty() ? leaderNamed : g.getLeader();
        }
      }
    }
    if (leader == null && !leaderNamed.isEmpty()) {
      // The leader itself did not answer in time (a busy node reports its groups as busy), but
      // its followers name it.
      String id = leaderNamed;
      leader = followers.stream().filter(f -> f.id().equals(id)).findFirst()
          .or(() -> nodes.stream().filter(n -> n.id().equals(id)).findFirst())
          .orElse(null);
      followers.removeIf(f -> f.id().equals(id));
    }
    return new GroupPlacement(group, groups, Optional.ofNullable(leader), List.copyOf(followers));
  }

  /** Every node with a replica of the group, the leader first. */
  List<ClusterTarget.Target> replicas() {
    List<ClusterTarget.Target> all = new ArrayList<>();
    leader.ifPresent(all::add);
    all.addAll(followers);
    return all;
  }
}

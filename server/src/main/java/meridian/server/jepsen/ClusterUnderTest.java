package meridian.server.jepsen;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The cluster a run tests, and what a nemesis may do to it. Node names are the nodes' ids
 * ({@code n1}, {@code n2}, ...). Every method returns within a bound or throws {@link
 * IllegalStateException} with a message fit for a user.
 */
public interface ClusterUnderTest extends AutoCloseable {

  /** The nodes' ids, in order. */
  List<String> nodes();

  /** A JDBC URL that reaches {@code node} only. */
  String jdbcUrl(String node);

  /** Kills the node's process at once (SIGKILL), keeping its data. */
  void kill(String node);

  /** Starts a killed node again on its data and waits (bounded) until it serves. */
  void restart(String node);

  /** Stops the node's process (SIGSTOP). */
  void pause(String node);

  /** Continues a paused node (SIGCONT). */
  void resume(String node);

  /** Drops all traffic between {@code a} and {@code b}, both ways. */
  void cut(String a, String b);

  /** Removes every cut. */
  void healLinks();

  /** Sets the node's physical clock offset and drift (replacing earlier ones). */
  void skewClock(String node, long offsetMicros, long driftPpm);

  /** The node that leads {@code group}, as the live nodes report it. */
  Optional<String> leaderOf(long group);

  /** The ids of the cluster's Paxos groups, as a live node reports them. */
  List<Long> groups();

  /** Asks the current leader of {@code group} to hand leadership to {@code to}. */
  void transferLeader(long group, String to);

  /** Waits until every node serves (bounded); false when the bound passed first. */
  boolean awaitServing(java.time.Duration bound);

  /** Copies (or writes) each node's log into {@code dir}. */
  void collectLogs(Path dir);

  /** Stops every node and removes every fault. */
  @Override
  void close();

  /** The node that {@code statuses} (nodes' own accounts) name as leading {@code group}. */
  static Optional<String> leaderIn(List<meridian.proto.v1.StatusResponse> statuses, long group) {
    for (meridian.proto.v1.StatusResponse status : statuses) {
      for (meridian.proto.v1.GroupStatus g : status.getGroupsList()) {
        if (g.getGroupId() == group && g.getRole().equalsIgnoreCase("leader")) {
          return Optional.of(status.getNodeId());
        }
      }
    }
    return Optional.empty();
  }

  /** Every group that {@code statuses} name, in order. */
  static List<Long> groupsIn(List<meridian.proto.v1.StatusResponse> statuses) {
    return statuses.stream()
        .flatMap(s -> s.getGroupsList().stream())
        .map(meridian.proto.v1.GroupStatus::getGroupId)
        .distinct()
        .sorted()
        .toList();
  }
}

package meridian.server.jepsen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Process faults on one node, a random one or the leader of a random group: {@code kill} (SIGKILL,
 * then a restart on the same data when the fault ends) or {@code pause} (SIGSTOP, then SIGCONT).
 */
final class ProcessNemesis implements Nemesis {
  enum Action { KILL, PAUSE }

  private final Action action;
  private final boolean leader;
  private final List<String> victims = new ArrayList<>();

  ProcessNemesis(Action action, boolean leader) {
    this.action = action;
    this.leader = leader;
  }

  @Override
  public String kind() {
    return action == Action.KILL ? "kill" : "pause";
  }

  @Override
  public synchronized String start(ClusterUnderTest cluster, Random random) {
    List<String> nodes = cluster.nodes();
    String victim = nodes.get(random.nextInt(nodes.size()));
    if (leader) {
      List<Long> groups = cluster.groups();
      if (!groups.isEmpty()) {
        victim = cluster.leaderOf(groups.get(random.nextInt(groups.size()))).orElse(victim);
      }
    }
    victims.add(victim);
    if (action == Action.KILL) {
      cluster.kill(victim);
      return "killed " + victim;
    }
    cluster.pause(victim);
    return "paused " + victim;
  }

  @Override
  public synchronized String stop(ClusterUnderTest cluster) {
    List<String> done = new ArrayList<>(victims);
    heal(cluster);
    return (action == Action.KILL ? "restarted " : "resumed ") + String.join(", ", done);
  }

  @Override
  public synchronized void heal(ClusterUnderTest cluster) {
    for (String victim : List.copyOf(victims)) {
      if (action == Action.KILL) {
        cluster.restart(victim);
      } else {
        cluster.resume(victim);
      }
      victims.remove(victim);
    }
  }
}

package meridian.server.jepsen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Network partitions: cuts a set of links between nodes, then heals them. The shapes: random
 * halves; one node isolated; the leader of a random group isolated; a majority ring (each node
 * keeps its two neighbours, so every node sees a majority but no two see the same one; with three
 * nodes it cuts nothing and a bridge is used instead); a bridge (two halves joined by one node
 * that sees both). {@code RANDOM} picks a shape per fault.
 */
final class PartitionNemesis implements Nemesis {
  enum Shape { HALVES, ONE, LEADER, RING, BRIDGE, RANDOM }

  private final Shape shape;

  PartitionNemesis(Shape shape) {
    this.shape = shape;
  }

  @Override
  public String kind() {
    return "partition";
  }

  @Override
  public String start(ClusterUnderTest cluster, Random random) {
    List<String> nodes = new ArrayList<>(cluster.nodes());
    Shape s = shape == Shape.RANDOM ? Shape.values()[random.nextInt(Shape.RANDOM.ordinal())] : shape;
    List<String[]> cuts = switch (s) {
      case HALVES -> {
        Collections.shuffle(nodes, random);
        yield between(nodes.subList(0, nodes.size() / 2), nodes.subList(nodes.size() / 2, nodes.size()));
      }
      case ONE -> isolate(nodes, nodes.get(random.nextInt(nodes.size())));
      case LEADER -> {
        List<Long> groups = cluster.groups();
        String victim = groups.isEmpty() ? null : cluster.leaderOf(groups.get(random.nextInt(groups.size()))).orElse(null);
        yield isolate(nodes, victim == null ? nodes.get(random.nextInt(nodes.size())) : victim);
      }
      case RING -> nodes.size() < 5 ? bridge(nodes, random) : ring(nodes, random);
      case BRIDGE -> bridge(nodes, random);
      case RANDOM -> throw new IllegalStateException("unreachable");
    };
    List<String> described = new ArrayList<>();
    for (String[] cut : cuts) {
      cluster.cut(cut[0], cut[1]);
      described.add(cut[0] + "-" + cut[1]);
    }
    return s.name().toLowerCase() + ": cut " + String.join(" ", described);
  }

  private static List<String[]> between(List<String> a, List<String> b) {
    List<String[]> cuts = new ArrayList<>();
    for (String x : a) {
      for (String y : b) {
        cuts.add(new String[] {x, y});
      }
    }
    return cuts;
  }

  private static List<String[]> isolate(List<String> nodes, String victim) {
    List<String> others = new ArrayList<>(nodes);
    others.remove(victim);
    return between(List.of(victim), others);
  }

  private static List<String[]> ring(List<String> nodes, Random random) {
    Collections.shuffle(nodes, random);
    int n = nodes.size();
    List<String[]> cuts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int distance = Math.min(j - i, n - (j - i));
        if (distance > 1) {
          cuts.add(new String[] {nodes.get(i), nodes.get(j)});
        }
      }
    }
    return cuts;
  }

  private static List<String[]> bridge(List<String> nodes, Random random) {
    Collections.shuffle(nodes, random);
    String bridge = nodes.getFirst();
    List<String> rest = nodes.subList(1, nodes.size());
    int half = rest.size() / 2;
    List<String[]> cuts = between(rest.subList(0, half), rest.subList(half, rest.size()));
    return cuts.isEmpty() ? isolate(nodes, bridge) : cuts;
  }

  @Override
  public String stop(ClusterUnderTest cluster) {
    cluster.healLinks();
    return "healed every link";
  }

  @Override
  public void heal(ClusterUnderTest cluster) {
    cluster.healLinks();
  }
}

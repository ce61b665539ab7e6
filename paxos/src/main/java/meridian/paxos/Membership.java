package meridian.paxos;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The replicas (node ids) of a group. Changed one replica at a time through the log. */
public record Membership(List<String> replicas) {
  public Membership {
    replicas = List.copyOf(replicas);
    if (replicas.isEmpty()) {
      throw new IllegalArgumentException("a group needs at least one replica");
    }
    if (new LinkedHashSet<>(replicas).size() != replicas.size()) {
      throw new IllegalArgumentException("duplicate replica in " + replicas);
    }
  }

  /** How many replicas make a majority. */
  public int quorum() {
    return replicas.size() / 2 + 1;
  }

  public boolean contains(String replica) {
    return replicas.contains(replica);
  }

  /** Whether these acknowledgers form a majority of this membership. */
  public boolean isQuorum(Set<String> acknowledgers) {
    return acknowledgers.stream().filter(replicas::contains).count() >= quorum();
  }
}

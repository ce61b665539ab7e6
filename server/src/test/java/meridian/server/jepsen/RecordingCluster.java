package meridian.server.jepsen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A cluster that only records what a nemesis asked of it. */
final class RecordingCluster implements ClusterUnderTest {
  final List<String> nodes;
  final List<String> actions = new ArrayList<>();
  final List<Set2> cuts = new ArrayList<>();
  String leader = "n2";

  record Set2(String a, String b) {}

  RecordingCluster(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      names.add("n" + i);
    }
    this.nodes = List.copyOf(names);
  }

  @Override public List<String> nodes() { return nodes; }
  @Override public String jdbcUrl(String node) { return "jdbc:meridian://" + node; }
  @Override public void kill(String node) { actions.add("kill " + node); }
  @Override public void restart(String node) { actions.add("restart " + node); }
  @Override public void pause(String node) { actions.add("pause " + node); }
  @Override public void resume(String node) { actions.add("resume " + node); }
  @Override public void cut(String a, String b) { cuts.add(new Set2(a, b)); }
  @Override public void healLinks() { cuts.clear(); actions.add("heal"); }
  @Override public void skewClock(String node, long offsetMicros, long driftPpm) { actions.add("skew " + node + " " + offsetMicros + " " + driftPpm); }
  @Override public Optional<String> leaderOf(long group) { return Optional.of(leader); }
  @Override public List<Long> groups() { return List.of(1L, 2L); }
  @Override public void transferLeader(long group, String to) { actions.add("transfer " + group + " " + to); }
  @Override public boolean awaitServing(Duration bound) { return true; }
  @Override public void collectLogs(Path dir) {}
  @Override public void close() {}

  /** True when traffic between a and b is cut. */
  boolean isCut(String a, String b) {
    return cuts.contains(new Set2(a, b)) || cuts.contains(new Set2(b, a));
  }
}

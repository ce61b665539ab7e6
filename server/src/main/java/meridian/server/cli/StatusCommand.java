package meridian.server.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.MasterView;
import meridian.proto.v1.StatusResponse;
import meridian.proto.v1.TrueTimeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meridian status}: one line per node. Exit 0 only when every node is up and not fenced. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show each node: address, zone, up/down, TrueTime epsilon, last sync, time masters and liars seen.")
public final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterTarget target;

  @Option(
      names = "--timeout",
      defaultValue = "3s",
      converter = DurationConverter.class,
      description = "Per-node deadline (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ClusterTarget.Target> nodes = target.resolve();
    String format = "%-5s %-21s %-8s %-7s %-11s %-10s %s%n";
    out.printf(format, "NODE", "ADDRESS", "ZONE", "STATE", "EPSILON", "LAST SYNC", "TIME MASTERS");
    boolean allHealthy = true;
    java.util.Map<Long, GroupStatus> leaders = new java.util.TreeMap<>();
    java.util.Set<Long> groups = new java.util.TreeSet<>();
    for (ClusterTarget.Target node : nodes) {
      try (NodeClient client = new NodeClient(node.address(), timeout)) {
        StatusResponse status = client.status();
        for (GroupStatus group : status.getGroupsList()) {
          groups.add(group.getGroupId());
          if (group.getRole().equals("leader")) {
            leaders.merge(group.getGroupId(), group, (a, b) -> round(a) >= round(b) ? a : b);
          }
        }
        TrueTimeStatus tt = status.getTruetime();
        String state = tt.getFenced() ? "fenced" : "up";
        allHealthy &= !tt.getFenced();
        String epsilon = tt.getFenced() ? "-" : formatMicros(tt.getEpsilonMicros());
        String lastSync = tt.getLastSyncMicros() == 0 ? "never" : ago(tt.getLastSyncMicros());
        String id = status.getNodeId() + (status.getTimeMaster() ? "*" : "");
        out.printf(format, id, node.address(), status.getZone(), state, epsilon, lastSync, masters(tt));
        if (tt.getFenced()) {
          out.printf("      fenced: %s%n", tt.getFenceReason());
        }
      } catch (MeridianException e) {
        allHealthy = false;
        out.printf(format, node.id(), node.address(), "-", "down", "-", "-", reason(e));
      }
    }
    out.println("(* time master)");
    out.println("JDBC URL: " + JdbcUrl.of(nodes.stream().map(ClusterTarget.Target::address).toList()));
    if (!groups.isEmpty()) {
      out.println();
      printGroups(out, groups, leaders);
    }
    out.flush();
    return allHealthy ? 0 : Main.EXIT_FAILURE;
  }

  private static void printGroups(PrintWriter out, java.util.Set<Long> groups, java.util.Map<Long, GroupStatus> leaders) {
    String format = "%-6s %-12s %-7s %-10s %-11s %-8s %-8s %-9s %s%n";
    out.printf(format, "GROUP", "RANGE", "LEADER", "BALLOT", "LEASE LEFT", "COMMIT", "APPLIED", "SNAPSHOT", "REPLICA LAG (entries)");
    long nowMicros = System.currentTimeMillis() * 1000; // display only
    for (long id : groups) {
      GroupStatus g = leaders.get(id);
      if (g == null) {
        out.printf(format, id, "-", "none", "-", "-", "-", "-", "-", "no leader seen (election running, or leader down)");
        continue;
      }
      StringJoiner lag = new StringJoiner(", ");
      for (String replica : g.getReplicasList()) {
        long match = replica.equals(g.getLeader()) ? g.getLastIndex() : g.getMatchIndexOrDefault(replica, 0);
        lag.add(replica + " " + Math.max(0, g.getLastIndex() - match));
      }
      String lease = g.getLeaseEndMicros() > nowMicros ? formatMicros(g.getLeaseEndMicros() - nowMicros) : "expired";
      out.printf(
          format, id, range(g), g.getLeader(), g.getBallot(), lease, g.getCommitIndex(), g.getAppliedIndex(), g.getSnapshotIndex(),
          lag);
    }
  }

  /** The ballot's round: of two nodes claiming to lead a group, the higher round is current. */
  private static long round(GroupStatus g) {
    String ballot = g.getBallot();
    int dot = ballot.indexOf('.');
    return Long.parseLong(dot < 0 ? ballot : ballot.substring(0, dot));
  }

  private static String range(GroupStatus g) {
    String start = meridian.server.replication.Keys.show(g.getRangeStart().toByteArray());
    String end = g.getRangeEnd().isEmpty() ? "+inf" : meridian.server.replication.Keys.show(g.getRangeEnd().toByteArray());
    return start + ".." + end;
  }

  private static String masters(TrueTimeStatus tt) {
    StringJoiner joiner = new StringJoiner(", ");
    for (MasterView master : tt.getMastersList()) {
      String rtt = master.getRoundTripMicros() > 0 ? " (rtt " + formatMicros(master.getRoundTripMicros()) + ")" : "";
      joiner.add(master.getMasterId() + " " + master.getState() + rtt);
    }
    return joiner.length() == 0 ? "(none)" : joiner.toString();
  }

  private static String reason(MeridianException e) {
    return switch (e.kind()) {
      case UNAVAILABLE -> "unreachable";
      case DEADLINE_EXCEEDED -> "no answer";
      default -> e.getMessage();
    };
  }

  static String formatMicros(long micros) {
    return micros >= 10_000 ? String.format("%.1f ms", micros / 1000.0) : micros + " us";
  }

  private static String ago(long wallMicros) {
    // Display only: how long ago, on this host's clock.
    long ageMillis = System.currentTimeMillis() - wallMicros / 1000;
    return ageMillis < 1000 ? ageMillis + " ms ago" : String.format("%.1f s ago", ageMillis / 1000.0);
  }
}

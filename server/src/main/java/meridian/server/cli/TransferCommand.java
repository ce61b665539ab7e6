package meridian.server.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import meridian.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian transfer}: planned leader transfer of one group (the paper's "leader-soft"). The
 * leader stops proposing, waits until the target has the whole log and its own timestamps are in
 * the past, releases its lease, and tells the target to campaign; the command waits (bounded) until
 * the target leads.
 */
@Command(
    name = "transfer",
    mixinStandardHelpOptions = true,
    description = "Move the leadership of a Paxos group to another of its replicas, and wait until it leads.")
public final class TransferCommand implements Callable<Integer> {
  private static final long POLL_NANOS = 50_000_000;

  @Spec CommandSpec spec;
  @Mixin ClusterTarget target;

  @Option(names = "--group", required = true, description = "The group (see meridian status).")
  long group;

  @Option(names = "--to", required = true, description = "The node id that should lead it.")
  String to;

  @Option(
      names = "--wait",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "How long to wait for the new leader (default: ${DEFAULT-VALUE}).")
  Duration wait;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // An election may be running (a node just restarted or resumed): wait for a leader, bounded.
    long findDeadlineNanos = System.nanoTime() + wait.toNanos();
    Optional<ClusterTarget.Target> found = leaderOf();
    while (found.isEmpty() && System.nanoTime() < findDeadlineNanos) {
      java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS); // poll interval, bounded by --wait
      found = leaderOf();
    }
    ClusterTarget.Target leader =
        found.orElseThrow(() -> new UserException("no node reports leading group " + group + " after " + wait.toSeconds() + " s (see meridian status)"));
    if (leader.id().equals(to)) {
      out.printf("%s already leads group %d%n", to, group);
      return 0;
    }
    long startNanos = System.nanoTime();
    try (NodeClient client = new NodeClient(leader.address(), Duration.ofSeconds(5))) {
      client.transferLeader(group, to);
    }
    long deadlineNanos = startNanos + wait.toNanos();
    while (System.nanoTime() < deadlineNanos) {
      Optional<ClusterTarget.Target> now = leaderOf();
      if (now.isPresent() && now.get().id().equals(to)) {
        out.printf("group %d: leadership moved from %s to %s in %d ms%n", group, leader.id(), to, (System.nanoTime() - startNanos) / 1_000_000);
        return 0;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(POLL_NANOS); // poll interval, bounded by --wait
    }
    throw new UserException("group " + group + " is not led by " + to + " after " + wait.toSeconds() + " s (see meridian status)");
  }

  private Optional<ClusterTarget.Target> leaderOf() {
    return GroupLeader.find(target.resolve(), group);
  }
}

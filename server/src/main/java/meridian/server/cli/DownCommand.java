package meridian.server.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import meridian.server.cluster.ClusterFile;
import meridian.server.cluster.NodeProcesses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code meridian down}: stops the nodes {@code meridian up} started, keeping their data. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = "Stop a local cluster started by 'meridian up' (SIGTERM, then SIGKILL after --grace). Data is kept.")
public final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", defaultValue = "./meridian-data", description = "The cluster's directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--grace",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description = "How long a node may take to stop cleanly before SIGKILL (default: ${DEFAULT-VALUE}).")
  Duration grace;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (!ClusterFile.exists(dir)) {
      throw new UserException("no cluster found in " + dir.toAbsolutePath().normalize() + " (nothing to stop)");
    }
    ClusterFile cluster = ClusterFile.read(dir);
    List<ClusterFile.Entry> remaining = new ArrayList<>();
    boolean allStopped = true;
    for (ClusterFile.Entry node : cluster.nodes()) {
      Optional<ProcessHandle> process = NodeProcesses.find(node.pid(), node.id());
      if (process.isEmpty()) {
        out.printf("%s was not running%n", node.id());
        remaining.add(node.withoutPid());
        continue;
      }
      NodeProcesses.Stopped stopped = NodeProcesses.stop(process.get(), grace);
      switch (stopped) {
        case TERMINATED -> out.printf("%s stopped (pid %d)%n", node.id(), node.pid());
        case KILLED -> out.printf(
            "%s did not stop within %d s and was killed (pid %d)%n", node.id(), grace.toSeconds(), node.pid());
        case STILL_ALIVE -> {
          out.printf("%s (pid %d) is still alive after SIGKILL%n", node.id(), node.pid());
          allStopped = false;
        }
      }
      out.flush();
      remaining.add(stopped == NodeProcesses.Stopped.STILL_ALIVE ? node : node.withoutPid());
    }
    new ClusterFile(remaining, cluster.jvmOptions()).write(dir.toAbsolutePath().normalize());
    return allStopped ? 0 : Main.EXIT_FAILURE;
  }
}

package meridian.server.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Finding and stopping node processes by pid, never touching a process that is not the node. */
public final class NodeProcesses {
  private NodeProcesses() {}

  /** The live process of node {@code id} at {@code pid}, if that pid is still that node. */
  public static Optional<ProcessHandle> find(long pid, String id) {
    if (pid <= 0) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> isNode(p, id));
  }

  private static boolean isNode(ProcessHandle process, String id) {
    // A pid can be reused after a crash; only a process running this node's command line is ours.
    return arguments(process)
        .map(args -> args.contains("meridian.server.cli.Main") && args.contains("node") && hasId(args, id))
        .orElse(false);
  }

  /**
   * The process's arguments, read from /proc where there is one: ProcessHandle's view of a long
   * command line (a classpath of many jars) can come back cut short, which made live nodes look
   * stopped.
   */
  private static java.util.Optional<List<String>> arguments(ProcessHandle process) {
    java.nio.file.Path cmdline = java.nio.file.Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      byte[] raw = java.nio.file.Files.readAllBytes(cmdline);
      if (raw.length > 0) {
        List<String> parts = List.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\u0000"));
        return java.util.Optional.of(parts.size() > 1 ? parts.subList(1, parts.size()) : parts);
      }
    } catch (java.io.IOException | SecurityException e) {
      // No /proc (not Linux) or no access: ask the JDK.
    }
    return process.info().arguments().map(List::of);
  }

  private static boolean hasId(List<String> args, String id) {
    int at = args.indexOf("--id");
    return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(id);
  }

  /** How a stop ended. */
  public enum Stopped {
    TERMINATED,
    KILLED,
    STILL_ALIVE
  }

  /** SIGTERM, then SIGKILL when the process has not exited within {@code grace}. */
  public static Stopped stop(ProcessHandle process, Duration grace) {
    process.destroy();
    if (awaitExit(process, grace)) {
      return Stopped.TERMINATED;
    }
    process.destroyForcibly();
    return awaitExit(process, Duration.ofSeconds(10)) ? Stopped.KILLED : Stopped.STILL_ALIVE;
  }

  /** Waits (bounded) for the process to exit. */
  public static boolean awaitExit(ProcessHandle process, Duration bound) {
    try {
      process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return !process.isAlive();
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}

package meridian.server.cluster;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import meridian.client.MeridianException;
import meridian.client.NodeAddress;
import meridian.server.node.NodeConfig;
import meridian.server.replication.LogCompaction;
import meridian.client.NodeClient;
import meridian.server.cli.UserException;

/**
 * Starts a cluster of node processes on one host ({@code meridian up}): one zone per node, the
 * first {@code timeMasters} nodes also time masters, data and logs under one directory. The nodes
 * run in their own session ({@code setsid}) so that a terminal's Ctrl-C or hang-up does not reach
 * them; {@code meridian down} stops them by pid.
 */
public final class LocalCluster {
  /** How the nodes of a local cluster are laid out. */
  static final String LOOPBACK_PREFIX = "127.0.0.";
  static final int LOOPBACK_FIRST = 11;

  public record Plan(
      Path dir,
      int nodes,
      String host,
      int basePort,
      int timeMasters,
      boolean allowFaultInjection,
      Duration timeSyncInterval,
      int groups,
      LogCompaction compaction,
      int replicas,
      long masterEpsilonMicros,
      List<String> jvmOptions,
      boolean loopbackPerNode) {

    public Plan {
      if (nodes < 1 || nodes > 9) {
        throw new UserException("--nodes must be between 1 and 9 on one host, not " + nodes);
      }
      if (timeMasters < 1 || timeMasters > nodes) {
        throw new UserException("--time-masters must be between 1 and the number of nodes (" + nodes + ")");
      }
      if (basePort < 1024 || basePort + 100 + nodes > 65535) {
        throw new UserException("--base-port " + basePort + " leaves no room for " + nodes + " nodes below 65535");
      }
      try {
        NodeConfig.checkReplicas(replicas, nodes);
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage());
      }
      if (masterEpsilonMicros < 0) {
        throw new UserException("--master-epsilon-micros must not be negative, not " + masterEpsilonMicros);
      }
      jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Node {@code index}'s address: on {@code host}, or with {@code loopbackPerNode} on its own
     * loopback address {@code 127.0.0.(11+index)} (so that links between nodes can be cut one by
     * one), all on the base port.
     */
    NodeAddress address(int index) {
      return loopbackPerNode ? new NodeAddress(LOOPBACK_PREFIX + (LOOPBACK_FIRST + index), basePort) : new NodeAddress(host, basePort + index);
    }

    int metricsPort(int index) {
      return basePort + 100 + index;
    }

    /** The loopback address of node {@code index} when each node has its own. */
    public static String loopbackHost(int index) {
      return LOOPBACK_PREFIX + (LOOPBACK_FIRST + index);
    }

    static String id(int index) {
      return "n" + (index + 1);
    }
  }

  private LocalCluster() {}

  /**
   * Starts the nodes, waits until each serves (bounded), and records them in the cluster file. When
   * DIR already holds a cluster whose nodes are (partly) stopped, starts those nodes again with the
   * settings they were created with, keeping their data.
   */
  public static ClusterFile up(Plan plan, Duration waitBound, PrintWriter out) {
    Path dir = plan.dir().toAbsolutePath().normalize();
    ClusterFile cluster = ClusterFile.exists(dir) ? restartPlan(dir, out) : newCluster(plan, dir);
    List<ClusterFile.Entry> entries = new ArrayList<>(cluster.nodes());
    List<Process> started = new ArrayList<>();
    List<ClusterFile.Entry> waitFor = new ArrayList<>();
    try {
      for (int i = 0; i < entries.size(); i++) {
        ClusterFile.Entry entry = entries.get(i);
        if (NodeProcesses.find(entry.pid(), entry.id()).isPresent()) {
          continue;
        }
        checkPortFree(entry.address().host(), entry.address().port(), "gRPC");
        if (entry.metricsPort() > 0) {
          checkPortFree(entry.address().host(), entry.metricsPort(), "metrics");
        }
        Process process = launch(cluster.jvmOptions(), entry);
        started.add(process);
        entries.set(i, entry.withPid(process.pid()));
        waitFor.add(entries.get(i));
        out.printf(
            "started %s (pid %d) on %s, zone %s%s%n",
            entry.id(), process.pid(), entry.address(), entry.zone(), entry.timeMaster() ? ", time master" : "");
        out.flush();
      }
      ClusterFile updated = new ClusterFile(entries, cluster.jvmOptions());
      updated.write(dir);
      awaitServing(waitFor, started, waitBound, out);
      return updated;
    } catch (RuntimeException e) {
      for (Process process : started) {
        NodeProcesses.stop(process.toHandle(), Duration.ofSeconds(10));
      }
      List<ClusterFile.Entry> stopped = new ArrayList<>();
      for (ClusterFile.Entry entry : entries) {
        boolean ours = started.stream().anyMatch(p -> p.pid() == entry.pid());
        stopped.add(ours ? entry.withoutPid() : entry);
      }
      new ClusterFile(stopped, cluster.jvmOptions()).write(dir);
      throw e;
    }
  }

  static ClusterFile newCluster(Plan plan, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserException("cannot create " + dir + ": " + e.getMessage());
    }
    List<ClusterFile.Entry> entries = new ArrayList<>();
    for (int i = 0; i < plan.nodes(); i++) {
      entries.add(entry(plan, dir, i));
    }
    return new ClusterFile(entries, plan.jvmOptions());
  }

  private static ClusterFile restartPlan(Path dir, PrintWriter out) {
    ClusterFile existing = ClusterFile.read(dir);
    long running = existing.nodes().stream().filter(n -> NodeProcesses.find(n.pid(), n.id()).isPresent()).count();
    if (running == existing.nodes().size()) {
      ClusterFile.Entry first = existing.nodes().getFirst();
      throw new UserException(
          "a cluster started from " + dir + " is still running (" + first.id() + " is pid " + first.pid()
              + "); stop it with 'meridian down --dir " + dir + "' first");
    }
    out.printf(
        "restarting the %d stopped node(s) of the cluster in %s with the settings it was created with%n",
        existing.nodes().size() - running, dir);
    return existing;
  }

  private static ClusterFile.Entry entry(Plan plan, Path dir, int i) {
    String id = Plan.id(i);
    NodeAddress address = plan.address(i);
    Path dataDir = dir.resolve(id).resolve("data");
    boolean master = i < plan.timeMasters();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--id", id,
                "--zone", "zone-" + (i + 1),
                "--listen", address.toString(),
                "--metrics-port", Integer.toString(plan.metricsPort(i)),
                "--data", dataDir.toString(),
                "--time-sync-interval", plan.timeSyncInterval().toMillis() + "ms",
                "--groups", Integer.toString(plan.groups()),
                "--replicas", Integer.toString(plan.replicas()),
                "--master-epsilon-micros", Long.toString(plan.masterEpsilonMicros()),
                "--compact-every-entries", Long.toString(plan.compaction().everyEntries()),
                "--compact-keep-entries", Long.toString(plan.compaction().keepEntries())));
    String peers = peersOf(plan, i);
    if (!peers.isEmpty()) {
      args.addAll(List.of("--peers", peers));
    }
    if (master) {
      args.add("--time-master");
    }
    if (plan.allowFaultInjection()) {
      args.add("--allow-fault-injection");
    }
    return new ClusterFile.Entry(
        id, "zone-" + (i + 1), address, plan.metricsPort(i), master, 0, dataDir, dir.resolve(id).resolve("node.log"), args);
  }

  private static String peersOf(Plan plan, int self) {
    StringJoiner peers = new StringJoiner(",");
    for (int i = 0; i < plan.nodes(); i++) {
      if (i != self) {
        peers.add(Plan.id(i) + "@" + plan.address(i));
      }
    }
    return peers.toString();
  }

  private static void checkPortFree(String host, int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new UserException(
          "port " + port + " on " + host + " (" + what + ") is in use or unavailable (" + e.getMessage()
              + "); choose another --base-port");
    }
  }

  private static Process launch(List<String> jvmOptions, ClusterFile.Entry node) {
    List<String> command = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute()) {
      command.add("/usr/bin/setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("meridian.server.cli.Main");
    command.add("node");
    command.addAll(node.nodeArgs());
    try {
      Files.createDirectories(node.logFile().getParent());
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(node.logFile().toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UserException("cannot start node " + node.id() + ": " + e.getMessage());
    }
  }

  private static void awaitServing(List<ClusterFile.Entry> nodes, List<Process> processes, Duration bound, PrintWriter out) {
    long deadlineNanos = System.nanoTime() + bound.toNanos();
    for (int i = 0; i < processes.size(); i++) {
      ClusterFile.Entry node = nodes.get(i);
      Process process = processes.get(i);
      try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(1))) {
        while (!serving(client)) {
          if (!process.isAlive()) {
            throw new UserException(
                "node " + node.id() + " exited with status " + process.exitValue() + " before serving: "
                    + lastLine(node.logFile()) + " (log: " + node.logFile() + ")");
          }
          if (System.nanoTime() > deadlineNanos) {
            throw new UserException(
                "node " + node.id() + " did not serve within " + bound.toSeconds() + " s (log: " + node.logFile() + ")");
          }
          // Waits on the process (it may die) rather than sleeping blindly.
          NodeProcesses.awaitExit(process.toHandle(), Duration.ofMillis(200));
        }
      }
      out.printf("%s serving%n", node.id());
      out.flush();
    }
  }

  private static boolean serving(NodeClient client) {
    try {
      return client.isServing();
    } catch (MeridianException e) {
      return false;
    }
  }

  static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).trim();
        }
      }
      return "(empty log)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}

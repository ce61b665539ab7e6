package meridian.server.jepsen;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.StatusResponse;
import meridian.server.cluster.ClusterFile;
import meridian.server.cluster.LocalCluster;
import meridian.server.cluster.NodeProcesses;
import meridian.server.node.NodeConfig;
import meridian.server.replication.LogCompaction;

/**
 * Node processes on this host, each on its own loopback address (127.0.0.11, .12, ...), every
 * one a time master and open to clock fault injection; links between them are cut with
 * iptables ({@link LinkCutter}, opened on the first cut). Built on {@link LocalCluster}, so a
 * run's cluster folder is one {@code meridian status --dir} and {@code meridian down --dir} can read.
 */
public final class LocalProcessCluster implements ClusterUnderTest {
  static final Duration ADMIN_DEADLINE = Duration.ofSeconds(3);
  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Path dir;
  private final LocalCluster.Plan plan;
  private final Duration serveWait;
  private final PrintWriter out;
  private final Set<String> paused = new HashSet<>();
  private LinkCutter links;
  private boolean closed;
  private final Thread onExit = new Thread(this::close, "jepsen-cluster-cleanup");

  private LocalProcessCluster(Path dir, LocalCluster.Plan plan, Duration serveWait, PrintWriter out) {
    this.dir = dir;
    this.plan = plan;
    this.serveWait = serveWait;
    this.out = out;
  }

  /** Starts {@code nodes} nodes under {@code dir} and waits (bounded) until each serves. */
  public static LocalProcessCluster start(Path dir, int nodes, int port, int ranges, List<String> jvmOptions, Duration serveWait, PrintWriter out) {
    LocalCluster.Plan plan = new LocalCluster.Plan(
        dir, nodes, "127.0.0.1", port, nodes, true, Duration.ofMillis(500), ranges, LogCompaction.defaults(),
        NodeConfig.defaultReplicas(nodes), 500, jvmOptions, true);
    LocalProcessCluster cluster = new LocalProcessCluster(dir.toAbsolutePath().normalize(), plan, serveWait, out);
    // Ctrl-C or a crash of the run must not leave nodes running or links cut.
    Runtime.getRuntime().addShutdownHook(cluster.onExit);
    try {
      LocalCluster.up(plan, serveWait, out);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  @Override
  public List<String> nodes() {
    return file().nodes().stream().map(ClusterFile.Entry::id).toList();
  }

  @Override
  public String jdbcUrl(String node) {
    return "jdbc:meridian://" + entry(node).address() + "?queryTimeout=5&connectTimeout=2";
  }

  @Override
  public synchronized void kill(String node) {
    ClusterFile.Entry e = entry(node);
    Optional<ProcessHandle> process = NodeProcesses.find(e.pid(), e.id());
    if (process.isEmpty()) {
      return;
    }
    process.get().destroyForcibly();
    if (!NodeProcesses.awaitExit(process.get(), STOP_GRACE)) {
      throw new IllegalStateException(node + " (pid " + e.pid() + ") survived SIGKILL for " + STOP_GRACE.toSeconds() + " s");
    }
    paused.remove(node);
  }

  @Override
  public synchronized void restart(String node) {
    ClusterFile.Entry e = entry(node);
    if (NodeProcesses.find(e.pid(), e.id()).isPresent()) {
      return;
    }
    LocalCluster.up(plan, serveWait, out);
  }

  @Override
  public synchronized void pause(String node) {
    signal(node, "STOP");
    paused.add(node);
  }

  @Override
  public synchronized void resume(String node) {
    if (paused.remove(node)) {
      signal(node, "CONT");
    }
  }

  private void signal(String node, String signal) {
    ClusterFile.Entry e = entry(node);
    if (NodeProcesses.find(e.pid(), e.id()).isEmpty()) {
      return; // not running: nothing to pause or resume
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(e.pid())).redirectErrorStream(true).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        kill.destroyForcibly();
        throw new IllegalStateException("kill -" + signal + " " + e.pid() + " failed");
      }
    } catch (IOException ex) {
      throw new IllegalStateException("cannot run kill: " + ex.getMessage(), ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + node, ex);
    }
  }

  @Override
  public synchronized void cut(String a, String b) {
    if (links == null) {
      links = LinkCutter.open(plan.basePort());
    }
    links.cut(entry(a).address().host(), entry(b).address().host());
  }

  @Override
  public synchronized void healLinks() {
    if (links != null) {
      links.healAll();
    }
  }

  @Override
  public void skewClock(String node, long offsetMicros, long driftPpm) {
    try (NodeClient client = new NodeClient(entry(node).address(), ADMIN_DEADLINE)) {
      client.skewClock(offsetMicros, driftPpm);
    } catch (MeridianException e) {
      throw new IllegalStateException("cannot skew " + node + "'s clock: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> leaderOf(long group) {
    return ClusterUnderTest.leaderIn(statuses(), group);
  }

  @Override
  public List<Long> groups() {
    return ClusterUnderTest.groupsIn(statuses());
  }

  @Override
  public void transferLeader(long group, String to) {
    String leader = leaderOf(group).orElseThrow(() -> new IllegalStateException("group " + group + " has no leader now"));
    try (NodeClient client = new NodeClient(entry(leader).address(), ADMIN_DEADLINE)) {
      client.transferLeader(group, to);
    } catch (MeridianException e) {
      throw new IllegalStateException("cannot move group " + group + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /** The status of every node that answers; paused and dead nodes are skipped. */
  private List<StatusResponse> statuses() {
    List<StatusResponse> answers = new ArrayList<>();
    for (ClusterFile.Entry e : file().nodes()) {
      if (paused.contains(e.id())) {
        continue;
      }
      try (NodeClient client = new NodeClient(e.address(), ADMIN_DEADLINE)) {
        answers.add(client.status());
      } catch (MeridianException ignored) {
        // down or partitioned: the others answer
      }
    }
    return answers;
  }

  @Override
  public boolean awaitServing(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    for (ClusterFile.Entry e : file().nodes()) {
      try (NodeClient client = new NodeClient(e.address(), ADMIN_DEADLINE)) {
        while (!serving(client)) {
          if (System.nanoTime() > deadline) {
            return false;
          }
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // poll interval
        }
      }
    }
    return true;
  }

  private static boolean serving(NodeClient client) {
    try {
      return client.isServing();
    } catch (MeridianException e) {
      return false;
    }
  }

  @Override
  public void collectLogs(Path target) {
    for (ClusterFile.Entry e : file().nodes()) {
      try {
        Files.createDirectories(target);
        if (Files.exists(e.logFile())) {
          Files.copy(e.logFile(), target.resolve(e.id() + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException ex) {
        out.printf("could not copy %s's log: %s%n", e.id(), ex.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != onExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway; closing twice is harmless
      }
    }
    for (String node : List.copyOf(paused)) {
      resume(node);
    }
    if (links != null) {
      links.close();
      links = null;
    }
    List<ClusterFile.Entry> stopped = new ArrayList<>();
    ClusterFile cluster = file();
    for (ClusterFile.Entry e : cluster.nodes()) {
      NodeProcesses.find(e.pid(), e.id()).ifPresent(p -> NodeProcesses.stop(p, STOP_GRACE));
      stopped.add(e.withoutPid());
    }
    new ClusterFile(stopped, cluster.jvmOptions()).write(dir);
  }

  private ClusterFile file() {
    return ClusterFile.read(dir);
  }

  private ClusterFile.Entry entry(String node) {
    return file().nodes().stream()
        .filter(e -> e.id().equals(node))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + node + " in " + dir));
  }
}

package meridian.server.jepsen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import meridian.checker.CheckResult;
import meridian.checker.CheckResultJson;
import meridian.checker.CheckerConfig;
import meridian.checker.Checkers;
import meridian.checker.HistoryParser;
import meridian.checker.MalformedHistoryException;
import meridian.checker.report.EdnExport;
import meridian.checker.report.TimelinePlot;

/** One run of the suite, start to verdict (see the package docs for its phases). */
public final class JepsenRun {
  static final Duration SERVE_WAIT = Duration.ofSeconds(120);
  static final Duration SETUP_WAIT = Duration.ofSeconds(90);
  static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);
  static final Duration FINAL_OPS_WAIT = Duration.ofSeconds(60);
  static final Duration CLIENT_JOIN_GRACE = Duration.ofSeconds(30);
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
  static final int FINAL_PROCESS_BASE = 1_000_000;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** What to run. */
  public record Options(
      String workload, String nemesis, Duration timeLimit, int concurrency, int nodes, Path out, int port,
      Duration healthy, Duration fault, long seed, List<String> jvmOptions) {

    public Options {
      Workloads.named(workload); // fails early, naming the known ones
      Nemeses.parse(nemesis, null);
      if (nodes != 3 && nodes != 5) {
        throw new IllegalArgumentException("--nodes must be 3 or 5, not " + nodes);
      }
      if (concurrency < 1 || concurrency > 100) {
        throw new IllegalArgumentException("--concurrency must be between 1 and 100, not " + concurrency);
      }
      if (timeLimit.toSeconds() < 1 || timeLimit.toHours() > 24) {
        throw new IllegalArgumentException("--time-limit must be between 1 s and 24 h, not " + timeLimit.toSeconds() + " s");
      }
      jvmOptions = List.copyOf(jvmOptions);
    }
  }

  /** How a run ended; {@code valid} is true, false, unknown, or error (the run could not finish). */
  public record Result(
      String workload, String nemesis, String valid, int anomalies, String firstAnomaly, long ok, long fail, long info, Path dir,
      Duration took) {

    /** A run that stopped before its history could be checked, with why. */
    public static Result error(Options o, String why, Duration took) {
      return new Result(o.workload(), o.nemesis(), "error", 0, why, 0, 0, 0, o.out().toAbsolutePath().normalize(), took);
    }
  }

  private JepsenRun() {}

  /** Starts the cluster a run tests, given the run's folder for its data. */
  @FunctionalInterface
  public interface ClusterStarter {
    ClusterUnderTest start(Path clusterDir, PrintWriter out);
  }

  /** Runs it against a fresh local cluster of node processes; writes the run folder; returns the verdict. */
  public static Result run(Options o, PrintWriter out) {
    return run(o, (clusterDir, log) -> LocalProcessCluster.start(clusterDir, o.nodes(), o.port(), 4, o.jvmOptions(), SERVE_WAIT, log), out);
  }

  /** Runs it against the cluster {@code starter} starts (another backend, such as containers). */
  public static Result run(Options o, ClusterStarter starter, PrintWriter out) {
    long startNanos = System.nanoTime();
    Path dir = o.out().toAbsolutePath().normalize();
    prepare(dir);
    Workload workload = Workloads.named(o.workload());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("nemesis-timer").unstarted(r));
    List<Nemesis> nemeses = Nemeses.parse(o.nemesis(), timer);
    Path historyFile = dir.resolve("history.jsonl");
    AtomicLongArray outcomes = new AtomicLongArray(3);
    out.printf("jepsen: %s / %s, %d nodes, %d clients, %d s, seed %d, in %s%n",
        o.workload(), o.nemesis(), o.nodes(), o.concurrency(), o.timeLimit().toSeconds(), o.seed(), dir);
    out.flush();
    try (ClusterUnderTest cluster = starter.start(dir.resolve("cluster"), out);
        HistoryWriter history = new HistoryWriter(historyFile, System.nanoTime())) {
      Random random = new Random(o.seed());
      setup(cluster, workload, history);
      history.note("nemesis", "run", "workload " + o.workload() + ", nemesis " + o.nemesis() + ", seed " + o.seed());
      runClients(o, cluster, workload, nemeses, history, random, outcomes, out);
      heal(nemeses, cluster, history, out);
      finalOps(cluster, workload, history, outcomes);
      cluster.collectLogs(dir.resolve("logs"));
    } finally {
      timer.shutdownNow();
    }
    CheckResult result = check(workload.name(), historyFile);
    writeReports(o, dir, historyFile, result, outcomes, Duration.ofNanos(System.nanoTime() - startNanos));
    String first = result.anomalies().isEmpty() ? "" : result.anomalies().getFirst().type() + ": " + result.anomalies().getFirst().message();
    return new Result(o.workload(), o.nemesis(), validity(result), result.anomalies().size(), first,
        outcomes.get(Client.OK), outcomes.get(Client.FAIL), outcomes.get(Client.INFO), dir, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private static void prepare(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(dir + " is not empty: give each run a new --out folder");
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /**
   * Sets the workload up through the first node, again after a transient failure (a group of a
   * cluster that just started may still be electing its leader), within {@link #SETUP_WAIT}:
   * every workload's setup is idempotent.
   */
  private static void setup(ClusterUnderTest cluster, Workload workload, HistoryWriter history) {
    String node = cluster.nodes().getFirst();
    long deadline = System.nanoTime() + SETUP_WAIT.toNanos();
    while (true) {
      try (Connection c = java.sql.DriverManager.getConnection(cluster.jdbcUrl(node))) {
        workload.setup(c, history);
        return;
      } catch (SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean definite = state.startsWith("42") || state.startsWith("22") || state.startsWith("23");
        if (definite || System.nanoTime() > deadline) {
          throw new IllegalStateException("setting up the " + workload.name() + " workload at " + node + " failed: " + e.getMessage(), e);
        }
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
      }
    }
  }

  private static void runClients(Options o, ClusterUnderTest cluster, Workload workload, List<Nemesis> nemeses, HistoryWriter history,
      Random random, AtomicLongArray outcomes, PrintWriter out) {
    long deadline = System.nanoTime() + o.timeLimit().toNanos();
    List<String> nodes = cluster.nodes();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < o.concurrency(); t++) {
      String node = nodes.get(t % nodes.size());
      Client client = new Client(t, o.concurrency(), () -> cluster.jdbcUrl(node), workload, history, deadline, new Random(random.nextLong()), outcomes);
      clients.add(Thread.ofPlatform().name("client-" + t).start(client));
    }
    CountDownLatch done = new CountDownLatch(1);
    Random nemesisRandom = new Random(random.nextLong());
    Thread nemesis = Thread.ofPlatform().name("nemesis").start(
        () -> new Schedule(o.healthy(), o.fault()).run(nemeses, cluster, history, nemesisRandom, done));
    long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
    for (Thread client : clients) {
      long bound = deadline + CLIENT_JOIN_GRACE.toNanos();
      while (client.isAlive() && System.nanoTime() < bound) {
        join(client, Math.min(nextProgress, bound));
        if (System.nanoTime() >= nextProgress) {
          long elapsed = o.timeLimit().toSeconds() - Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000);
          out.printf("  %3d s: %d ok, %d fail, %d info%n", elapsed, outcomes.get(Client.OK), outcomes.get(Client.FAIL), outcomes.get(Client.INFO));
          out.flush();
          nextProgress += PROGRESS_EVERY.toNanos();
        }
      }
      client.interrupt(); // still in an operation after the grace: its invoke stays unanswered (indeterminate)
    }
    done.countDown();
    join(nemesis, System.nanoTime() + RECOVERY_WAIT.toNanos());
  }

  private static void join(Thread thread, long untilNanos) {
    long millis = Math.max(1, (untilNanos - System.nanoTime()) / 1_000_000);
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void heal(List<Nemesis> nemeses, ClusterUnderTest cluster, HistoryWriter history, PrintWriter out) {
    for (Nemesis nemesis : nemeses) {
      try {
        nemesis.heal(cluster);
      } catch (RuntimeException e) {
        history.note("nemesis", "heal-failed", nemesis.kind() + ": " + e.getMessage());
      }
    }
    cluster.healLinks();
    boolean serving = cluster.awaitServing(RECOVERY_WAIT);
    history.note("nemesis", "healed", serving ? "every node serves" : "not every node serves after " + RECOVERY_WAIT.toSeconds() + " s");
    out.printf("  healed: %s%n", serving ? "every node serves" : "NOT every node serves after " + RECOVERY_WAIT.toSeconds() + " s");
    out.flush();
  }

  /** Runs each final operation until it is ok (trying the nodes in turn), within a bound. */
  private static void finalOps(ClusterUnderTest cluster, Workload workload, HistoryWriter history, AtomicLongArray outcomes) {
    long deadline = System.nanoTime() + FINAL_OPS_WAIT.toNanos();
    List<String> nodes = cluster.nodes();
    int process = FINAL_PROCESS_BASE;
    for (Op op : workload.finalOps()) {
      for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
        Connection c = Client.open(cluster.jdbcUrl(nodes.get(attempt % nodes.size())));
        if (c == null) {
          java.util.concurrent.locks.LockSupport.parkNanos(Client.BACKOFF.toNanos());
          continue;
        }
        Client runner = new Client(0, 1, () -> "", workload, history, deadline, new Random(0), outcomes);
        String outcome = runner.perform(process, c, op);
        Client.close(c);
        if (!outcome.equals("fail")) {
          process++; // after info the process may still be in flight; after ok it is done
        }
        if (outcome.equals("ok")) {
          break;
        }
      }
    }
  }

  private static CheckResult check(String model, Path historyFile) {
    try {
      return Checkers.check(model, HistoryParser.parse(historyFile), CheckerConfig.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + historyFile, e);
    } catch (MalformedHistoryException e) {
      throw new IllegalStateException("the run wrote a malformed history (a bug in the suite): " + e.getMessage(), e);
    }
  }

  static String validity(CheckResult result) {
    return switch (result.valid()) {
      case VALID -> "true";
      case INVALID -> "false";
      case UNKNOWN -> "unknown";
    };
  }

  private static void writeReports(Options o, Path dir, Path historyFile, CheckResult result, AtomicLongArray outcomes, Duration took) {
    try {
      EdnExport.write(historyFile, dir.resolve("history.edn"));
      TimelinePlot.render(historyFile, o.workload() + " / " + o.nemesis() + ", " + o.nodes() + " nodes, " + o.concurrency() + " clients",
          dir.resolve("latency.svg"));
      Map<String, Object> results = new LinkedHashMap<>();
      results.put("valid", result.valid() == meridian.checker.Validity.UNKNOWN ? "unknown" : result.valid() == meridian.checker.Validity.VALID);
      results.put("workload", o.workload());
      results.put("nemesis", o.nemesis());
      results.put("nodes", o.nodes());
      results.put("concurrency", o.concurrency());
      results.put("time_limit_seconds", o.timeLimit().toSeconds());
      results.put("seed", o.seed());
      results.put("took_seconds", took.toMillis() / 1000.0);
      results.put("ok", outcomes.get(Client.OK));
      results.put("fail", outcomes.get(Client.FAIL));
      results.put("info", outcomes.get(Client.INFO));
      results.put("anomaly_count", result.anomalies().size());
      results.put("checker", CheckResultJson.toJson(result));
      JSON.writeValue(dir.resolve("results.json").toFile(), results);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reports in " + dir, e);
    } catch (MalformedHistoryException e) {
      throw new IllegalStateException("the run wrote a malformed history (a bug in the suite): " + e.getMessage(), e);
    }
  }
}

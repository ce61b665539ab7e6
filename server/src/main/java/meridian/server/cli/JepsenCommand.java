package meridian.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import meridian.server.jepsen.JepsenRun;
import meridian.server.jepsen.MatrixReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian jepsen}: runs the Jepsen-style suite against a fresh local cluster (one run, or
 * with {@code --matrix} every combination of {@code --workloads} and {@code --nemeses}) and exits 0
 * only when every history checked valid: 1 when an anomaly was found, 2 when a checker could not
 * decide, 3 when a run of a matrix could not finish (its error is in the summary).
 */
@Command(
    name = "jepsen",
    mixinStandardHelpOptions = true,
    description = {
      "Test a fresh local cluster the way Jepsen does: clients over JDBC, faults, a recorded history, checkers.",
      "Workloads: register, bank, set, list-append, monotonic.",
      "Nemeses: none, partition, partition-halves, partition-one, partition-leader, partition-ring, partition-bridge,"
          + " kill, kill-leader, pause, pause-leader, clock-skew, clock-jump, clock-strobe, leader-transfer.",
      "Each run writes history.jsonl, history.edn, results.json, latency.svg and logs/ to its folder.",
      "Partitions use iptables (root or CAP_NET_ADMIN)."
    })
public final class JepsenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--workload", defaultValue = "register", description = "The workload of a single run (default: ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--nemesis", defaultValue = "none", description = "Faults of a single run, comma-separated; they take turns (default: ${DEFAULT-VALUE}).")
  String nemesis;

  @Option(names = "--matrix", description = "Run every combination of --workloads and --nemeses and print a summary table.")
  boolean matrix;

  @Option(names = "--workloads", defaultValue = "register,bank,set,list-append,monotonic", split = ",",
      description = "Workloads of the matrix (default: ${DEFAULT-VALUE}).")
  List<String> workloads;

  @Option(names = "--nemeses", defaultValue = "partition;kill;clock-skew", split = ";",
      description = "Nemesis specs of the matrix, semicolon-separated; each may combine faults with commas (default: ${DEFAULT-VALUE}).")
  List<String> nemeses;

  @Option(names = "--time-limit", defaultValue = "30", description = "Seconds the clients run, per run (default: ${DEFAULT-VALUE}).")
  int timeLimitSeconds;

  @Option(names = "--concurrency", defaultValue = "6", description = "Client threads, spread over the nodes (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--nodes", defaultValue = "3", description = "Cluster size, 3 or 5 (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--out", description = "Folder for the run (or the matrix's runs); must be new or empty (default: ./jepsen-runs/<time>).")
  Path out;

  @Option(names = "--port", defaultValue = "7801", description = "gRPC port of every node; node i listens on 127.0.0.(10+i) (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--healthy", defaultValue = "4s", converter = DurationConverter.class,
      description = "Healthy period before each fault (default: ${DEFAULT-VALUE}).")
  Duration healthy;

  @Option(names = "--fault", defaultValue = "6s", converter = DurationConverter.class,
      description = "How long each fault lasts (default: ${DEFAULT-VALUE}).")
  Duration fault;

  @Option(names = "--seed", description = "Seed of the operations and faults (default: random, printed).")
  Long seed;

  @Option(names = "--jvm-options", split = " ", defaultValue = "-Xmx384m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED",
      description = "JVM options for each node (default: ${DEFAULT-VALUE}).")
  List<String> jvmOptions;

  @Override
  public Integer call() {
    PrintWriter console = spec.commandLine().getOut();
    Path root = out != null ? out : Path.of("jepsen-runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    long baseSeed = seed != null ? seed : System.nanoTime();
    List<JepsenRun.Options> runs = new ArrayList<>();
    try {
      if (matrix) {
        for (String w : workloads) {
          for (String n : nemeses) {
            runs.add(options(w.trim(), n.trim(), root.resolve(w.trim() + "_" + n.trim().replace(',', '+')), baseSeed + runs.size()));
          }
        }
      } else {
        runs.add(options(workload, nemesis, root, baseSeed));
      }
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    List<JepsenRun.Result> results = new ArrayList<>();
    for (JepsenRun.Options run : runs) {
      JepsenRun.Result result;
      long startNanos = System.nanoTime();
      try {
        result = JepsenRun.run(run, console);
      } catch (RuntimeException e) {
        if (!matrix) {
          throw e;
        }
        // One broken run must not hide the others' verdicts: the matrix goes on and fails at the end.
        result = JepsenRun.Result.error(run, String.valueOf(e.getMessage()), Duration.ofNanos(System.nanoTime() - startNanos));
        console.printf("%s / %s: the run could not finish: %s%n", run.workload(), run.nemesis(), e.getMessage());
      }
      results.add(result);
      console.printf("%s / %s: valid %s, %d anomalies, %d ok, %d fail, %d info (%s)%n%n",
          result.workload(), result.nemesis(), result.valid(), result.anomalies(), result.ok(), result.fail(), result.info(),
          result.dir().resolve("results.json"));
      console.flush();
    }
    if (matrix) {
      MatrixReport.print(results, console);
      MatrixReport.write(results, root.resolve("summary.json"));
    }
    boolean anomaly = results.stream().anyMatch(r -> r.valid().equals("false"));
    boolean unknown = results.stream().anyMatch(r -> r.valid().equals("unknown"));
    boolean error = results.stream().anyMatch(r -> r.valid().equals("error"));
    return anomaly ? 1 : unknown ? 2 : error ? 3 : 0;
  }

  private JepsenRun.Options options(String w, String n, Path dir, long runSeed) {
    return new JepsenRun.Options(w, n, Duration.ofSeconds(timeLimitSeconds), concurrency, nodes, dir, port, healthy, fault, runSeed, jvmOptions);
  }
}

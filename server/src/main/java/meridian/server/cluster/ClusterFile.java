package meridian.server.cluster;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import meridian.client.NodeAddress;

/**
 * {@code DIR/cluster.properties}: the nodes {@code meridian up} started from DIR, so that
 * {@code down}, {@code status} and {@code kv} find them again. Written atomically (temp file and
 * rename), so a reader never sees half a file.
 */
public record ClusterFile(List<Entry> nodes, List<String> jvmOptions) {
  public static final String NAME = "cluster.properties";

  /**
   * One node: where it listens, its process, its files, and the arguments of {@code meridian node}
   * it runs with (so that a stopped node can be started again as it was). {@code pid} 0: not
   * running.
   */
  public record Entry(
      String id,
      String zone,
      NodeAddress address,
      int metricsPort,
      boolean timeMaster,
      long pid,
      Path dataDir,
      Path logFile,
      List<String> nodeArgs) {

    public Entry {
      nodeArgs = List.copyOf(nodeArgs);
    }

    /** The same node, recorded as not running. */
    public Entry withoutPid() {
      return withPid(0);
    }

    public Entry withPid(long newPid) {
      return new Entry(id, zone, address, metricsPort, timeMaster, newPid, dataDir, logFile, nodeArgs);
    }
  }

  /** Separates arguments in the file (a character no flag contains). */
  private static final String ARG_SEPARATOR = "\u001f";

  public ClusterFile {
    nodes = List.copyOf(nodes);
    jvmOptions = List.copyOf(jvmOptions);
  }

  public static Path path(Path dir) {
    return dir.resolve(NAME);
  }

  public static boolean exists(Path dir) {
    return Files.isRegularFile(path(dir));
  }

  public static ClusterFile read(Path clusterDir) {
    Path dir = clusterDir.toAbsolutePath().normalize();
    Path file = path(dir);
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<Entry> nodes = new ArrayList<>();
    String ids = p.getProperty("nodes", "");
    try {
      for (String id : ids.split(",")) {
        if (id.isBlank()) {
          continue;
        }
        String prefix = "node." + id + ".";
        nodes.add(
            new Entry(
                id,
                p.getProperty(prefix + "zone"),
                NodeAddress.parse(p.getProperty(prefix + "address")),
                Integer.parseInt(p.getProperty(prefix + "metrics-port", "0")),
                Boolean.parseBoolean(p.getProperty(prefix + "time-master")),
                Long.parseLong(p.getProperty(prefix + "pid", "0")),
                dir.resolve(p.getProperty(prefix + "data")),
                dir.resolve(p.getProperty(prefix + "log")),
                split(p.getProperty(prefix + "args", ""))));
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "); remove it after stopping the nodes", e);
    }
    if (nodes.isEmpty()) {
      throw new IllegalStateException(file + " lists no nodes");
    }
    return new ClusterFile(nodes, split(p.getProperty("jvm-options", "")));
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : List.of(joined.split(ARG_SEPARATOR, -1));
  }

  public void write(Path clusterDir) {
    Path dir = clusterDir.toAbsolutePath().normalize();
    Properties p = new Properties();
    List<String> ids = new ArrayList<>();
    for (Entry n : nodes) {
      ids.add(n.id());
      String prefix = "node." + n.id() + ".";
      p.setProperty(prefix + "zone", n.zone());
      p.setProperty(prefix + "address", n.address().toString());
      p.setProperty(prefix + "metrics-port", Integer.toString(n.metricsPort()));
      p.setProperty(prefix + "time-master", Boolean.toString(n.timeMaster()));
      p.setProperty(prefix + "pid", Long.toString(n.pid()));
      p.setProperty(prefix + "data", dir.relativize(n.dataDir()).toString());
      p.setProperty(prefix + "log", dir.relativize(n.logFile()).toString());
      p.setProperty(prefix + "args", String.join(ARG_SEPARATOR, n.nodeArgs()));
    }
    p.setProperty("jvm-options", String.join(ARG_SEPARATOR, jvmOptions));
    p.setProperty("nodes", String.join(",", ids));
    Path file = path(dir);
    Path tmp = dir.resolve(NAME + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(out, "Meridian local cluster started by 'meridian up'; read by down, status and kv");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public List<NodeAddress> addresses() {
    return nodes.stream().map(Entry::address).toList();
  }
}

package meridian.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import meridian.client.NodeAddress;

/**
 * The pure parts of {@code meridian bench-sql}: its argument checks, the JDBC URL of a cluster and
 * the hosts of a URL, and the report's lines (JDBC and native side by side).
 */
final class SqlBenchReport {
  static final String URL_PREFIX = "jdbc:meridian://";
  /** Rows a range scan reads. */
  static final int RANGE_ROWS = 100;
  /** Workers in flight at most: each holds a JDBC session and a gRPC channel to one node. */
  static final int CONCURRENCY_MAX = 256;
  static final int ROWS_MAX = 1_000_000;
  static final int SECONDS_MAX = 3_600;

  private SqlBenchReport() {}

  /** The bench's knobs, checked before anything touches the cluster. */
  static void checkArguments(int seconds, List<Integer> concurrency, int rows, int warmupSeconds) {
    if (seconds < 1 || seconds > SECONDS_MAX) {
      throw new UserException("--seconds must be 1.." + SECONDS_MAX + ", not " + seconds);
    }
    if (warmupSeconds < 0 || warmupSeconds > SECONDS_MAX) {
      throw new UserException("--warmup-seconds must be 0.." + SECONDS_MAX + ", not " + warmupSeconds);
    }
    if (concurrency == null || concurrency.isEmpty()) {
      throw new UserException("--concurrency needs at least one value");
    }
    for (int c : concurrency) {
      if (c < 1 || c > CONCURRENCY_MAX) {
        throw new UserException("--concurrency values must be 1.." + CONCURRENCY_MAX + ", not " + c);
      }
    }
    if (rows < RANGE_ROWS || rows > ROWS_MAX) {
      throw new UserException("--rows must be " + RANGE_ROWS + ".." + ROWS_MAX + " (a range scan reads " + RANGE_ROWS + "), not " + rows);
    }
  }

  /** Seconds the driver waits for each host when opening a session: more than its default, for a busy machine. */
  static final int CONNECT_TIMEOUT_SECONDS = 60;

  static String jdbcUrl(List<NodeAddress> nodes) {
    StringBuilder url = new StringBuilder(URL_PREFIX);
    for (int i = 0; i < nodes.size(); i++) {
      url.append(i == 0 ? "" : ",").append(nodes.get(i));
    }
    return url.append("?connectTimeout=").append(CONNECT_TIMEOUT_SECONDS).toString();
  }

  /** The hosts of {@code jdbc:meridian://h1:p1[,h2:p2...][/database][?properties]}, in order. */
  static List<NodeAddress> hostsOf(String url) {
    if (url == null || !url.regionMatches(true, 0, URL_PREFIX, 0, URL_PREFIX.length())) {
      throw new UserException("--url must start with " + URL_PREFIX + ", not '" + url + "'");
    }
    String rest = url.substring(URL_PREFIX.length());
    int end = rest.length();
    for (char c : new char[] {'/', '?'}) {
      int at = rest.indexOf(c);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    List<NodeAddress> hosts = new ArrayList<>();
    for (String host : rest.substring(0, end).split(",", -1)) {
      try {
        hosts.add(NodeAddress.parse(host));
      } catch (IllegalArgumentException e) {
        throw new UserException("--url " + url + ": " + e.getMessage());
      }
    }
    return hosts;
  }

  /** What one closed-loop run of one operation through one path measured. */
  record Measurement(long p50Micros, long p99Micros, long maxMicros, double opsPerSecond, long failures, String firstFailure) {}

  static String header() {
    return String.format(Locale.ROOT, "%-13s %-9s | %-9s %-8s %-8s %-8s | %-10s %-8s %-8s %-8s | %s",
        "OPERATION", "IN FLIGHT", "JDBC P50", "P99", "MAX", "OPS/S", "NATIVE P50", "P99", "MAX", "OPS/S", "P50 JDBC/NATIVE")
        + System.lineSeparator()
        + String.format(Locale.ROOT, "%-13s %-9s | %-9s %-8s %-8s %-8s | %-10s %-8s %-8s %-8s |", "", "", "ms", "ms", "ms", "", "ms", "ms", "ms", "");
  }

  /** One operation at one concurrency: JDBC's numbers, then the native client's, then the ratio of the p50s. */
  static String line(String operation, int concurrency, Measurement jdbc, Measurement nativePath) {
    String ratio = nativePath.p50Micros() > 0 ? String.format(Locale.ROOT, "%.2fx", jdbc.p50Micros() / (double) nativePath.p50Micros()) : "-";
    String line = String.format(Locale.ROOT, "%-13s %-9d | %-9.3f %-8.2f %-8.1f %-8.0f | %-10.3f %-8.2f %-8.1f %-8.0f | %s",
        operation, concurrency, ms(jdbc.p50Micros()), ms(jdbc.p99Micros()), ms(jdbc.maxMicros()), jdbc.opsPerSecond(),
        ms(nativePath.p50Micros()), ms(nativePath.p99Micros()), ms(nativePath.maxMicros()), nativePath.opsPerSecond(), ratio);
    return line + failures("jdbc", jdbc) + failures("native", nativePath);
  }

  /** A line of the breakdown: what was measured, then p50, p99 and max. */
  static String breakdownLine(String what, Measurement m) {
    return String.format(Locale.ROOT, "  %-84s p50 %.3f ms, p99 %.3f ms, max %.1f ms", what, ms(m.p50Micros()), ms(m.p99Micros()), ms(m.maxMicros()))
        + failures("", m);
  }

  private static String failures(String path, Measurement m) {
    return m.failures() == 0 ? "" : String.format(Locale.ROOT, " (%s%d failed, first: %s)", path.isEmpty() ? "" : path + ": ", m.failures(), m.firstFailure());
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}

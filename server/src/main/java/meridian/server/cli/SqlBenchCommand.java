package meridian.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import meridian.client.NodeAddress;
import meridian.client.NodeClient;
import meridian.proto.v1.RangeDescriptor;
import meridian.server.cli.SqlBenchPaths.Operation;
import meridian.server.sql.CatalogCodec;
import meridian.server.sql.SqlKeys;
import meridian.server.sql.TableDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code meridian bench-sql}: what SQL and JDBC cost on top of the native client. Creates and
 * loads table {@code bench_sql}, then runs a point select, a point update and a 100-row range scan
 * through JDBC (autocommit) and the same operations on the same rows' storage keys through the
 * native client ({@link SqlBenchPaths}), each for {@code --seconds} at each concurrency, and
 * prints them side by side with the physical floor measured in the same run.
 */
@Command(
    name = "bench-sql",
    mixinStandardHelpOptions = true,
    description = "Measure SQL through JDBC against the native client on the same rows, on a running cluster.")
public final class SqlBenchCommand implements Callable<Integer> {
  /** Rows per INSERT while loading. */
  static final int LOAD_BATCH_ROWS = 500;
  static final String PAD = "x".repeat(100);
  /**
   * JDBC and the native client take turns in slices this long within a cell, so that both see
   * the same machine on average (it is shared, and its load moves within seconds); each slice
   * ends when its last operation does.
   */
  static final int SLICE_SECONDS = 2;
  static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(SLICE_SECONDS);
  /** Parses of each statement for the parse cost (as many again unmeasured first). */
  static final int PARSE_SAMPLES = 2_000;

  @Spec CommandSpec spec;
  @Mixin ClusterTarget target;

  @Option(names = "--url", description = "JDBC URL (jdbc:meridian://host:port,...), instead of --dir or --node; the native client uses its first host.")
  String url;

  @Option(names = "--seconds", defaultValue = "10", description = "Time each path gets per operation and concurrency (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--concurrency", split = ",", defaultValue = "1,16", description = "Operations in flight, one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(names = "--rows", defaultValue = "10000", description = "Rows loaded into bench_sql (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "12",
      description = "Every operation through both paths before measuring, split evenly (default: ${DEFAULT-VALUE}).")
  int warmupSeconds;

  @Option(names = "--floor-dir", description = "Where to measure fsync (default: the cluster's directory, or the current one).")
  Path floorDir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SqlBenchReport.checkArguments(seconds, concurrency, rows, warmupSeconds);
    List<ClusterTarget.Target> nodes = nodes();
    String jdbcUrl = url != null ? url : SqlBenchReport.jdbcUrl(nodes.stream().map(ClusterTarget.Target::address).toList());
    NodeAddress entry = nodes.getFirst().address();
    int workers = Collections.max(concurrency);
    out.printf("bench-sql at %s: %d cores, %d MiB of memory, JDK %s; load average %s%n", Instant.now(),
        Runtime.getRuntime().availableProcessors(), memoryMiB(), System.getProperty("java.version"), loadAverage());
    List<SqlBenchPaths.Path> jdbc = new ArrayList<>();
    List<SqlBenchPaths.Path> nativePaths = new ArrayList<>();
    try {
      jdbc.add(new SqlBenchPaths.Jdbc(connect(jdbcUrl)));
      Connection first = ((SqlBenchPaths.Jdbc) jdbc.getFirst()).connection();
      load(out, first);
      TableDef table;
      try (NodeClient client = new NodeClient(entry)) {
        table = findTable(client);
        placement(out, client, table, nodes, entry);
      }
      explain(out, first);
      for (int w = 0; w < workers; w++) {
        if (w > 0) {
          jdbc.add(new SqlBenchPaths.Jdbc(connect(jdbcUrl)));
        }
        nativePaths.add(new SqlBenchPaths.Native(new NodeClient(entry), table));
      }
      verify(out, (SqlBenchPaths.Jdbc) jdbc.getFirst(), (SqlBenchPaths.Native) nativePaths.getFirst(), table);
      warmUp(out, jdbc, nativePaths, workers);
      PhysicalFloor.measure(floorDir(), entry, out);
      out.printf("%neach cell: %d s per path, closed loop, JDBC and native taking turns in slices of %d s; "
          + "JDBC autocommit statements and the native client through %s%n", seconds, SLICE_SECONDS, entry);
      out.println(SqlBenchReport.header());
      for (Operation op : Operation.values()) {
        for (int c : concurrency) {
          List<SqlBenchReport.Measurement> m = takeTurns(c, w -> jdbc.get(w).run(op, pick(op)), w -> nativePaths.get(w).run(op, pick(op)));
          out.println(SqlBenchReport.line(op.label, c, m.get(0), m.get(1)));
          out.flush();
        }
      }
      breakdown(out, (SqlBenchPaths.Jdbc) jdbc.getFirst(), (SqlBenchPaths.Native) nativePaths.getFirst());
      out.printf("load average at the end: %s%n", loadAverage());
      return 0;
    } finally {
      jdbc.forEach(SqlBenchPaths::closeQuietly);
      nativePaths.forEach(SqlBenchPaths::closeQuietly);
    }
  }

  private List<ClusterTarget.Target> nodes() {
    if (url == null) {
      return target.resolve();
    }
    var parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--dir") || parsed.hasMatchedOption("--node")) {
      throw new UserException("give --url, or --dir or --node, not both");
    }
    return SqlBenchReport.hostsOf(url).stream().map(a -> new ClusterTarget.Target(a.toString(), a)).toList();
  }

  private static Connection connect(String jdbcUrl) {
    try {
      return DriverManager.getConnection(jdbcUrl);
    } catch (SQLException e) {
      throw new UserException("cannot open a SQL session at " + jdbcUrl + " (is the cluster up? 'meridian status'): " + e.getMessage());
    }
  }

  /** Drops and creates bench_sql, then loads it in multi-row INSERTs. */
  private void load(PrintWriter out, Connection c) throws SQLException {
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + SqlBenchPaths.TABLE);
      s.execute("CREATE TABLE " + SqlBenchPaths.TABLE + " (id INT64 PRIMARY KEY, v INT64, pad STRING)");
      for (long from = 0; from < rows; from += LOAD_BATCH_ROWS) {
        s.executeUpdate(insertStatement(from, Math.min(rows, from + LOAD_BATCH_ROWS)));
      }
    } catch (SQLException e) {
      throw new UserException("setting up table " + SqlBenchPaths.TABLE + ": " + e.getMessage());
    }
    out.printf("loaded %d rows (%d-character pad) into %s in INSERTs of %d rows: %.1f s%n", rows, PAD.length(), SqlBenchPaths.TABLE,
        LOAD_BATCH_ROWS, (System.nanoTime() - start) / 1e9);
    out.flush();
  }

  /** {@code INSERT INTO bench_sql (id, v, pad) VALUES (from, 0, PAD), ...} for ids in [from, to). */
  static String insertStatement(long from, long to) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(SqlBenchPaths.TABLE).append(" (id, v, pad) VALUES ");
    for (long id = from; id < to; id++) {
      sql.append(id == from ? "" : ", ").append('(').append(id).append(", 0, '").append(PAD).append("')");
    }
    return sql.toString();
  }

  /** bench_sql's catalog entry, read from the catalog range in group 1 as the SQL layer reads it. */
  static TableDef findTable(NodeClient client) {
    List<TableDef> tables = client.readRange(SqlKeys.catalogStart(), SqlKeys.catalogEnd(), meridian.server.sql.Limits.TABLES_MAX, SqlBenchPaths.STRONG)
        .getRowsList().stream().map(kv -> CatalogCodec.decode(kv.getValue().toByteArray())).toList();
    return tables.stream().filter(t -> t.name().equals(SqlBenchPaths.TABLE)).findFirst()
        .orElseThrow(() -> new IllegalStateException("table " + SqlBenchPaths.TABLE + " is not in the catalog right after CREATE TABLE"));
  }

  /** Where the rows, the catalog and the native writes are, and who leads the rows' group. */
  private static void placement(PrintWriter out, NodeClient client, TableDef table, List<ClusterTarget.Target> nodes, NodeAddress entry) {
    List<RangeDescriptor> ranges = client.ranges(true);
    byte[] firstRow = SqlBenchPaths.rowKey(table, 0);
    long rowsGroup = groupOf(ranges, firstRow);
    long lastRowsGroup = groupOf(ranges, SqlBenchPaths.rowKey(table, Long.MAX_VALUE));
    long catalogGroup = groupOf(ranges, SqlKeys.catalogStart());
    long nativeWriteGroup = groupOf(ranges, SqlBenchPaths.nativeWriteKey(table, firstRow));
    String leader = GroupPlacement.of(nodes, rowsGroup).leader().map(t -> t.id() + " (" + t.address() + ")").orElse("unknown");
    out.printf("table id %d: rows in group %d, catalog in group %d, native update writes in group %d; group %d leader %s; both paths enter at %s%n",
        table.id(), rowsGroup, catalogGroup, nativeWriteGroup, rowsGroup, leader, entry);
    if (rowsGroup != lastRowsGroup || rowsGroup != nativeWriteGroup || rowsGroup != catalogGroup) {
      out.println("WARNING: the rows, the catalog and the native writes are not all in one group (a split?): "
          + "updates then commit across groups on one path and not the other, and the comparison is off");
    }
  }

  static long groupOf(List<RangeDescriptor> ranges, byte[] key) {
    for (RangeDescriptor r : ranges) {
      boolean afterStart = Arrays.compareUnsigned(key, r.getStartKey().toByteArray()) >= 0;
      boolean beforeEnd = r.getEndUnbounded() || Arrays.compareUnsigned(key, r.getEndKey().toByteArray()) < 0;
      if (afterStart && beforeEnd) {
        return r.getGroupId();
      }
    }
    throw new IllegalStateException("no range holds key " + meridian.server.replication.Keys.show(key));
  }

  private static void explain(PrintWriter out, Connection c) throws SQLException {
    for (String sql : List.of(SqlBenchPaths.SELECT_SQL, SqlBenchPaths.UPDATE_SQL, SqlBenchPaths.SCAN_SQL)) {
      try (PreparedStatement p = c.prepareStatement("EXPLAIN " + sql)) {
        for (int i = 1; i <= p.getParameterMetaData().getParameterCount(); i++) {
          p.setLong(i, 1);
        }
        List<String> plan = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            plan.add(rs.getString(1));
          }
        }
        out.printf("plan of %s: %s%n", sql, String.join("; ", plan));
      }
    }
  }

  /** The native path must read what SQL reads: the same rows, the same values. */
  private void verify(PrintWriter out, SqlBenchPaths.Jdbc jdbc, SqlBenchPaths.Native nativePath, TableDef table) throws Exception {
    Connection c = jdbc.connection();
    for (long id : new long[] {0, rows / 2, rows - 1}) {
      Object[] sql;
      try (PreparedStatement p = c.prepareStatement(SqlBenchPaths.SELECT_SQL)) {
        p.setLong(1, id);
        try (ResultSet rs = p.executeQuery()) {
          sql = rs.next() ? new Object[] {rs.getLong(1), rs.getString(2)} : null;
        }
      }
      Object[] row = nativePath.row(id);
      Object[] raw = row == null ? null : new Object[] {row[table.position("v")], row[table.position("pad")]};
      if (sql == null || !Arrays.equals(sql, raw)) {
        throw new IllegalStateException("row " + id + ": SQL reads " + Arrays.toString(sql) + ", the native client " + Arrays.toString(raw));
      }
    }
    for (Operation op : Operation.values()) {
      jdbc.run(op, 0);
      nativePath.run(op, 0);
    }
    out.printf("checked: the native client reads rows 0, %d and %d as SQL does, and every operation works both ways%n", rows / 2, rows - 1);
  }

  /** {@code first} and {@code second} for {@code --seconds} each, taking turns in slices; what each measured. */
  private List<SqlBenchReport.Measurement> takeTurns(int inFlight, ClosedLoop.Operation first, ClosedLoop.Operation second) throws Exception {
    ClosedLoop.Tally a = new ClosedLoop.Tally();
    ClosedLoop.Tally b = new ClosedLoop.Tally();
    for (long left = TimeUnit.SECONDS.toNanos(seconds); left > 0; left -= SLICE_NANOS) {
      long slice = Math.min(left, SLICE_NANOS);
      ClosedLoop.run(inFlight, slice, first, a);
      ClosedLoop.run(inFlight, slice, second, b);
    }
    return List.of(a.measurement(), b.measurement());
  }

  /** What every statement pays before it touches its rows, measured apart at 1 in flight. */
  private void breakdown(PrintWriter out, SqlBenchPaths.Jdbc jdbc, SqlBenchPaths.Native nativePath) throws Exception {
    out.printf("%nwhere a statement's time goes (1 in flight, %d s each, taking turns):%n", seconds);
    List<SqlBenchReport.Measurement> m = takeTurns(1, w -> jdbc.selectOne(), w -> nativePath.readCatalog());
    out.println(SqlBenchReport.breakdownLine("JDBC SELECT 1 (Execute call, SQL thread, parse, read timestamp, catalog read, 1 row)", m.get(0)));
    out.println(SqlBenchReport.breakdownLine("native strong read of the catalog range (every statement's first read)", m.get(1)));
    ParseCost.Result parse = ParseCost.measure(List.of(SqlBenchPaths.SELECT_SQL, SqlBenchPaths.UPDATE_SQL, SqlBenchPaths.SCAN_SQL), PARSE_SAMPLES);
    out.printf("parsing the three statements in this JVM, p50 per statement: %d us as the node parses (a new thread per parse), "
        + "%d us on one reused thread%n", parse.asTheNodeParsesP50Micros(), parse.reusedThreadP50Micros());
    out.flush();
  }

  private void warmUp(PrintWriter out, List<SqlBenchPaths.Path> jdbc, List<SqlBenchPaths.Path> nativePaths, int workers) throws Exception {
    int runs = Operation.values().length * 2;
    int each = warmupSeconds == 0 ? 0 : Math.max(1, warmupSeconds / runs);
    if (each == 0) {
      return;
    }
    out.printf("warming up: %d s of each operation through each path, %d in flight...%n", each, workers);
    out.flush();
    for (Operation op : Operation.values()) {
      ClosedLoop.run(workers, each, w -> jdbc.get(w).run(op, pick(op)));
      ClosedLoop.run(workers, each, w -> nativePaths.get(w).run(op, pick(op)));
    }
  }

  /** A random row, or the first row of a range that lies within the table. */
  private long pick(Operation op) {
    return ThreadLocalRandom.current().nextLong(op == Operation.RANGE_SCAN ? rows - SqlBenchReport.RANGE_ROWS + 1 : rows);
  }

  private Path floorDir() {
    if (floorDir != null) {
      return floorDir;
    }
    return url == null && target.nodes.isEmpty() && Files.isDirectory(target.dir) ? target.dir : Path.of(".");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + " (1 min)";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long memoryMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: say nothing useful rather than fail the bench
    }
    return -1;
  }
}

package meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.util.List;
import meridian.client.NodeAddress;
import meridian.proto.v1.RangeDescriptor;
import meridian.server.cli.SqlBenchReport.Measurement;
import meridian.server.replication.Keys;
import meridian.server.sql.ColumnDef;
import meridian.server.sql.SqlKeys;
import meridian.server.sql.TableDef;
import meridian.server.sql.Type;
import org.junit.jupiter.api.Test;

class SqlBenchReportTest {
  @Test
  void argumentsOutsideTheirBoundsAreRefusedWithTheOptionNamed() {
    SqlBenchReport.checkArguments(10, List.of(1, 16), 10_000, 12);
    SqlBenchReport.checkArguments(1, List.of(SqlBenchReport.CONCURRENCY_MAX), SqlBenchReport.RANGE_ROWS, 0);
    assertThatThrownBy(() -> SqlBenchReport.checkArguments(0, List.of(1), 10_000, 0)).isInstanceOf(UserException.class).hasMessageContaining("--seconds");
    assertThatThrownBy(() -> SqlBenchReport.checkArguments(10, List.of(1, 0), 10_000, 0)).hasMessageContaining("--concurrency");
    assertThatThrownBy(() -> SqlBenchReport.checkArguments(10, List.of(SqlBenchReport.CONCURRENCY_MAX + 1), 10_000, 0)).hasMessageContaining("--concurrency");
    assertThatThrownBy(() -> SqlBenchReport.checkArguments(10, List.of(), 10_000, 0)).hasMessageContaining("--concurrency");
    assertThatThrownBy(() -> SqlBenchReport.checkArguments(10, List.of(1), 99, 0)).hasMessageContaining("--rows");
    assertThatThrownBy(() -> SqlBenchReport.checkArguments(10, List.of(1), 10_000, -1)).hasMessageContaining("--warmup-seconds");
  }

  @Test
  void badArgumentsFailBeforeTouchingAnyCluster() {
    assertThat(Main.run("bench-sql", "--url", "jdbc:meridian://127.0.0.1:1", "--rows", "5")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(Main.run("bench-sql", "--url", "jdbc:postgresql://127.0.0.1:1")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(Main.run("bench-sql", "--seconds", "many")).isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void aMissingClusterIsAClearFailure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new MeridianCommand());
    cli.setErr(new java.io.PrintWriter(err));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> Main.failure(e, commandLine.getErr()));
    assertThat(cli.execute("bench-sql", "--dir", dir.resolve("none").toString())).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString()).startsWith("meridian: no cluster found in");
  }

  @Test
  void urlsListTheClusterAndGiveBackItsHosts() {
    List<NodeAddress> nodes = List.of(new NodeAddress("127.0.0.1", 7701), new NodeAddress("127.0.0.1", 7702));
    String url = SqlBenchReport.jdbcUrl(nodes);
    assertThat(url).isEqualTo("jdbc:meridian://127.0.0.1:7701,127.0.0.1:7702?connectTimeout=" + SqlBenchReport.CONNECT_TIMEOUT_SECONDS);
    assertThat(SqlBenchReport.hostsOf(url)).isEqualTo(nodes);
    assertThat(SqlBenchReport.hostsOf("JDBC:MERIDIAN://h:1/default?connectTimeout=5")).containsExactly(new NodeAddress("h", 1));
    assertThat(SqlBenchReport.hostsOf("jdbc:meridian://h:1?x=/y")).containsExactly(new NodeAddress("h", 1));
    assertThatThrownBy(() -> SqlBenchReport.hostsOf("jdbc:meridian://h")).isInstanceOf(UserException.class).hasMessageContaining("host:port");
    assertThatThrownBy(() -> SqlBenchReport.hostsOf("jdbc:meridian://h:1,")).isInstanceOf(UserException.class);
  }

  @Test
  void aLinePutsJdbcAndNativeSideBySideWithTheRatioOfTheirMedians() {
    Measurement jdbc = new Measurement(2_500, 10_000, 42_000, 390.4, 0, "");
    Measurement nativePath = new Measurement(1_000, 4_000, 15_500, 980.6, 2, "read at node x: busy");
    String line = SqlBenchReport.line("point select", 16, jdbc, nativePath);
    assertThat(line).startsWith("point select  16        | 2.500     10.00    42.0     390      | 1.000      4.00     15.5     981      | 2.50x");
    assertThat(line).endsWith(" (native: 2 failed, first: read at node x: busy)");
    assertThat(SqlBenchReport.line("range scan", 1, jdbc, new Measurement(0, 0, 0, 0, 5, "down"))).contains("| -");
    // The header's columns line up with the lines'.
    String[] header = SqlBenchReport.header().split(System.lineSeparator());
    assertThat(header[0].indexOf("NATIVE P50")).isEqualTo(line.indexOf("1.000"));
    assertThat(header[0].indexOf("P50 JDBC/NATIVE")).isEqualTo(line.indexOf("2.50x"));
    assertThat(header[1].indexOf("ms")).isEqualTo(line.indexOf("2.500"));
  }

  @Test
  void aBreakdownLineGivesTheMediansAndTheFailures() {
    assertThat(SqlBenchReport.breakdownLine("JDBC SELECT 1", new Measurement(1_234, 5_000, 20_000, 700, 0, "")))
        .matches("  JDBC SELECT 1 +p50 1\\.234 ms, p99 5\\.000 ms, max 20\\.0 ms");
    assertThat(SqlBenchReport.breakdownLine("x", new Measurement(1, 1, 1, 1, 3, "boom"))).endsWith(" (3 failed, first: boom)");
  }

  @Test
  void theInsertOfALoadBatchListsItsRows() {
    String pad = SqlBenchCommand.PAD;
    assertThat(SqlBenchCommand.insertStatement(3, 5))
        .isEqualTo("INSERT INTO bench_sql (id, v, pad) VALUES (3, 0, '" + pad + "'), (4, 0, '" + pad + "')");
  }

  @Test
  void theNativeWriteKeyIsAUserKeyNextToTheRowsThatEndsWithTheRowsPrimaryKey() {
    TableDef table = new TableDef(7, "bench_sql",
        List.of(new ColumnDef(1, "id", Type.INT64, false), new ColumnDef(2, "v", Type.INT64, true), new ColumnDef(3, "pad", Type.STRING, true)),
        List.of("id"), List.of(), 1, 4);
    byte[] row = SqlBenchPaths.rowKey(table, 42);
    byte[] shadow = SqlBenchPaths.nativeWriteKey(table, row);
    assertThat(Keys.isReserved(row)).isTrue();
    assertThat(Keys.isReserved(shadow)).as("the node lets the native client write it").isFalse();
    byte[] pk = java.util.Arrays.copyOfRange(row, SqlKeys.indexPrefix(7, 0).length, row.length);
    assertThat(java.util.Arrays.copyOfRange(shadow, shadow.length - pk.length, shadow.length)).isEqualTo(pk);
    // In a cluster whose ranges are cut by first byte, rows, catalog and shadow keys share group 1.
    List<RangeDescriptor> ranges = List.of(
        RangeDescriptor.newBuilder().setStartKey(ByteString.EMPTY).setEndKey(ByteString.copyFrom(new byte[] {0x40})).setGroupId(1).build(),
        RangeDescriptor.newBuilder().setStartKey(ByteString.copyFrom(new byte[] {0x40})).setEndUnbounded(true).setGroupId(2).build());
    assertThat(SqlBenchCommand.groupOf(ranges, row)).isEqualTo(1);
    assertThat(SqlBenchCommand.groupOf(ranges, shadow)).isEqualTo(1);
    assertThat(SqlBenchCommand.groupOf(ranges, SqlKeys.catalogStart())).isEqualTo(1);
    assertThat(SqlBenchCommand.groupOf(ranges, new byte[] {(byte) 0x90})).isEqualTo(2);
  }
}

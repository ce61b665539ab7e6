package meridian.server.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
  private static ResultSet users() {
    return FakeJdbc.rows(
        List.of("id", "name", "photo"), List.of(Types.BIGINT, Types.VARCHAR, Types.VARBINARY),
        FakeJdbc.table(new Object[] {1L, "alice", new byte[] {0x0a, (byte) 0xff}}, new Object[] {2L, null, null}));
  }

  private static String print(ResultPrinter printer, ResultSet rows) throws SQLException {
    StringWriter text = new StringWriter();
    try (PrintWriter out = new PrintWriter(text)) {
      printer.print(rows, out);
    }
    return text.toString().replace(System.lineSeparator(), "\n");
  }

  @Test
  void aTableEndsWithTheRowCount() throws SQLException {
    ResultPrinter printer = new ResultPrinter(OutputFormat.TABLE, false, 100, () -> 0);
    assertThat(print(printer, users())).isEqualTo("""
         id | name  | photo
        ----+-------+--------
          1 | alice | \\x0aff
          2 | NULL  | NULL
        (2 rows)
        """);
  }

  @Test
  void anEmptyResultStillHasItsHeader() throws SQLException {
    ResultSet none = FakeJdbc.rows(List.of("n"), List.of(Types.BIGINT), List.of());
    assertThat(print(new ResultPrinter(OutputFormat.TABLE, false, 100, () -> 0), none)).isEqualTo(" n\n---\n(0 rows)\n");
    ResultSet one = FakeJdbc.rows(List.of("n"), List.of(Types.BIGINT), FakeJdbc.table(new Object[] {7L}));
    assertThat(print(new ResultPrinter(OutputFormat.TABLE, false, 100, () -> 0), one)).endsWith("(1 row)\n");
  }

  @Test
  void aLongResultPrintsAsSeveralTablesWithOneCount() throws SQLException {
    ResultSet five = FakeJdbc.rows(List.of("n"), List.of(Types.BIGINT),
        FakeJdbc.table(new Object[] {1L}, new Object[] {2L}, new Object[] {3L}, new Object[] {4L}, new Object[] {100L}));
    assertThat(print(new ResultPrinter(OutputFormat.TABLE, false, 2, () -> 0), five)).isEqualTo("""
         n
        ---
         1
         2
         n
        ---
         3
         4
          n
        -----
         100
        (5 rows)
        """);
  }

  @Test
  void expandedRecordsAreNumberedAcrossBatches() throws SQLException {
    ResultSet three = FakeJdbc.rows(List.of("n"), List.of(Types.BIGINT),
        FakeJdbc.table(new Object[] {1L}, new Object[] {2L}, new Object[] {3L}));
    assertThat(print(new ResultPrinter(OutputFormat.TABLE, true, 2, () -> 0), three))
        .contains("-[ RECORD 1 ]", "-[ RECORD 2 ]", "-[ RECORD 3 ]\nn | 3\n(3 rows)");
  }

  @Test
  void csvAndTsvPrintEveryValueWholeWithoutACount() throws SQLException {
    assertThat(print(new ResultPrinter(OutputFormat.CSV, false, 100, () -> 0), users()))
        .isEqualTo("id,name,photo\n1,alice,\\x0aff\n2,,\n");
    assertThat(print(new ResultPrinter(OutputFormat.TSV, false, 100, () -> 0), users()))
        .isEqualTo("id\tname\tphoto\n1\talice\t\\\\x0aff\n2\t\\N\t\\N\n");
  }

  @Test
  void fetchTimeCountsOnlyReadingRows() throws SQLException {
    long[] clock = {0};
    ResultPrinter printer = new ResultPrinter(OutputFormat.CSV, false, 100, () -> clock[0] += 1_000);
    ResultPrinter.Printed printed = printer.print(users(), new PrintWriter(new StringWriter()));
    assertThat(printed.rows()).isEqualTo(2);
    assertThat(printed.fetchNanos()).as("three next() calls, 1 us each").isEqualTo(3_000);
  }
}

package meridian.server.shell;

import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Prints a statement's rows in the chosen format: every row the server returns (the server bounds
 * them), with memory bounded here too. CSV and TSV stream row by row. A table needs its rows before
 * it can align them, so it holds at most {@code tableBatchRows} at a time; a longer result prints
 * as several tables, each with its header, and one row count at the end.
 */
final class ResultPrinter {
  /** Rows a table aligns together; with the cell width limit this bounds the memory a result takes. */
  static final int TABLE_BATCH_ROWS = 10_000;

  /** How many rows were printed, and the time spent fetching them (not printing). */
  record Printed(long rows, long fetchNanos) {}

  private final OutputFormat format;
  private final boolean expanded;
  private final int tableBatchRows;
  private final LongSupplier nanoClock;

  ResultPrinter(OutputFormat format, boolean expanded, int tableBatchRows, LongSupplier nanoClock) {
    if (tableBatchRows < 1) {
      throw new IllegalArgumentException("tableBatchRows must be positive: " + tableBatchRows);
    }
    this.format = format;
    this.expanded = expanded;
    this.tableBatchRows = tableBatchRows;
    this.nanoClock = nanoClock;
  }

  Printed print(ResultSet rows, PrintWriter out) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int n = meta.getColumnCount();
    List<Column> columns = new ArrayList<>(n);
    int[] types = new int[n];
    for (int c = 0; c < n; c++) {
      types[c] = meta.getColumnType(c + 1);
      columns.add(new Column(meta.getColumnLabel(c + 1), CellText.isNumeric(types[c])));
    }
    DelimitedFormatter delimited = format == OutputFormat.TABLE ? null : new DelimitedFormatter(format);
    if (delimited != null) {
      delimited.printHeader(columns, out);
    }
    long count = 0;
    long fetchNanos = 0;
    List<String[]> batch = new ArrayList<>();
    while (true) {
      long before = nanoClock.getAsLong();
      boolean more = rows.next();
      String[] row = more ? readRow(rows, types, delimited == null) : null;
      fetchNanos += nanoClock.getAsLong() - before;
      if (!more) {
        break;
      }
      if (delimited != null) {
        delimited.printRow(row, out);
      } else {
        batch.add(row);
        if (batch.size() == tableBatchRows) {
          printTable(columns, batch, count - batch.size() + 2, out);
          batch.clear();
        }
      }
      count++;
    }
    if (delimited == null) {
      if (!batch.isEmpty() || count == 0) {
        printTable(columns, batch, count - batch.size() + 1, out);
      }
      out.println(rowCount(count));
    }
    return new Printed(count, fetchNanos);
  }

  /** Prints rows the shell made itself (the answers of backslash commands), with a row count in table format. */
  void print(List<Column> columns, List<String[]> rows, PrintWriter out) {
    if (format == OutputFormat.TABLE) {
      printTable(columns, rows, 1, out);
      out.println(rowCount(rows.size()));
      return;
    }
    DelimitedFormatter delimited = new DelimitedFormatter(format);
    delimited.printHeader(columns, out);
    rows.forEach(row -> delimited.printRow(row, out));
  }

  private void printTable(List<Column> columns, List<String[]> rows, long firstRecord, PrintWriter out) {
    TableFormatter table = new TableFormatter();
    if (expanded) {
      table.printExpanded(columns, rows, firstRecord, out);
    } else {
      table.print(columns, rows, out);
    }
  }

  /** A row's values; for a table already cut to what it shows, so a held batch stays small. */
  private String[] readRow(ResultSet rows, int[] types, boolean forTable) throws SQLException {
    int widthMax = expanded ? TableFormatter.RECORD_VALUE_WIDTH_MAX : TableFormatter.CELL_WIDTH_MAX;
    String[] row = new String[types.length];
    for (int c = 0; c < types.length; c++) {
      String value = CellText.read(rows, c + 1, types[c]);
      row[c] = forTable && value != null ? CellText.fit(value, widthMax) : value;
    }
    return row;
  }

  static String rowCount(long rows) {
    return "(" + rows + (rows == 1 ? " row)" : " rows)");
  }
}

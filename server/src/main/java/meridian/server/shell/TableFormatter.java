package meridian.server.shell;

import java.io.PrintWriter;
import java.util.List;

/**
 * Rows as text for people: aligned columns under a centred header (as psql prints them), or one
 * record at a time with a line per column. SQL NULL shows as {@code NULL}; a value wider than the
 * limit is cut and ends in {@code ...} (csv and tsv print values whole).
 */
final class TableFormatter {
  /** Widest a value shows in a table, in terminal columns. */
  static final int CELL_WIDTH_MAX = 60;
  /** Widest a value shows in a record (expanded display), where long values are what one looks at. */
  static final int RECORD_VALUE_WIDTH_MAX = 1000;
  static final String NULL_TEXT = "NULL";

  private final int cellWidthMax;

  TableFormatter() {
    this(CELL_WIDTH_MAX);
  }

  TableFormatter(int cellWidthMax) {
    if (cellWidthMax < 4) {
      throw new IllegalArgumentException("cellWidthMax must leave room for '...': " + cellWidthMax);
    }
    this.cellWidthMax = cellWidthMax;
  }

  /** The header, a rule, and one line per row; no row count. */
  void print(List<Column> columns, List<String[]> rows, PrintWriter out) {
    int n = columns.size();
    int[] widths = new int[n];
    String[] header = new String[n];
    for (int c = 0; c < n; c++) {
      header[c] = CellText.fit(columns.get(c).label(), cellWidthMax);
      widths[c] = CellText.width(header[c]);
    }
    String[][] cells = new String[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      cells[r] = new String[n];
      for (int c = 0; c < n; c++) {
        cells[r][c] = row[c] == null ? NULL_TEXT : CellText.fit(row[c], cellWidthMax);
        widths[c] = Math.max(widths[c], CellText.width(cells[r][c]));
      }
    }
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < n; c++) {
      int left = (widths[c] - CellText.width(header[c])) / 2;
      appendCell(line, c, " ".repeat(left) + header[c], widths[c], false);
    }
    out.println(line.toString().stripTrailing());
    line.setLength(0);
    for (int c = 0; c < n; c++) {
      line.append(c == 0 ? "" : "+").append("-".repeat(widths[c] + 2));
    }
    out.println(line);
    for (String[] row : cells) {
      line.setLength(0);
      for (int c = 0; c < n; c++) {
        appendCell(line, c, row[c], widths[c], columns.get(c).numeric());
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** Each row as {@code -[ RECORD n ]} and a {@code label | value} line per column. */
  void printExpanded(List<Column> columns, List<String[]> rows, long firstRecord, PrintWriter out) {
    int labelWidth = 0;
    for (Column column : columns) {
      labelWidth = Math.max(labelWidth, CellText.width(CellText.fit(column.label(), cellWidthMax)));
    }
    long record = firstRecord;
    for (String[] row : rows) {
      out.println("-[ RECORD " + record++ + " ]" + "-".repeat(Math.max(0, labelWidth - 9)));
      for (int c = 0; c < columns.size(); c++) {
        String label = CellText.fit(columns.get(c).label(), cellWidthMax);
        String value = row[c] == null ? NULL_TEXT : CellText.fit(row[c], RECORD_VALUE_WIDTH_MAX);
        out.println((label + " ".repeat(labelWidth - CellText.width(label)) + " | " + value).stripTrailing());
      }
    }
  }

  private static void appendCell(StringBuilder line, int index, String text, int width, boolean alignRight) {
    String padding = " ".repeat(Math.max(0, width - CellText.width(text)));
    line.append(index == 0 ? " " : " | ");
    line.append(alignRight ? padding + text : text + padding);
  }
}

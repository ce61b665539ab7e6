package meridian.server.shell;

import java.io.PrintWriter;
import java.util.List;

/**
 * Rows as text for programs, whole and one line per row: CSV (RFC 4180) or TSV (the escapes of
 * PostgreSQL's text COPY format). Each statement's rows start with a header line.
 */
final class DelimitedFormatter {
  private final OutputFormat format;

  DelimitedFormatter(OutputFormat format) {
    if (format == OutputFormat.TABLE) {
      throw new IllegalArgumentException("not a delimited format: " + format);
    }
    this.format = format;
  }

  void printHeader(List<Column> columns, PrintWriter out) {
    String[] labels = columns.stream().map(Column::label).toArray(String[]::new);
    printRow(labels, out);
  }

  void printRow(String[] values, PrintWriter out) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < values.length; c++) {
      if (c > 0) {
        line.append(format == OutputFormat.CSV ? ',' : '\t');
      }
      line.append(format == OutputFormat.CSV ? csv(values[c]) : tsv(values[c]));
    }
    out.println(line);
  }

  /** NULL is an empty field; an empty string is {@code ""}, so the two stay apart. */
  static String csv(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  /** NULL is {@code \N}; backslash, tab, newline and carriage return are escaped with a backslash. */
  static String tsv(String value) {
    if (value == null) {
      return "\\N";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}

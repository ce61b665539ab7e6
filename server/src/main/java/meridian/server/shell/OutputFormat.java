package meridian.server.shell;

import java.util.Locale;

/** How result rows are printed. */
public enum OutputFormat {
  /** Aligned columns with a header and a row count, for people; long values are cut. */
  TABLE,
  /** RFC 4180 comma-separated values with a header row; NULL is an empty field, '' is {@code ""}. */
  CSV,
  /** Tab-separated values with a header row; tab, newline and backslash escaped, NULL is {@code \N}. */
  TSV;

  /** Parses {@code table}, {@code csv} or {@code tsv} in any case. */
  public static OutputFormat parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "table" -> TABLE;
      case "csv" -> CSV;
      case "tsv" -> TSV;
      default -> throw new IllegalArgumentException("'" + text + "' is not a format (table, csv or tsv)");
    };
  }
}

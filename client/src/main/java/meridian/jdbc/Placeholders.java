package meridian.jdbc;

/**
 * Counts a statement's {@code ?} parameters, skipping those inside string literals ('...',
 * with '' as a quote), quoted identifiers ("..." and `...`) and comments (-- to the end of the
 * line, and /* ... *&#47;). The server parses the statement for real; the driver only needs the
 * count, to check that every parameter is set before sending.
 */
final class Placeholders {
  /** Parameters in one statement at most. */
  static final int PARAMETERS_MAX = 65_535;

  private Placeholders() {}

  static int count(String sql) {
    int count = 0;
    int i = 0;
    int length = sql.length();
    while (i < length) {
      char c = sql.charAt(i);
      switch (c) {
        case '\'', '"', '`' -> i = skipQuoted(sql, i, c);
        case '-' -> i = i + 1 < length && sql.charAt(i + 1) == '-' ? lineEnd(sql, i) : i + 1;
        case '/' -> i = i + 1 < length && sql.charAt(i + 1) == '*' ? commentEnd(sql, i) : i + 1;
        case '?' -> {
          count++;
          i++;
        }
        default -> i++;
      }
    }
    return count;
  }

  /** The index after the quoted run that starts at {@code start}; a doubled quote stays inside. */
  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return i;
  }

  private static int lineEnd(String sql, int start) {
    int newline = sql.indexOf('\n', start);
    return newline < 0 ? sql.length() : newline + 1;
  }

  private static int commentEnd(String sql, int start) {
    int end = sql.indexOf("*/", start + 2);
    return end < 0 ? sql.length() : end + 2;
  }
}

package meridian.jdbc;

import java.util.Locale;

/**
 * What a statement is to the driver, from its leading keywords only (the server parses it for
 * real). It decides whether a lazy BEGIN goes first, whether an interrupted call may have
 * committed, and which statements the connection runs itself (COMMIT and ROLLBACK, so that a
 * commit typed as SQL gets the same abort retry and unknown-outcome handling as {@code commit()}).
 */
enum StatementKind {
  /** Returns rows and writes nothing: SELECT, WITH, EXPLAIN, SHOW, VALUES. */
  QUERY,
  /** DML: changes rows. */
  WRITE,
  /** CREATE, ALTER, DROP, TRUNCATE, GRANT...: schema changes, run on their own, never inside a lazily begun transaction. */
  DDL,
  BEGIN,
  COMMIT,
  ROLLBACK,
  /** {@code SET TRANSACTION ...}: belongs to the transaction it starts. */
  SET_TRANSACTION,
  /** {@code SET name = value}: a session setting, applied again on a new session after failover. */
  SET_SESSION;

  static StatementKind of(String sql) {
    String first = keyword(sql, 0);
    return switch (first) {
      case "SELECT", "WITH", "EXPLAIN", "SHOW", "VALUES", "DESCRIBE", "(" -> QUERY;
      case "INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT", "REPLACE" -> WRITE;
      case "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "GRANT", "REVOKE", "ANALYZE" -> DDL;
      case "BEGIN" -> BEGIN;
      case "START" -> keyword(sql, 1).equals("TRANSACTION") ? BEGIN : WRITE;
      case "COMMIT", "END" -> COMMIT;
      case "ROLLBACK", "ABORT" -> keyword(sql, 1).equals("TO") ? WRITE : ROLLBACK;
      case "SET" -> keyword(sql, 1).equals("TRANSACTION") ? SET_TRANSACTION : SET_SESSION;
      default -> WRITE;
    };
  }

  /**
   * The {@code n}th keyword (0-based) in upper case, skipping whitespace and comments; "(" for a
   * parenthesis, "" when there is none.
   */
  static String keyword(String sql, int n) {
    int i = 0;
    int found = 0;
    int length = sql.length();
    while (i < length) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
        int newline = sql.indexOf('\n', i);
        i = newline < 0 ? length : newline + 1;
      } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? length : end + 2;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        if (found++ == n) {
          return sql.substring(start, i).toUpperCase(Locale.ROOT);
        }
      } else {
        if (found++ == n) {
          return c == '(' ? "(" : String.valueOf(c);
        }
        i++;
      }
    }
    return "";
  }

  /** The variable a {@code SET name ...} statement sets, upper case, for remembering the last value of each. */
  static String settingName(String sql) {
    return keyword(sql, 1);
  }
}

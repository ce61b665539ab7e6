package meridian.server.shell;

import java.util.Locale;

/**
 * What a statement is, from its first words: enough to name an update count ({@code INSERT 3}) and
 * to follow the transactions the shell itself opens and ends. The text comes from {@link
 * StatementSplitter}, so it starts at its first keyword (no blanks or comments before it).
 */
enum StatementKind {
  BEGIN,
  COMMIT,
  ROLLBACK,
  INSERT,
  UPDATE,
  DELETE,
  OTHER;

  static StatementKind of(String sql) {
    String[] words = sql.strip().toUpperCase(Locale.ROOT).split("\\s+", 3);
    String second = words.length > 1 ? words[1] : "";
    return switch (words[0]) {
      case "BEGIN" -> BEGIN;
      case "START" -> second.equals("TRANSACTION") ? BEGIN : OTHER;
      case "COMMIT", "END" -> COMMIT;
      // ROLLBACK TO SAVEPOINT keeps the transaction open.
      case "ROLLBACK", "ABORT" -> second.equals("TO") ? OTHER : ROLLBACK;
      case "INSERT" -> INSERT;
      case "UPDATE" -> UPDATE;
      case "DELETE" -> DELETE;
      default -> OTHER;
    };
  }

  /** The line the shell prints for a statement that returned no rows. */
  String tag(long updateCount) {
    return switch (this) {
      case INSERT, UPDATE, DELETE -> name() + " " + Math.max(0, updateCount);
      case BEGIN, COMMIT, ROLLBACK -> name();
      case OTHER -> "OK";
    };
  }
}

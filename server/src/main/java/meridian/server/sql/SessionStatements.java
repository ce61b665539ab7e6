package meridian.server.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Statements no standard grammar has, recognized by their leading keywords before the parser
 * sees anything (as Spanner's JDBC driver does for its client-side statements).
 */
final class SessionStatements {
  private SessionStatements() {}

  sealed interface Recognized {}

  record Begin(Boolean readOnly) implements Recognized {}

  record Commit() implements Recognized {}

  record Rollback() implements Recognized {}

  record SetTransaction(boolean readOnly) implements Recognized {}

  record SetReadOnly(boolean readOnly) implements Recognized {}

  record SetStaleness(String value) implements Recognized {}

  record ShowVariable(String name) implements Recognized {}

  record ShowTables() implements Recognized {}

  record SplitAt(String table, String valuesList) implements Recognized {}

  record Explain(String statement) implements Recognized {}

  /** {@code INSERT OR UPDATE ...} as the plain INSERT it is parsed as, with the upsert flag. */
  record Upsert(String insert) implements Recognized {}

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern BEGIN = Pattern.compile("(?:BEGIN|START)(?:\\s+(?:TRANSACTION|WORK))?(?:\\s+READ\\s+(ONLY|WRITE))?", FLAGS);
  private static final Pattern COMMIT = Pattern.compile("(?:COMMIT|END)(?:\\s+(?:TRANSACTION|WORK))?", FLAGS);
  private static final Pattern ROLLBACK = Pattern.compile("(?:ROLLBACK|ABORT)(?:\\s+(?:TRANSACTION|WORK))?", FLAGS);
  private static final Pattern SET_TRANSACTION = Pattern.compile("SET\\s+TRANSACTION\\s+READ\\s+(ONLY|WRITE)", FLAGS);
  private static final Pattern SET_READ_ONLY = Pattern.compile("SET\\s+READ_ONLY\\s*(?:=|\\s+TO\\s+)\\s*(TRUE|FALSE|ON|OFF)", FLAGS);
  private static final Pattern SET_STALENESS = Pattern.compile("SET\\s+READ_ONLY_STALENESS\\s*(?:=|\\s+TO\\s+)\\s*'([^']*)'", FLAGS);
  private static final Pattern SHOW_VARIABLE = Pattern.compile("SHOW\\s+VARIABLE\\s+(\\w+)", FLAGS);
  private static final Pattern SHOW_TABLES = Pattern.compile("SHOW\\s+TABLES", FLAGS);
  private static final Pattern SPLIT_AT = Pattern.compile("ALTER\\s+TABLE\\s+(\"[^\"]+\"|\\w+)\\s+SPLIT\\s+AT\\s+VALUES\\s+(.+)", FLAGS);
  private static final Pattern EXPLAIN = Pattern.compile("EXPLAIN\\s+(.+)", FLAGS);
  private static final Pattern UPSERT = Pattern.compile("INSERT\\s+OR\\s+UPDATE\\s+(.+)", FLAGS);

  /** The statement if it is one of these, else null (a standard statement for the parser). */
  static Recognized recognize(String sql) {
    Matcher m;
    if ((m = BEGIN.matcher(sql)).matches()) {
      return new Begin(m.group(1) == null ? null : m.group(1).equalsIgnoreCase("ONLY"));
    }
    if (COMMIT.matcher(sql).matches()) {
      return new Commit();
    }
    if (ROLLBACK.matcher(sql).matches()) {
      return new Rollback();
    }
    if ((m = SET_TRANSACTION.matcher(sql)).matches()) {
      return new SetTransaction(m.group(1).equalsIgnoreCase("ONLY"));
    }
    if ((m = SET_READ_ONLY.matcher(sql)).matches()) {
      String v = m.group(1).toUpperCase(Locale.ROOT);
      return new SetReadOnly(v.equals("TRUE") || v.equals("ON"));
    }
    if ((m = SET_STALENESS.matcher(sql)).matches()) {
      return new SetStaleness(m.group(1));
    }
    if ((m = SHOW_VARIABLE.matcher(sql)).matches()) {
      return new ShowVariable(m.group(1).toUpperCase(Locale.ROOT));
    }
    if (SHOW_TABLES.matcher(sql).matches()) {
      return new ShowTables();
    }
    if ((m = SPLIT_AT.matcher(sql)).matches()) {
      return new SplitAt(m.group(1), m.group(2));
    }
    if ((m = EXPLAIN.matcher(sql)).matches()) {
      return new Explain(m.group(1));
    }
    if ((m = UPSERT.matcher(sql)).matches()) {
      return new Upsert("INSERT " + m.group(1));
    }
    return null;
  }
}

package meridian.server.sql.expr;

import net.sf.jsqlparser.expression.Function;

/** Resolves what an expression refers to while it is evaluated over one row (or one group). */
public interface Scope {
  /**
   * The value of column {@code column} (table qualifier {@code table}, null when unqualified). Both
   * names arrive lower-cased and without quotes. Throws SqlError 42703 (unknown) or 42702
   * (ambiguous).
   */
  Object column(String table, String column);

  /**
   * The value of an aggregate call (COUNT/SUM/MIN/MAX/AVG), computed by the executor for the
   * current group. Throws SqlError 42803 where aggregates are not allowed.
   */
  Object aggregate(Function call);
}

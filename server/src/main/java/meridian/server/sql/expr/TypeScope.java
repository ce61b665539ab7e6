package meridian.server.sql.expr;

import meridian.server.sql.Type;

/** Static types, for result metadata. */
public interface TypeScope {
  /** The type of a column; names as in {@link Scope#column}. Throws SqlError 42703/42702 like Scope. */
  Type column(String table, String column);
}

package meridian.server.sql;

/** A column: its id (never reused in its table), name (lower case), type and nullability. */
public record ColumnDef(int id, String name, Type type, boolean nullable) {}

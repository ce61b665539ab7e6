package meridian.server.sql;

/** The bounds every statement and session lives within (package docs, "Limits"). */
public final class Limits {
  /** Characters in one statement's text. */
  public static final int STATEMENT_CHARS_MAX = 1_000_000;
  /** Rows a statement may read from storage, write, or return. */
  public static final int ROWS_MAX = 100_000;
  /** Parameters of one statement. */
  public static final int PARAMETERS_MAX = 10_000;
  /** Open sessions per node. */
  public static final int SESSIONS_MAX = 4_096;
  /** A session nobody used for this long is closed (its transaction rolled back). */
  public static final long SESSION_IDLE_MILLIS = 10 * 60_000;
  /** A statement's time limit when its client sets none. */
  public static final long STATEMENT_TIMEOUT_MILLIS_DEFAULT = 60_000;
  /** Bytes of one STRING or BYTES value. */
  public static final int VALUE_BYTES_MAX = 1024 * 1024;
  /** Columns per table, tables per catalog, indexes per table. */
  public static final int COLUMNS_MAX = 1_024;
  public static final int TABLES_MAX = 10_000;
  public static final int INDEXES_MAX = 64;
  /** Rows per backfill transaction of CREATE INDEX. */
  public static final int BACKFILL_BATCH_ROWS = 500;
  /** Rows a storage scan asks for at once. */
  public static final int SCAN_PAGE_ROWS = 1_000;
  /** Identifier length. */
  public static final int NAME_CHARS_MAX = 128;

  private Limits() {}
}

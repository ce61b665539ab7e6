package meridian.server.sql;

/**
 * A statement failed in a way its user should hear about: the message is one line for people, the
 * SQLState says what kind of failure it is (the JDBC driver maps it to the matching {@code
 * SQLException} subclass). Nothing it interrupted was written.
 */
public final class SqlError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final String SYNTAX = "42601";
  public static final String UNDEFINED_TABLE = "42P01";
  public static final String UNDEFINED_COLUMN = "42703";
  public static final String UNDEFINED_OBJECT = "42704";
  public static final String DUPLICATE_TABLE = "42P07";
  public static final String DUPLICATE_COLUMN = "42701";
  public static final String DUPLICATE_OBJECT = "42710";
  public static final String AMBIGUOUS_COLUMN = "42702";
  public static final String DATATYPE_MISMATCH = "42804";
  public static final String GROUPING = "42803";
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  public static final String INVALID_PARAMETER = "22023";
  public static final String NUMERIC_OUT_OF_RANGE = "22003";
  public static final String DIVISION_BY_ZERO = "22012";
  public static final String INVALID_TEXT = "22P02";
  public static final String INVALID_DATETIME = "22007";
  public static final String STRING_TOO_LONG = "22001";
  public static final String NOT_NULL_VIOLATION = "23502";
  public static final String UNIQUE_VIOLATION = "23505";
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String OUTCOME_UNKNOWN = "40003";
  public static final String INVALID_TRANSACTION_STATE = "25000";
  public static final String READ_ONLY_TRANSACTION = "25006";
  public static final String IN_FAILED_TRANSACTION = "25P02";
  public static final String PROGRAM_LIMIT = "54000";
  public static final String QUERY_CANCELED = "57014";
  public static final String CONNECTION_FAILURE = "08006";
  public static final String INTERNAL = "XX000";
  // Expression evaluation (meridian.server.sql.expr).
  public static final String UNDEFINED_FUNCTION = "42883";
  public static final String NO_PARAMETER_VALUE = "07001";
  public static final String INVALID_ESCAPE = "22025";
  public static final String SUBSTRING_ERROR = "22011";
  public static final String DATETIME_OUT_OF_RANGE = "22008";

  private final String sqlState;

  public SqlError(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  public SqlError(String sqlState, String message, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  public String sqlState() {
    return sqlState;
  }
}

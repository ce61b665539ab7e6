package meridian.jdbc;

import java.sql.Types;
import java.util.List;
import java.util.Locale;
import meridian.proto.v1.SqlType;

/**
 * What JDBC says about each Meridian type: its {@link Types} code, Java class, precision and
 * display size. The names are Meridian's own ({@code INT64}, {@code STRING}, ...), as the server's
 * information schema spells them.
 */
final class SqlTypes {
  /** The eight types. */
  static final List<SqlType> ALL = List.of(
      SqlType.BOOL, SqlType.INT64, SqlType.NUMERIC, SqlType.FLOAT64,
      SqlType.STRING, SqlType.DATE, SqlType.TIMESTAMP, SqlType.BYTES);

  /** Spanner's limits: STRING(MAX) holds 2,621,440 characters, BYTES(MAX) 10 MiB. */
  static final int STRING_CHARS_MAX = 2_621_440;
  static final int BYTES_MAX = 10 * 1024 * 1024;
  static final int NUMERIC_PRECISION = 38;
  static final int NUMERIC_SCALE = 9;

  private SqlTypes() {}

  static int jdbcType(SqlType type) {
    return switch (type) {
      case INT64 -> Types.BIGINT;
      case FLOAT64 -> Types.DOUBLE;
      case BOOL -> Types.BOOLEAN;
      case STRING -> Types.VARCHAR;
      case BYTES -> Types.VARBINARY;
      case DATE -> Types.DATE;
      case TIMESTAMP -> Types.TIMESTAMP;
      case NUMERIC -> Types.NUMERIC;
      case SQL_TYPE_UNSPECIFIED, UNRECOGNIZED -> Types.OTHER;
    };
  }

  static String name(SqlType type) {
    return type == SqlType.SQL_TYPE_UNSPECIFIED || type == SqlType.UNRECOGNIZED ? "UNKNOWN" : type.name();
  }

  /** The class {@code getObject} returns for the type. */
  static String className(SqlType type) {
    return switch (type) {
      case INT64 -> Long.class.getName();
      case FLOAT64 -> Double.class.getName();
      case BOOL -> Boolean.class.getName();
      case STRING -> String.class.getName();
      case BYTES -> byte[].class.getName();
      case DATE -> java.sql.Date.class.getName();
      case TIMESTAMP -> java.sql.Timestamp.class.getName();
      case NUMERIC -> java.math.BigDecimal.class.getName();
      case SQL_TYPE_UNSPECIFIED, UNRECOGNIZED -> Object.class.getName();
    };
  }

  /** JDBC's "column size": digits for numbers, characters for text and dates, bytes for BYTES. */
  static int precision(SqlType type) {
    return switch (type) {
      case INT64 -> 19;
      case FLOAT64 -> 15;
      case BOOL -> 1;
      case STRING -> STRING_CHARS_MAX;
      case BYTES -> BYTES_MAX;
      case DATE -> 10;
      // 2024-01-02T03:04:05.123456Z
      case TIMESTAMP -> 27;
      case NUMERIC -> NUMERIC_PRECISION;
      case SQL_TYPE_UNSPECIFIED, UNRECOGNIZED -> 0;
    };
  }

  static int scale(SqlType type) {
    return type == SqlType.NUMERIC ? NUMERIC_SCALE : 0;
  }

  /** Characters a value needs at most when printed by {@code getString}. */
  static int displaySize(SqlType type) {
    return switch (type) {
      case INT64 -> 20;
      case FLOAT64 -> 24;
      case BOOL -> 5;
      // sign, 29 digits, point, 9 digits
      case NUMERIC -> 40;
      // base64 of BYTES_MAX
      case BYTES -> (BYTES_MAX + 2) / 3 * 4;
      default -> precision(type);
    };
  }

  static boolean isSigned(SqlType type) {
    return type == SqlType.INT64 || type == SqlType.FLOAT64 || type == SqlType.NUMERIC;
  }

  static boolean isCaseSensitive(SqlType type) {
    return type == SqlType.STRING || type == SqlType.BYTES;
  }

  /**
   * The type the information schema names {@code dataType} ({@code INT64}, {@code STRING(20)},
   * or a synonym as DDL accepts it), or SQL_TYPE_UNSPECIFIED for a name this driver does not know.
   */
  static SqlType parse(String dataType) {
    String base = dataType == null ? "" : dataType.trim().toUpperCase(Locale.ROOT);
    int paren = base.indexOf('(');
    if (paren >= 0) {
      base = base.substring(0, paren).trim();
    }
    return switch (base) {
      case "INT64", "BIGINT", "INT", "INTEGER", "SMALLINT", "TINYINT" -> SqlType.INT64;
      case "FLOAT64", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "REAL" -> SqlType.FLOAT64;
      case "BOOL", "BOOLEAN" -> SqlType.BOOL;
      case "STRING", "VARCHAR", "CHAR", "TEXT", "CHARACTER VARYING", "CHARACTER" -> SqlType.STRING;
      case "BYTES", "VARBINARY", "BINARY", "BLOB", "BYTEA" -> SqlType.BYTES;
      case "DATE" -> SqlType.DATE;
      case "TIMESTAMP", "TIMESTAMPTZ", "DATETIME" -> SqlType.TIMESTAMP;
      case "NUMERIC", "DECIMAL" -> SqlType.NUMERIC;
      default -> SqlType.SQL_TYPE_UNSPECIFIED;
    };
  }

  /** The Meridian type for a {@link Types} code, or null when Meridian has none. */
  static SqlType fromJdbc(int jdbcType) {
    return switch (jdbcType) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> SqlType.INT64;
      case Types.DOUBLE, Types.FLOAT, Types.REAL -> SqlType.FLOAT64;
      case Types.BOOLEAN, Types.BIT -> SqlType.BOOL;
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR -> SqlType.STRING;
      case Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY -> SqlType.BYTES;
      case Types.DATE -> SqlType.DATE;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> SqlType.TIMESTAMP;
      case Types.NUMERIC, Types.DECIMAL -> SqlType.NUMERIC;
      default -> null;
    };
  }
}

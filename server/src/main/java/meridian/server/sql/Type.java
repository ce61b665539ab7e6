package meridian.server.sql;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * A column or expression type. Values are plain Java objects, one class per type (see {@link
 * #javaClass()}); SQL NULL is {@code null} in every type.
 */
public enum Type {
  INT64(Long.class),
  FLOAT64(Double.class),
  BOOL(Boolean.class),
  STRING(String.class),
  BYTES(ByteString.class),
  DATE(LocalDate.class),
  /** Microsecond precision, UTC. */
  TIMESTAMP(Instant.class),
  /** Precision 38, scale 9 (as in Spanner): at most 29 digits before the point and 9 after. */
  NUMERIC(BigDecimal.class);

  private final Class<?> javaClass;

  Type(Class<?> javaClass) {
    this.javaClass = javaClass;
  }

  /** The class of this type's non-null values. */
  public Class<?> javaClass() {
    return javaClass;
  }

  /** The type named in DDL ({@code BIGINT}, {@code VARCHAR(20)}, ...); fails with 42704 if unknown. */
  public static Type parse(String name) {
    String base = name.trim().toUpperCase(Locale.ROOT);
    int paren = base.indexOf('(');
    if (paren >= 0) {
      base = base.substring(0, paren).trim();
    }
    return switch (base) {
      case "INT64", "BIGINT", "INT", "INTEGER", "SMALLINT", "TINYINT" -> INT64;
      case "FLOAT64", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "REAL" -> FLOAT64;
      case "BOOL", "BOOLEAN" -> BOOL;
      case "STRING", "VARCHAR", "CHAR", "TEXT", "CHARACTER VARYING", "CHARACTER" -> STRING;
      case "BYTES", "VARBINARY", "BINARY", "BLOB", "BYTEA" -> BYTES;
      case "DATE" -> DATE;
      case "TIMESTAMP", "TIMESTAMPTZ", "DATETIME" -> TIMESTAMP;
      case "NUMERIC", "DECIMAL" -> NUMERIC;
      default -> throw new SqlError(SqlError.UNDEFINED_OBJECT, "unknown type " + name
          + " (types: INT64/BIGINT, FLOAT64/DOUBLE, BOOL, STRING/VARCHAR, BYTES, DATE, TIMESTAMP, NUMERIC)");
    };
  }

  /** The type of a non-null value, or null for null. */
  public static Type of(Object value) {
    return switch (value) {
      case null -> null;
      case Long l -> INT64;
      case Double d -> FLOAT64;
      case Boolean b -> BOOL;
      case String s -> STRING;
      case ByteString b -> BYTES;
      case LocalDate d -> DATE;
      case Instant i -> TIMESTAMP;
      case BigDecimal n -> NUMERIC;
      default -> throw new IllegalArgumentException("not a SQL value: " + value.getClass().getName());
    };
  }
}

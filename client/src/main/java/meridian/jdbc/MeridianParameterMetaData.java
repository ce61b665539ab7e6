package meridian.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import meridian.proto.v1.SqlType;
import meridian.proto.v1.SqlValue;

/**
 * A prepared statement's parameters: their count, and for each one that is set, the type of its
 * value (the server does not describe parameters before execution; an unset one is OTHER).
 */
final class MeridianParameterMetaData implements ParameterMetaData {
  private final List<SqlValue> values;

  /** {@code values} has one entry per parameter; null for one not set. */
  MeridianParameterMetaData(List<SqlValue> values) {
    this.values = values;
  }

  private SqlType type(int param) throws SQLException {
    if (param < 1 || param > values.size()) {
      throw new SQLException("parameter index " + param + " is outside 1.." + values.size(), "07009");
    }
    SqlValue v = values.get(param - 1);
    if (v == null) {
      return SqlType.SQL_TYPE_UNSPECIFIED;
    }
    return switch (v.getKindCase()) {
      case INT64_VALUE -> SqlType.INT64;
      case FLOAT64_VALUE -> SqlType.FLOAT64;
      case BOOL_VALUE -> SqlType.BOOL;
      case STRING_VALUE -> SqlType.STRING;
      case BYTES_VALUE -> SqlType.BYTES;
      case DATE_DAYS -> SqlType.DATE;
      case TIMESTAMP_MICROS -> SqlType.TIMESTAMP;
      case NUMERIC_VALUE -> SqlType.NUMERIC;
      case KIND_NOT_SET -> SqlType.SQL_TYPE_UNSPECIFIED;
    };
  }

  @Override public int getParameterCount() { return values.size(); }
  @Override public int isNullable(int param) throws SQLException { type(param); return parameterNullableUnknown; }
  @Override public boolean isSigned(int param) throws SQLException { return SqlTypes.isSigned(type(param)); }
  @Override public int getPrecision(int param) throws SQLException { return SqlTypes.precision(type(param)); }
  @Override public int getScale(int param) throws SQLException { return SqlTypes.scale(type(param)); }

  @Override
  public int getParameterType(int param) throws SQLException {
    SqlType type = type(param);
    return type == SqlType.SQL_TYPE_UNSPECIFIED ? Types.OTHER : SqlTypes.jdbcType(type);
  }

  @Override public String getParameterTypeName(int param) throws SQLException { return SqlTypes.name(type(param)); }
  @Override public String getParameterClassName(int param) throws SQLException { return SqlTypes.className(type(param)); }
  @Override public int getParameterMode(int param) throws SQLException { type(param); return parameterModeIn; }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper of " + iface.getName(), "22023");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}

package meridian.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import meridian.proto.v1.ColumnMetadata;
import meridian.proto.v1.SqlType;

/** The columns of a result, from the server's {@link ColumnMetadata}; catalog and schema are always "". */
final class MeridianResultSetMetaData implements ResultSetMetaData {
  private final List<ColumnMetadata> columns;

  MeridianResultSetMetaData(List<ColumnMetadata> columns) {
    this.columns = columns;
  }

  private ColumnMetadata column(int column) throws SQLException {
    if (column < 1 || column > columns.size()) {
      throw new SQLException("column index " + column + " is outside 1.." + columns.size(), "07009");
    }
    return columns.get(column - 1);
  }

  private SqlType type(int column) throws SQLException {
    return column(column).getType();
  }

  @Override public int getColumnCount() { return columns.size(); }
  @Override public boolean isAutoIncrement(int column) throws SQLException { column(column); return false; }
  @Override public boolean isCaseSensitive(int column) throws SQLException { return SqlTypes.isCaseSensitive(type(column)); }
  @Override public boolean isSearchable(int column) throws SQLException { column(column); return true; }
  @Override public boolean isCurrency(int column) throws SQLException { column(column); return false; }

  @Override
  public int isNullable(int column) throws SQLException {
    return column(column).getNullable() ? columnNullable : columnNoNulls;
  }

  @Override public boolean isSigned(int column) throws SQLException { return SqlTypes.isSigned(type(column)); }
  @Override public int getColumnDisplaySize(int column) throws SQLException { return SqlTypes.displaySize(type(column)); }
  @Override public String getColumnLabel(int column) throws SQLException { return column(column).getName(); }
  @Override public String getColumnName(int column) throws SQLException { return column(column).getName(); }
  @Override public String getSchemaName(int column) throws SQLException { column(column); return ""; }
  @Override public int getPrecision(int column) throws SQLException { return SqlTypes.precision(type(column)); }
  @Override public int getScale(int column) throws SQLException { return SqlTypes.scale(type(column)); }
  @Override public String getTableName(int column) throws SQLException { return column(column).getTable(); }
  @Override public String getCatalogName(int column) throws SQLException { column(column); return ""; }
  @Override public int getColumnType(int column) throws SQLException { return SqlTypes.jdbcType(type(column)); }
  @Override public String getColumnTypeName(int column) throws SQLException { return SqlTypes.name(type(column)); }
  @Override public boolean isReadOnly(int column) throws SQLException { column(column); return true; }
  @Override public boolean isWritable(int column) throws SQLException { column(column); return false; }
  @Override public boolean isDefinitelyWritable(int column) throws SQLException { column(column); return false; }
  @Override public String getColumnClassName(int column) throws SQLException { return SqlTypes.className(type(column)); }

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

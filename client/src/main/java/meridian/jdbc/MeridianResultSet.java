package meridian.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import meridian.proto.v1.ColumnMetadata;
import meridian.proto.v1.Row;
import meridian.proto.v1.SqlValue;

/**
 * A forward-only, read-only result set over rows already in memory: those of one {@code
 * ExecuteResponse} (the server sends a statement's rows in one reply, capped), or rows the driver
 * built itself for {@link java.sql.DatabaseMetaData}. Column labels match case-insensitively, the
 * first column of a name winning, as JDBC asks.
 */
final class MeridianResultSet extends ReadOnlyResultSet {
  private final Statement statement;
  private final List<ColumnMetadata> columns;
  private final List<Row> rows;
  private final Runnable onClose;
  private Map<String, Integer> columnIndexByLabel;
  // Invariant: -1 <= rowIndex <= rows.size(); -1 before the first next(), rows.size() after the last.
  private int rowIndex = -1;
  private boolean wasNull;
  private boolean closed;

  /** {@code statement} may be null (metadata results); {@code onClose} runs once, at close. */
  MeridianResultSet(Statement statement, List<ColumnMetadata> columns, List<Row> rows, Runnable onClose) {
    this.statement = statement;
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
    this.onClose = onClose;
  }

  static MeridianResultSet local(List<ColumnMetadata> columns, List<Row> rows) {
    return new MeridianResultSet(null, columns, rows, () -> {});
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (rowIndex < rows.size()) {
      rowIndex++;
    }
    return rowIndex < rows.size();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      onClose.run();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return wasNull;
  }

  /** The value at {@code column} (1-based) of the current row; records whether it is NULL. */
  private SqlValue value(int column) throws SQLException {
    checkOpen();
    if (column < 1 || column > columns.size()) {
      throw new SQLException("column index " + column + " is outside 1.." + columns.size(), "07009");
    }
    if (rowIndex < 0 || rowIndex >= rows.size()) {
      throw new SQLException(rowIndex < 0 ? "no current row: call next() first" : "no current row: past the last row", "24000");
    }
    Row row = rows.get(rowIndex);
    SqlValue value = column <= row.getValuesCount() ? row.getValues(column - 1) : Values.NULL;
    wasNull = Values.isNull(value);
    return value;
  }

  @Override
  public int findColumn(String label) throws SQLException {
    checkOpen();
    if (columnIndexByLabel == null) {
      columnIndexByLabel = new HashMap<>();
      for (int i = columns.size() - 1; i >= 0; i--) {
        columnIndexByLabel.put(columns.get(i).getName().toLowerCase(Locale.ROOT), i + 1);
      }
    }
    Integer index = label == null ? null : columnIndexByLabel.get(label.toLowerCase(Locale.ROOT));
    if (index == null) {
      throw new SQLException("no column labelled '" + label + "' in this result", "42703");
    }
    return index;
  }

  @Override
  public String getString(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? null : Values.toString(v);
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    SqlValue v = value(column);
    return !wasNull && Values.toBoolean(v);
  }

  @Override
  public byte getByte(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? 0 : (byte) Values.toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
  }

  @Override
  public short getShort(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? 0 : (short) Values.toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "short");
  }

  @Override
  public int getInt(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? 0 : (int) Values.toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
  }

  @Override
  public long getLong(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? 0 : Values.toLong(v);
  }

  @Override
  public float getFloat(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? 0 : Values.toFloat(v);
  }

  @Override
  public double getDouble(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? 0 : Values.toDouble(v);
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? null : Values.toBigDecimal(v);
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
    BigDecimal d = getBigDecimal(column);
    return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public byte[] getBytes(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? null : Values.toBytes(v);
  }

  @Override
  public Date getDate(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? null : Date.valueOf(Values.toLocalDate(v));
  }

  /** The date at midnight in {@code cal}'s time zone, as JDBC defines for a calendar. */
  @Override
  public Date getDate(int column, Calendar cal) throws SQLException {
    SqlValue v = value(column);
    if (wasNull) {
      return null;
    }
    LocalDate d = Values.toLocalDate(v);
    return cal == null ? Date.valueOf(d) : new Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
  }

  @Override
  public Time getTime(int column) throws SQLException {
    return getTime(column, null);
  }

  /** The time of day of a TIMESTAMP, in UTC (Meridian has no TIME type). */
  @Override
  public Time getTime(int column, Calendar cal) throws SQLException {
    SqlValue v = value(column);
    if (wasNull) {
      return null;
    }
    Instant instant = Values.toInstant(v);
    return cal == null
        ? Time.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toLocalTime())
        : new Time(instant.toEpochMilli());
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? null : Timestamp.from(Values.toInstant(v));
  }

  /** Timestamps are instants: a calendar changes nothing. */
  @Override
  public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
    return getTimestamp(column);
  }

  @Override
  public Object getObject(int column) throws SQLException {
    SqlValue v = value(column);
    return wasNull ? null : Values.toObject(v);
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a class", "22023");
    }
    return Values.toObject(value(column), type);
  }

  /** User-defined type maps have nothing to map: Meridian has no user-defined types. */
  @Override
  public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
    return getObject(column);
  }

  @Override
  public String getNString(int column) throws SQLException {
    return getString(column);
  }

  @Override
  public InputStream getAsciiStream(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public InputStream getBinaryStream(int column) throws SQLException {
    byte[] b = getBytes(column);
    return b == null ? null : new ByteArrayInputStream(b);
  }

  @Override
  public Reader getCharacterStream(int column) throws SQLException {
    String s = getString(column);
    return s == null ? null : new StringReader(s);
  }

  @Override
  public Reader getNCharacterStream(int column) throws SQLException {
    return getCharacterStream(column);
  }

  @Override
  public URL getURL(int column) throws SQLException {
    String s = getString(column);
    try {
      return s == null ? null : URI.create(s).toURL();
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw SqlExceptions.conversion("'" + s + "' is not a URL");
    }
  }

  // By label: each getter finds the column and delegates.
  @Override public String getString(String label) throws SQLException { return getString(findColumn(label)); }
  @Override public boolean getBoolean(String label) throws SQLException { return getBoolean(findColumn(label)); }
  @Override public byte getByte(String label) throws SQLException { return getByte(findColumn(label)); }
  @Override public short getShort(String label) throws SQLException { return getShort(findColumn(label)); }
  @Override public int getInt(String label) throws SQLException { return getInt(findColumn(label)); }
  @Override public long getLong(String label) throws SQLException { return getLong(findColumn(label)); }
  @Override public float getFloat(String label) throws SQLException { return getFloat(findColumn(label)); }
  @Override public double getDouble(String label) throws SQLException { return getDouble(findColumn(label)); }
  @Override public BigDecimal getBigDecimal(String label) throws SQLException { return getBigDecimal(findColumn(label)); }
  @Override @Deprecated public BigDecimal getBigDecimal(String label, int scale) throws SQLException { return getBigDecimal(findColumn(label), scale); }
  @Override public byte[] getBytes(String label) throws SQLException { return getBytes(findColumn(label)); }
  @Override public Date getDate(String label) throws SQLException { return getDate(findColumn(label)); }
  @Override public Date getDate(String label, Calendar cal) throws SQLException { return getDate(findColumn(label), cal); }
  @Override public Time getTime(String label) throws SQLException { return getTime(findColumn(label)); }
  @Override public Time getTime(String label, Calendar cal) throws SQLException { return getTime(findColumn(label), cal); }
  @Override public Timestamp getTimestamp(String label) throws SQLException { return getTimestamp(findColumn(label)); }
  @Override public Timestamp getTimestamp(String label, Calendar cal) throws SQLException { return getTimestamp(findColumn(label), cal); }
  @Override public Object getObject(String label) throws SQLException { return getObject(findColumn(label)); }
  @Override public <T> T getObject(String label, Class<T> type) throws SQLException { return getObject(findColumn(label), type); }
  @Override public Object getObject(String label, Map<String, Class<?>> map) throws SQLException { return getObject(findColumn(label), map); }
  @Override public String getNString(String label) throws SQLException { return getNString(findColumn(label)); }
  @Override public InputStream getAsciiStream(String label) throws SQLException { return getAsciiStream(findColumn(label)); }
  @Override public InputStream getBinaryStream(String label) throws SQLException { return getBinaryStream(findColumn(label)); }
  @Override public Reader getCharacterStream(String label) throws SQLException { return getCharacterStream(findColumn(label)); }
  @Override public Reader getNCharacterStream(String label) throws SQLException { return getNCharacterStream(findColumn(label)); }
  @Override public URL getURL(String label) throws SQLException { return getURL(findColumn(label)); }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return new MeridianResultSetMetaData(columns);
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return rowIndex >= 0 && rowIndex < rows.size() ? rowIndex + 1 : 0;
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return rowIndex < 0 && !rows.isEmpty();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return rowIndex >= rows.size() && !rows.isEmpty();
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return rowIndex == 0 && !rows.isEmpty();
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return rowIndex == rows.size() - 1 && !rows.isEmpty();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != ResultSet.FETCH_FORWARD) {
      throw SqlExceptions.notSupported("a fetch direction other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return ResultSet.FETCH_FORWARD;
  }

  /** A hint only: every row is already here. */
  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw new SQLException("fetch size " + rows + " is negative", "22023");
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return rows.size();
  }

  @Override public int getType() throws SQLException { checkOpen(); return ResultSet.TYPE_FORWARD_ONLY; }
  @Override public int getConcurrency() throws SQLException { checkOpen(); return ResultSet.CONCUR_READ_ONLY; }
  @Override public int getHoldability() throws SQLException { checkOpen(); return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
  @Override public String getCursorName() throws SQLException { throw SqlExceptions.notSupported("named cursors"); }
  @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
  @Override public void clearWarnings() throws SQLException { checkOpen(); }

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

  private void checkOpen() throws SQLException {
    if (closed) {
      throw SqlExceptions.closed("result set");
    }
  }
}

package meridian.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import meridian.proto.v1.SqlType;
import meridian.proto.v1.SqlValue;

/**
 * A statement with {@code ?} parameters, sent as {@link SqlValue}s in order with the SQL text
 * (the node parses it on each execution: there is no server-side prepare). Every parameter must be
 * set before execution (07001 names the first that is not); values are kept between executions
 * until {@link #clearParameters}.
 */
final class MeridianPreparedStatement extends MeridianStatement implements PreparedStatement {
  /** Bytes read from one stream parameter at most (Spanner's BYTES(MAX)). */
  static final int STREAM_BYTES_MAX = SqlTypes.BYTES_MAX;

  private final String sql;
  // Invariant: one slot per placeholder; null while unset.
  private final SqlValue[] parameters;
  private final List<List<SqlValue>> batch = new ArrayList<>();

  MeridianPreparedStatement(MeridianConnection connection, String sql) throws SQLException {
    super(connection);
    if (sql == null) {
      throw new SQLException("no SQL to prepare", "42601");
    }
    int count = Placeholders.count(sql);
    if (count > Placeholders.PARAMETERS_MAX) {
      throw new SQLException("a statement has at most " + Placeholders.PARAMETERS_MAX + " parameters; this one has " + count, "54000");
    }
    this.sql = sql;
    this.parameters = new SqlValue[count];
  }

  private List<SqlValue> boundParameters() throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i] == null) {
        throw new SQLException("parameter " + (i + 1) + " of " + parameters.length + " is not set", "07001");
      }
    }
    return List.of(parameters);
  }

  private void set(int index, SqlValue value) throws SQLException {
    checkOpen();
    if (index < 1 || index > parameters.length) {
      throw new SQLException("parameter index " + index + " is outside 1.." + parameters.length, "07009");
    }
    parameters[index - 1] = value;
  }

  @Override
  public boolean execute() throws SQLException {
    List<SqlValue> values = boundParameters();
    closeCurrentResult();
    return accept(run(sql, values));
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return queryResult(execute());
  }

  @Override
  public int executeUpdate() throws SQLException {
    return toIntCount(executeLargeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return updateResult(execute());
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    List<SqlValue> values = boundParameters();
    if (batch.size() >= BATCH_STATEMENTS_MAX) {
      throw new SQLException("a batch holds at most " + BATCH_STATEMENTS_MAX + " parameter sets", "54000");
    }
    batch.add(values);
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    List<List<SqlValue>> sets = List.copyOf(batch);
    batch.clear();
    closeCurrentResult();
    long[] counts = new long[sets.size()];
    for (int i = 0; i < sets.size(); i++) {
      counts[i] = runInBatch(sql, sets.get(i), counts, i);
    }
    return counts;
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    Arrays.fill(parameters, null);
  }

  /** Not known before execution: the node describes a result only when it runs the statement. */
  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    return new MeridianParameterMetaData(Arrays.asList(parameters.clone()));
  }

  // JDBC forbids the Statement methods that take SQL on a PreparedStatement.
  @Override public boolean execute(String sql) throws SQLException { throw withSql(); }
  @Override public ResultSet executeQuery(String sql) throws SQLException { throw withSql(); }
  @Override public int executeUpdate(String sql) throws SQLException { throw withSql(); }
  @Override public long executeLargeUpdate(String sql) throws SQLException { throw withSql(); }
  @Override public void addBatch(String sql) throws SQLException { throw withSql(); }

  private static SQLException withSql() {
    return new SQLException("a PreparedStatement runs its own SQL: call the method without a SQL argument", "HY000");
  }

  @Override public void setNull(int i, int sqlType) throws SQLException { set(i, Values.NULL); }
  @Override public void setNull(int i, int sqlType, String typeName) throws SQLException { set(i, Values.NULL); }
  @Override public void setBoolean(int i, boolean x) throws SQLException { set(i, SqlValue.newBuilder().setBoolValue(x).build()); }
  @Override public void setByte(int i, byte x) throws SQLException { setLong(i, x); }
  @Override public void setShort(int i, short x) throws SQLException { setLong(i, x); }
  @Override public void setInt(int i, int x) throws SQLException { setLong(i, x); }
  @Override public void setLong(int i, long x) throws SQLException { set(i, SqlValue.newBuilder().setInt64Value(x).build()); }
  @Override public void setFloat(int i, float x) throws SQLException { setDouble(i, x); }
  @Override public void setDouble(int i, double x) throws SQLException { set(i, SqlValue.newBuilder().setFloat64Value(x).build()); }
  @Override public void setBigDecimal(int i, BigDecimal x) throws SQLException { set(i, Values.of(x)); }
  @Override public void setString(int i, String x) throws SQLException { set(i, Values.of(x)); }
  @Override public void setNString(int i, String x) throws SQLException { set(i, Values.of(x)); }
  @Override public void setBytes(int i, byte[] x) throws SQLException { set(i, Values.of(x)); }
  @Override public void setDate(int i, Date x) throws SQLException { set(i, Values.of(x)); }
  @Override public void setTimestamp(int i, Timestamp x) throws SQLException { set(i, Values.of(x)); }
  @Override public void setURL(int i, URL x) throws SQLException { set(i, Values.of(x == null ? null : x.toString())); }

  /** The date the Date shows in {@code cal}'s time zone. */
  @Override
  public void setDate(int i, Date x, Calendar cal) throws SQLException {
    if (x == null || cal == null) {
      setDate(i, x);
      return;
    }
    set(i, Values.date(Instant.ofEpochMilli(x.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate()));
  }

  /** A Timestamp is an instant and Meridian's TIMESTAMP too: a calendar changes nothing. */
  @Override
  public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
    setTimestamp(i, x);
  }

  @Override public void setTime(int i, Time x) throws SQLException { throw SqlExceptions.notSupported("TIME (Meridian has no time-of-day type)"); }
  @Override public void setTime(int i, Time x, Calendar cal) throws SQLException { setTime(i, x); }

  @Override
  public void setObject(int i, Object x) throws SQLException {
    set(i, Values.of(x));
  }

  /** The value converted to the Meridian type for {@code targetSqlType} (a {@link java.sql.Types} code). */
  @Override
  public void setObject(int i, Object x, int targetSqlType) throws SQLException {
    SqlType type = SqlTypes.fromJdbc(targetSqlType);
    if (type == null) {
      throw SqlExceptions.notSupported("java.sql.Types code " + targetSqlType);
    }
    set(i, Values.convert(Values.of(x), type));
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    setObject(i, x, targetSqlType);
  }

  @Override
  public void setObject(int i, Object x, SQLType targetSqlType) throws SQLException {
    if (targetSqlType == null || targetSqlType.getVendorTypeNumber() == null) {
      throw SqlExceptions.notSupported("SQLType " + targetSqlType);
    }
    setObject(i, x, targetSqlType.getVendorTypeNumber());
  }

  @Override
  public void setObject(int i, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    setObject(i, x, targetSqlType);
  }

  @Override public void setAsciiStream(int i, InputStream x, int length) throws SQLException { setAsciiStream(i, x, (long) length); }
  @Override public void setAsciiStream(int i, InputStream x) throws SQLException { setAsciiStream(i, x, -1L); }

  @Override
  public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
    byte[] bytes = readAll(x, length);
    set(i, Values.of(bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII)));
  }

  @Override public void setBinaryStream(int i, InputStream x, int length) throws SQLException { setBinaryStream(i, x, (long) length); }
  @Override public void setBinaryStream(int i, InputStream x) throws SQLException { setBinaryStream(i, x, -1L); }
  @Override public void setBinaryStream(int i, InputStream x, long length) throws SQLException { set(i, Values.of(readAll(x, length))); }

  @Override public void setCharacterStream(int i, Reader x, int length) throws SQLException { setCharacterStream(i, x, (long) length); }
  @Override public void setCharacterStream(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }
  @Override public void setCharacterStream(int i, Reader x, long length) throws SQLException { set(i, Values.of(readAll(x, length))); }
  @Override public void setNCharacterStream(int i, Reader x, long length) throws SQLException { setCharacterStream(i, x, length); }
  @Override public void setNCharacterStream(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }

  @Override @Deprecated public void setUnicodeStream(int i, InputStream x, int length) throws SQLException { throw SqlExceptions.notSupported("setUnicodeStream"); }
  @Override public void setRef(int i, Ref x) throws SQLException { throw SqlExceptions.notSupported("REF"); }
  @Override public void setBlob(int i, Blob x) throws SQLException { throw SqlExceptions.notSupported("BLOB (use setBytes)"); }
  @Override public void setBlob(int i, InputStream x, long length) throws SQLException { throw SqlExceptions.notSupported("BLOB (use setBinaryStream)"); }
  @Override public void setBlob(int i, InputStream x) throws SQLException { throw SqlExceptions.notSupported("BLOB (use setBinaryStream)"); }
  @Override public void setClob(int i, Clob x) throws SQLException { throw SqlExceptions.notSupported("CLOB (use setString)"); }
  @Override public void setClob(int i, Reader x, long length) throws SQLException { throw SqlExceptions.notSupported("CLOB (use setCharacterStream)"); }
  @Override public void setClob(int i, Reader x) throws SQLException { throw SqlExceptions.notSupported("CLOB (use setCharacterStream)"); }
  @Override public void setNClob(int i, NClob x) throws SQLException { throw SqlExceptions.notSupported("NCLOB (use setString)"); }
  @Override public void setNClob(int i, Reader x, long length) throws SQLException { throw SqlExceptions.notSupported("NCLOB (use setCharacterStream)"); }
  @Override public void setNClob(int i, Reader x) throws SQLException { throw SqlExceptions.notSupported("NCLOB (use setCharacterStream)"); }
  @Override public void setArray(int i, Array x) throws SQLException { throw SqlExceptions.notSupported("arrays"); }
  @Override public void setRowId(int i, RowId x) throws SQLException { throw SqlExceptions.notSupported("ROWID"); }
  @Override public void setSQLXML(int i, SQLXML x) throws SQLException { throw SqlExceptions.notSupported("SQLXML"); }

  /** Reads {@code length} bytes ({@code < 0}: to the end), at most {@link #STREAM_BYTES_MAX}; null for null. */
  private static byte[] readAll(InputStream in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    long limit = checkLength(length);
    try {
      byte[] bytes = in.readNBytes((int) Math.min(limit, STREAM_BYTES_MAX + 1L));
      return checkRead(bytes.length, length) ? bytes : null;
    } catch (IOException e) {
      throw new SQLException("reading the parameter's stream failed: " + e.getMessage(), "22000", e);
    }
  }

  private static String readAll(Reader in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    long limit = checkLength(length);
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      while (text.length() < limit && text.length() <= STREAM_BYTES_MAX) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - text.length()));
        if (n < 0) {
          break;
        }
        text.append(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new SQLException("reading the parameter's reader failed: " + e.getMessage(), "22000", e);
    }
    checkRead(text.length(), length);
    return text.toString();
  }

  private static long checkLength(long length) throws SQLException {
    if (length > STREAM_BYTES_MAX) {
      throw new SQLException("a stream parameter holds at most " + STREAM_BYTES_MAX + " bytes; asked for " + length, "22001");
    }
    return length < 0 ? STREAM_BYTES_MAX + 1L : length;
  }

  private static boolean checkRead(int read, long length) throws SQLException {
    if (read > STREAM_BYTES_MAX) {
      throw new SQLException("a stream parameter holds at most " + STREAM_BYTES_MAX + " bytes", "22001");
    }
    if (length >= 0 && read < length) {
      throw new SQLException("the stream ended after " + read + " of the " + length + " declared", "22000");
    }
    return true;
  }
}

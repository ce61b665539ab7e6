package meridian.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * What a forward-only, read-only result set refuses: every update, every cursor move but {@code
 * next}, and the value kinds Meridian has no type for. Kept apart so that {@link MeridianResultSet}
 * holds only what it does. One line per method: they all say no.
 */
abstract class ReadOnlyResultSet implements ResultSet {

  private static SQLFeatureNotSupportedException notUpdatable() {
    return SqlExceptions.notSupported("updating a result set (result sets are read-only: use UPDATE)");
  }

  private static SQLFeatureNotSupportedException forwardOnly() {
    return SqlExceptions.notSupported("moving a cursor other than with next() (result sets are forward-only)");
  }

  @Override @Deprecated public final InputStream getUnicodeStream(int column) throws SQLException { throw SqlExceptions.notSupported("UnicodeStream"); }
  @Override @Deprecated public final InputStream getUnicodeStream(String column) throws SQLException { throw SqlExceptions.notSupported("UnicodeStream"); }
  @Override public final void beforeFirst() throws SQLException { throw forwardOnly(); }
  @Override public final void afterLast() throws SQLException { throw forwardOnly(); }
  @Override public final boolean first() throws SQLException { throw forwardOnly(); }
  @Override public final boolean last() throws SQLException { throw forwardOnly(); }
  @Override public final boolean absolute(int column) throws SQLException { throw forwardOnly(); }
  @Override public final boolean relative(int column) throws SQLException { throw forwardOnly(); }
  @Override public final boolean previous() throws SQLException { throw forwardOnly(); }
  @Override public final boolean rowUpdated() throws SQLException { throw notUpdatable(); }
  @Override public final boolean rowInserted() throws SQLException { throw notUpdatable(); }
  @Override public final boolean rowDeleted() throws SQLException { throw notUpdatable(); }
  @Override public final void updateNull(int column) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBoolean(int column, boolean a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateByte(int column, byte a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateShort(int column, short a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateInt(int column, int a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateLong(int column, long a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateFloat(int column, float a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateDouble(int column, double a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBigDecimal(int column, BigDecimal a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateString(int column, String a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBytes(int column, byte[] a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateDate(int column, Date a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateTime(int column, Time a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateTimestamp(int column, Timestamp a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateAsciiStream(int column, InputStream a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBinaryStream(int column, InputStream a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateCharacterStream(int column, Reader a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(int column, Object a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(int column, Object a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNull(String column) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBoolean(String column, boolean a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateByte(String column, byte a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateShort(String column, short a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateInt(String column, int a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateLong(String column, long a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateFloat(String column, float a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateDouble(String column, double a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBigDecimal(String column, BigDecimal a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateString(String column, String a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBytes(String column, byte[] a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateDate(String column, Date a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateTime(String column, Time a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateTimestamp(String column, Timestamp a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateAsciiStream(String column, InputStream a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBinaryStream(String column, InputStream a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateCharacterStream(String column, Reader a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(String column, Object a1, int a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(String column, Object a1) throws SQLException { throw notUpdatable(); }
  @Override public final void insertRow() throws SQLException { throw notUpdatable(); }
  @Override public final void updateRow() throws SQLException { throw notUpdatable(); }
  @Override public final void deleteRow() throws SQLException { throw notUpdatable(); }
  @Override public final void refreshRow() throws SQLException { throw notUpdatable(); }
  @Override public final void cancelRowUpdates() throws SQLException { throw notUpdatable(); }
  @Override public final void moveToInsertRow() throws SQLException { throw notUpdatable(); }
  @Override public final void moveToCurrentRow() throws SQLException { throw notUpdatable(); }
  @Override public final Ref getRef(int column) throws SQLException { throw SqlExceptions.notSupported("Ref"); }
  @Override public final Blob getBlob(int column) throws SQLException { throw SqlExceptions.notSupported("Blob"); }
  @Override public final Clob getClob(int column) throws SQLException { throw SqlExceptions.notSupported("Clob"); }
  @Override public final Array getArray(int column) throws SQLException { throw SqlExceptions.notSupported("Array"); }
  @Override public final Ref getRef(String column) throws SQLException { throw SqlExceptions.notSupported("Ref"); }
  @Override public final Blob getBlob(String column) throws SQLException { throw SqlExceptions.notSupported("Blob"); }
  @Override public final Clob getClob(String column) throws SQLException { throw SqlExceptions.notSupported("Clob"); }
  @Override public final Array getArray(String column) throws SQLException { throw SqlExceptions.notSupported("Array"); }
  @Override public final void updateRef(int column, Ref a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateRef(String column, Ref a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBlob(int column, Blob a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBlob(String column, Blob a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateClob(int column, Clob a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateClob(String column, Clob a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateArray(int column, Array a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateArray(String column, Array a1) throws SQLException { throw notUpdatable(); }
  @Override public final RowId getRowId(int column) throws SQLException { throw SqlExceptions.notSupported("RowId"); }
  @Override public final RowId getRowId(String column) throws SQLException { throw SqlExceptions.notSupported("RowId"); }
  @Override public final void updateRowId(int column, RowId a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateRowId(String column, RowId a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNString(int column, String a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNString(String column, String a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNClob(int column, NClob a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNClob(String column, NClob a1) throws SQLException { throw notUpdatable(); }
  @Override public final NClob getNClob(int column) throws SQLException { throw SqlExceptions.notSupported("NClob"); }
  @Override public final NClob getNClob(String column) throws SQLException { throw SqlExceptions.notSupported("NClob"); }
  @Override public final SQLXML getSQLXML(int column) throws SQLException { throw SqlExceptions.notSupported("SQLXML"); }
  @Override public final SQLXML getSQLXML(String column) throws SQLException { throw SqlExceptions.notSupported("SQLXML"); }
  @Override public final void updateSQLXML(int column, SQLXML a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateSQLXML(String column, SQLXML a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNCharacterStream(int column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNCharacterStream(String column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateAsciiStream(int column, InputStream a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBinaryStream(int column, InputStream a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateCharacterStream(int column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateAsciiStream(String column, InputStream a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBinaryStream(String column, InputStream a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateCharacterStream(String column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBlob(int column, InputStream a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBlob(String column, InputStream a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateClob(int column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateClob(String column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNClob(int column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNClob(String column, Reader a1, long a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNCharacterStream(int column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNCharacterStream(String column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateAsciiStream(int column, InputStream a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBinaryStream(int column, InputStream a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateCharacterStream(int column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateAsciiStream(String column, InputStream a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBinaryStream(String column, InputStream a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateCharacterStream(String column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBlob(int column, InputStream a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateBlob(String column, InputStream a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateClob(int column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateClob(String column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNClob(int column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateNClob(String column, Reader a1) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(int column, Object a1, SQLType a2, int a3) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(String column, Object a1, SQLType a2, int a3) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(int column, Object a1, SQLType a2) throws SQLException { throw notUpdatable(); }
  @Override public final void updateObject(String column, Object a1, SQLType a2) throws SQLException { throw notUpdatable(); }}

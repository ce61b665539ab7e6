package meridian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import meridian.proto.v1.ColumnMetadata;
import meridian.proto.v1.Row;
import meridian.proto.v1.SqlType;
import meridian.proto.v1.SqlValue;
import org.junit.jupiter.api.Test;

class MeridianResultSetTest {
  private static final List<SqlType> TYPES = List.of(
      SqlType.INT64, SqlType.FLOAT64, SqlType.BOOL, SqlType.STRING, SqlType.BYTES, SqlType.DATE, SqlType.TIMESTAMP, SqlType.NUMERIC);

  private static ResultSet resultSet() {
    List<ColumnMetadata> columns = TYPES.stream()
        .map(t -> ColumnMetadata.newBuilder().setName("C_" + t.name()).setType(t).setNullable(t != SqlType.INT64).setTable("t").build())
        .toList();
    Row values = Row.newBuilder()
        .addValues(SqlValue.newBuilder().setInt64Value(42))
        .addValues(SqlValue.newBuilder().setFloat64Value(2.5))
        .addValues(SqlValue.newBuilder().setBoolValue(true))
        .addValues(SqlValue.newBuilder().setStringValue("héllo"))
        .addValues(SqlValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2})))
        .addValues(SqlValue.newBuilder().setDateDays(19723))
        .addValues(SqlValue.newBuilder().setTimestampMicros(1_704_067_200_000_001L))
        .addValues(SqlValue.newBuilder().setNumericValue("3.141592653"))
        .build();
    Row.Builder nulls = Row.newBuilder();
    TYPES.forEach(t -> nulls.addValues(Values.NULL));
    return MeridianResultSet.local(columns, List.of(values, nulls.build()));
  }

  @Test
  void typedGettersByIndexAndLabel() throws Exception {
    try (ResultSet rs = resultSet()) {
      assertThat(rs.isBeforeFirst()).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getRow()).isEqualTo(1);
      assertThat(rs.getLong(1)).isEqualTo(42);
      assertThat(rs.getInt("c_int64")).isEqualTo(42);
      assertThat(rs.getShort("C_INT64")).isEqualTo((short) 42);
      assertThat(rs.getByte(1)).isEqualTo((byte) 42);
      assertThat(rs.getDouble(2)).isEqualTo(2.5);
      assertThat(rs.getFloat(2)).isEqualTo(2.5f);
      assertThat(rs.getInt(2)).isEqualTo(2);
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.getString(4)).isEqualTo("héllo");
      assertThat(rs.getBytes(5)).containsExactly(1, 2);
      assertThat(rs.getBinaryStream(5).readAllBytes()).containsExactly(1, 2);
      assertThat(rs.getDate(6)).isEqualTo(java.sql.Date.valueOf("2024-01-01"));
      assertThat(rs.getObject(6, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 1));
      assertThat(rs.getTimestamp(7).toInstant()).isEqualTo(Instant.parse("2024-01-01T00:00:00.000001Z"));
      assertThat(rs.getString(7)).isEqualTo("2024-01-01T00:00:00.000001Z");
      assertThat(rs.getBigDecimal(8)).isEqualTo(new BigDecimal("3.141592653"));
      assertThat(rs.getDouble(8)).isEqualTo(3.141592653);
      assertThat(rs.getObject(1)).isEqualTo(42L);
      assertThat(rs.getObject(2)).isEqualTo(2.5);
      assertThat(rs.getObject(3)).isEqualTo(true);
      assertThat(rs.getObject(5)).isEqualTo(new byte[] {1, 2});
      assertThat(rs.getObject(6)).isInstanceOf(java.sql.Date.class);
      assertThat(rs.getObject(7)).isInstanceOf(java.sql.Timestamp.class);
      assertThat(rs.getObject(8)).isInstanceOf(BigDecimal.class);
      assertThat(rs.wasNull()).isFalse();
      assertThat(rs.isLast()).isFalse();
    }
  }

  @Test
  void nullsReadAsDefaultsAndSetWasNull() throws SQLException {
    try (ResultSet rs = resultSet()) {
      rs.next();
      rs.next();
      assertThat(rs.isLast()).isTrue();
      for (int i = 1; i <= TYPES.size(); i++) {
        assertThat(rs.getObject(i)).isNull();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getString(i)).isNull();
        assertThat(rs.getLong(i)).isZero();
        assertThat(rs.wasNull()).isTrue();
        assertThat(rs.getBoolean(i)).isFalse();
        assertThat(rs.getDouble(i)).isZero();
        assertThat(rs.getBigDecimal(i)).isNull();
        assertThat(rs.getBytes(i)).isNull();
        assertThat(rs.getTimestamp(i)).isNull();
        assertThat(rs.getObject(i, Long.class)).isNull();
        assertThat(rs.wasNull()).isTrue();
      }
      assertThat(rs.next()).isFalse();
      assertThat(rs.isAfterLast()).isTrue();
    }
  }

  @Test
  void misuseIsReportedClearly() throws SQLException {
    ResultSet rs = resultSet();
    assertThatThrownBy(() -> rs.getLong(1)).hasMessageContaining("call next() first");
    rs.next();
    assertThatThrownBy(() -> rs.getLong(0)).hasMessageContaining("outside 1..8");
    assertThatThrownBy(() -> rs.getLong("nope")).hasMessageContaining("no column labelled 'nope'");
    assertThatThrownBy(() -> rs.getDate(1)).isInstanceOf(java.sql.SQLDataException.class);
    assertThatThrownBy(() -> rs.updateLong(1, 5)).isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThatThrownBy(rs::previous).isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThatThrownBy(() -> rs.getBlob(5)).isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
    assertThat(rs.getConcurrency()).isEqualTo(ResultSet.CONCUR_READ_ONLY);
    rs.close();
    assertThat(rs.isClosed()).isTrue();
    assertThatThrownBy(rs::next).hasMessageContaining("closed");
  }

  @Test
  void metadataDescribesTheColumns() throws SQLException {
    ResultSetMetaData md = resultSet().getMetaData();
    assertThat(md.getColumnCount()).isEqualTo(8);
    int[] expected = {Types.BIGINT, Types.DOUBLE, Types.BOOLEAN, Types.VARCHAR, Types.VARBINARY, Types.DATE, Types.TIMESTAMP, Types.NUMERIC};
    for (int i = 1; i <= 8; i++) {
      assertThat(md.getColumnType(i)).isEqualTo(expected[i - 1]);
      assertThat(md.getColumnTypeName(i)).isEqualTo(TYPES.get(i - 1).name());
      assertThat(md.getColumnName(i)).isEqualTo("C_" + TYPES.get(i - 1).name());
      assertThat(md.getColumnLabel(i)).isEqualTo(md.getColumnName(i));
      assertThat(md.getTableName(i)).isEqualTo("t");
      assertThat(md.getSchemaName(i)).isEmpty();
      assertThat(md.getCatalogName(i)).isEmpty();
      assertThat(md.getColumnDisplaySize(i)).isPositive();
    }
    assertThat(md.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
    assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
    assertThat(md.getPrecision(8)).isEqualTo(38);
    assertThat(md.getScale(8)).isEqualTo(9);
    assertThat(md.getColumnClassName(1)).isEqualTo("java.lang.Long");
    assertThat(md.getColumnClassName(5)).isEqualTo("[B");
    assertThat(md.isSigned(1)).isTrue();
    assertThat(md.isSigned(4)).isFalse();
  }

  @Test
  void patternsMatchLikeJdbcSays() {
    assertThat(LocalRows.matches(null, "anything")).isTrue();
    assertThat(LocalRows.matches("%", "")).isTrue();
    assertThat(LocalRows.matches("acc%", "accounts")).isTrue();
    assertThat(LocalRows.matches("ACC_UNTS", "accounts")).isTrue();
    assertThat(LocalRows.matches("a\\_b", "a_b")).isTrue();
    assertThat(LocalRows.matches("a\\_b", "axb")).isFalse();
    assertThat(LocalRows.matches("t", "t2")).isFalse();
    assertThat(LocalRows.matches("a.c", "abc")).isFalse();
  }
}

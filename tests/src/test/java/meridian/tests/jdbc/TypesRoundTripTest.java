package meridian.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters of every type, and NULLs of every type, written and read back through a real node. */
class TypesRoundTripTest {
  @TempDir
  static Path dir;

  static JdbcServer server;
  static String table;

  @BeforeAll
  static void start() throws SQLException {
    server = JdbcServer.start(dir);
    table = JdbcServer.freshTable("types");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id INT64 NOT NULL, i INT64, f FLOAT64, b BOOL, s STRING, y BYTES, d DATE, "
          + "ts TIMESTAMP, n NUMERIC, PRIMARY KEY (id))");
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static final String INSERT = "INSERT INTO %s (id, i, f, b, s, y, d, ts, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static ResultSet read(Connection c, long id) throws SQLException {
    PreparedStatement select = c.prepareStatement("SELECT i, f, b, s, y, d, ts, n FROM " + table + " WHERE id = ?");
    select.closeOnCompletion();
    select.setLong(1, id);
    ResultSet rs = select.executeQuery();
    assertThat(rs.next()).isTrue();
    return rs;
  }

  @Test
  void typedSettersRoundTrip() throws Exception {
    Instant instant = Instant.parse("2024-02-29T12:34:56.123456Z");
    try (Connection c = server.connect(); PreparedStatement p = c.prepareStatement(INSERT.formatted(table))) {
      p.setLong(1, 1);
      p.setLong(2, Long.MIN_VALUE);
      p.setDouble(3, -0.5);
      p.setBoolean(4, true);
      p.setString(5, "naïve ☃ 'quoted'");
      p.setBytes(6, new byte[] {0, -1, 127});
      p.setDate(7, Date.valueOf("1969-07-20"));
      p.setTimestamp(8, Timestamp.from(instant));
      p.setBigDecimal(9, new BigDecimal("-12345678901234567890.123456789"));
      assertThat(p.executeUpdate()).isEqualTo(1);
      try (ResultSet rs = read(c, 1)) {
        assertThat(rs.getLong("i")).isEqualTo(Long.MIN_VALUE);
        assertThat(rs.getDouble("f")).isEqualTo(-0.5);
        assertThat(rs.getBoolean("b")).isTrue();
        assertThat(rs.getString("s")).isEqualTo("naïve ☃ 'quoted'");
        assertThat(rs.getBytes("y")).containsExactly(0, -1, 127);
        assertThat(rs.getDate("d")).isEqualTo(Date.valueOf("1969-07-20"));
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(1969, 7, 20));
        assertThat(rs.getTimestamp("ts").toInstant()).isEqualTo(instant);
        assertThat(rs.getObject("ts", Instant.class)).isEqualTo(instant);
        assertThat(rs.getObject("ts", OffsetDateTime.class)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
        assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("-12345678901234567890.123456789");
        assertThat(rs.getObject("i")).isEqualTo(Long.MIN_VALUE);
        assertThat(rs.getObject("f")).isEqualTo(-0.5);
        assertThat(rs.getObject("b")).isEqualTo(true);
        assertThat(rs.getObject("y")).isEqualTo(new byte[] {0, -1, 127});
        assertThat(rs.getObject("d")).isEqualTo(Date.valueOf("1969-07-20"));
        assertThat(rs.getObject("ts")).isEqualTo(Timestamp.from(instant));
        assertThat(rs.getObject("n")).isInstanceOf(BigDecimal.class);
      }
    }
  }

  @Test
  void setObjectWithJavaTimeAndSmallNumbers() throws Exception {
    LocalDateTime local = LocalDateTime.of(2030, 1, 2, 3, 4, 5, 6_000);
    try (Connection c = server.connect(); PreparedStatement p = c.prepareStatement(INSERT.formatted(table))) {
      p.setObject(1, 2L);
      p.setObject(2, (short) 7);
      p.setFloat(3, 1.25f);
      p.setObject(4, Boolean.FALSE);
      p.setObject(5, "x", Types.VARCHAR);
      p.setObject(6, new byte[0]);
      p.setObject(7, LocalDate.of(2000, 1, 1));
      p.setObject(8, local);
      p.setObject(9, 42, Types.NUMERIC);
      assertThat(p.executeUpdate()).isEqualTo(1);
      try (ResultSet rs = read(c, 2)) {
        assertThat(rs.getInt("i")).isEqualTo(7);
        assertThat(rs.getShort("i")).isEqualTo((short) 7);
        assertThat(rs.getByte("i")).isEqualTo((byte) 7);
        assertThat(rs.getFloat("f")).isEqualTo(1.25f);
        assertThat(rs.getBoolean("b")).isFalse();
        assertThat(rs.wasNull()).isFalse();
        assertThat(rs.getBytes("y")).isEmpty();
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(rs.getObject("ts", LocalDateTime.class)).isEqualTo(local);
        assertThat(rs.getLong("n")).isEqualTo(42);
        assertThat(rs.getString("n")).startsWith("42");
      }
    }
  }

  @Test
  void nullsOfEveryType() throws Exception {
    int[] types = {Types.BIGINT, Types.DOUBLE, Types.BOOLEAN, Types.VARCHAR, Types.VARBINARY, Types.DATE, Types.TIMESTAMP, Types.NUMERIC};
    try (Connection c = server.connect(); PreparedStatement p = c.prepareStatement(INSERT.formatted(table))) {
      p.setLong(1, 3);
      for (int i = 0; i < types.length; i++) {
        p.setNull(i + 2, types[i]);
      }
      assertThat(p.executeUpdate()).isEqualTo(1);
      p.setLong(1, 4);
      p.setObject(2, null);
      p.setString(5, null);
      p.setBytes(6, null);
      p.setBigDecimal(9, null);
      p.setTimestamp(8, null);
      p.setDate(7, null);
      assertThat(p.executeUpdate()).isEqualTo(1);
      for (long id : new long[] {3, 4}) {
        try (ResultSet rs = read(c, id)) {
          for (int column = 1; column <= 8; column++) {
            assertThat(rs.getObject(column)).isNull();
            assertThat(rs.wasNull()).isTrue();
            assertThat(rs.getString(column)).isNull();
            assertThat(rs.wasNull()).isTrue();
          }
          assertThat(rs.getLong(1)).isZero();
          assertThat(rs.getBoolean(3)).isFalse();
          assertThat(rs.getDouble(2)).isZero();
        }
      }
    }
  }

  @Test
  void streamsUrlsCalendarsAndSqlTypes() throws Exception {
    java.util.Calendar tokyo = java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("Asia/Tokyo"));
    try (Connection c = server.connect(); PreparedStatement p = c.prepareStatement(INSERT.formatted(table))) {
      p.setObject(1, 5, java.sql.JDBCType.BIGINT);
      p.setObject(2, "9", java.sql.JDBCType.BIGINT);
      p.setObject(3, "2.5", Types.DOUBLE);
      p.setObject(4, "true", Types.BOOLEAN);
      p.setCharacterStream(5, new java.io.StringReader("streamed text"));
      p.setBinaryStream(6, new java.io.ByteArrayInputStream(new byte[] {9, 8, 7}), 3);
      // Midnight in Tokyo on 2024-03-01 is still 2024-02-29 in UTC: the calendar decides the date.
      p.setDate(7, new Date(java.time.ZonedDateTime.of(2024, 3, 1, 0, 0, 0, 0, java.time.ZoneId.of("Asia/Tokyo"))
          .toInstant().toEpochMilli()), tokyo);
      p.setObject(8, OffsetDateTime.parse("2024-01-01T09:00:00+09:00"));
      p.setObject(9, new BigDecimal("0.000000001"));
      assertThat(p.executeUpdate()).isEqualTo(1);
      try (ResultSet rs = read(c, 5)) {
        assertThat(rs.getLong("i")).isEqualTo(9);
        assertThat(rs.getDouble("f")).isEqualTo(2.5);
        assertThat(rs.getBoolean("b")).isTrue();
        assertThat(new String(read(rs.getCharacterStream("s")))).isEqualTo("streamed text");
        assertThat(rs.getBinaryStream("y").readAllBytes()).containsExactly(9, 8, 7);
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.of(2024, 3, 1));
        assertThat(rs.getObject("ts", Instant.class)).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(rs.getBigDecimal("n")).isEqualByComparingTo("0.000000001");
        assertThat(rs.getString("i")).isEqualTo("9");
        assertThat(rs.getString("b")).isEqualTo("true");
        assertThat(rs.getString("d")).isEqualTo("2024-03-01");
        assertThat(rs.getString("ts")).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(rs.getTime("ts")).isEqualTo(java.sql.Time.valueOf("00:00:00"));
      }
      p.setURL(5, java.net.URI.create("https://example.com/x").toURL());
      p.setLong(1, 6);
      p.executeUpdate();
      try (ResultSet rs = read(c, 6)) {
        assertThat(rs.getURL("s")).isEqualTo(java.net.URI.create("https://example.com/x").toURL());
      }
    }
  }

  private static char[] read(java.io.Reader reader) throws java.io.IOException {
    java.io.CharArrayWriter out = new java.io.CharArrayWriter();
    reader.transferTo(out);
    return out.toCharArray();
  }

  @Test
  void theCatalogDescribesEveryType() throws Exception {
    try (Connection c = server.connect(); ResultSet rs = c.getMetaData().getColumns(null, null, table, "%")) {
      java.util.Map<String, Integer> types = new java.util.HashMap<>();
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
      }
      assertThat(types).containsEntry("id", Types.BIGINT).containsEntry("i", Types.BIGINT).containsEntry("f", Types.DOUBLE)
          .containsEntry("b", Types.BOOLEAN).containsEntry("s", Types.VARCHAR).containsEntry("y", Types.VARBINARY)
          .containsEntry("d", Types.DATE).containsEntry("ts", Types.TIMESTAMP).containsEntry("n", Types.NUMERIC);
    }
  }
}

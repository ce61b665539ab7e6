package meridian.tests.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DatabaseMetaData against a real node's information schema. */
class MetadataComplianceTest {
  @TempDir
  static Path dir;

  static JdbcServer server;
  static String accounts;
  static String other;

  @BeforeAll
  static void start() throws SQLException {
    server = JdbcServer.start(dir);
    accounts = JdbcServer.freshTable("accounts");
    other = JdbcServer.freshTable("other");
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + accounts + " (region STRING NOT NULL, id INT64 NOT NULL, owner STRING, balance NUMERIC, "
          + "opened DATE, PRIMARY KEY (region, id))");
      s.execute("CREATE TABLE " + other + " (id INT64 NOT NULL, PRIMARY KEY (id))");
      s.execute("CREATE INDEX " + accounts + "_by_owner ON " + accounts + " (owner)");
      s.execute("CREATE UNIQUE INDEX " + accounts + "_by_opened ON " + accounts + " (opened, owner)");
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<List<Object>> rows(ResultSet rs, String... columns) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (String column : columns) {
          row.add(rs.getObject(column));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void productDriverAndCapabilities() throws Exception {
    try (Connection c = server.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("Meridian");
      assertThat(md.getDatabaseProductVersion()).isNotBlank();
      assertThat(md.getDriverName()).isEqualTo("Meridian JDBC");
      assertThat(md.getDriverVersion()).isNotBlank();
      assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
      assertThat(md.getJDBCMinorVersion()).isEqualTo(3);
      assertThat(md.getURL()).isEqualTo(server.url());
      assertThat(md.getConnection()).isSameAs(c);
      assertThat(md.supportsTransactions()).isTrue();
      assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isTrue();
      assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
      assertThat(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
      assertThat(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)).isTrue();
      assertThat(md.supportsBatchUpdates()).isTrue();
      assertThat(md.supportsSavepoints()).isFalse();
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat(md.getSQLKeywords()).contains("INT64");
      assertThat(md.getSearchStringEscape()).isEqualTo("\\");
      assertThat(md.isReadOnly()).isFalse();
      assertThat(rows(md.getProcedures(null, null, "%"), "PROCEDURE_NAME")).isEmpty();
      assertThat(rows(md.getImportedKeys(null, null, accounts), "PKTABLE_NAME")).isEmpty();
    }
  }

  @Test
  void tablesWithPatternsAndTypes() throws Exception {
    try (Connection c = server.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getTables(null, null, accounts, null), "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"))
          .containsExactly(List.of("", "", accounts, "TABLE"));
      assertThat(rows(md.getTables("", "", "%", new String[] {"TABLE"}), "TABLE_NAME"))
          .contains(List.of(accounts), List.of(other));
      assertThat(rows(md.getTables(null, null, accounts.substring(0, accounts.length() - 1) + "_", null), "TABLE_NAME"))
          .contains(List.of(accounts));
      assertThat(rows(md.getTables(null, null, "%", new String[] {"VIEW"}), "TABLE_NAME")).isEmpty();
      assertThat(rows(md.getTables("elsewhere", null, "%", null), "TABLE_NAME")).isEmpty();
      assertThat(rows(md.getTableTypes(), "TABLE_TYPE")).containsExactly(List.of("TABLE"));
      assertThat(rows(md.getSchemas(), "TABLE_SCHEM", "TABLE_CATALOG")).containsExactly(List.of("", ""));
      assertThat(rows(md.getCatalogs(), "TABLE_CAT")).containsExactly(List.of(""));
    }
  }

  @Test
  void columnsInOrderWithTypesAndNullability() throws Exception {
    try (Connection c = server.connect(); ResultSet rs = c.getMetaData().getColumns(null, null, accounts, "%")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("COLUMN_NAME"));
        assertThat(rs.getString("TABLE_NAME")).isEqualTo(accounts);
        assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(names.size());
        switch (rs.getString("COLUMN_NAME")) {
          case "region" -> {
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.VARCHAR);
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("STRING");
            assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
            assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
          }
          case "id" -> assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
          case "owner" -> assertThat(rs.getString("IS_NULLABLE")).isEqualTo("YES");
          case "balance" -> {
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.NUMERIC);
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(38);
            assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(9);
          }
          case "opened" -> assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DATE);
          default -> throw new AssertionError("unexpected column " + rs.getString("COLUMN_NAME"));
        }
      }
      assertThat(names).containsExactly("region", "id", "owner", "balance", "opened");
    }
    try (Connection c = server.connect()) {
      assertThat(rows(c.getMetaData().getColumns(null, null, accounts, "o%"), "COLUMN_NAME"))
          .containsExactly(List.of("owner"), List.of("opened"));
    }
  }

  @Test
  void primaryKeysAndIndexes() throws Exception {
    try (Connection c = server.connect()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(rows(md.getPrimaryKeys(null, null, accounts), "COLUMN_NAME", "KEY_SEQ"))
          .containsExactly(List.of("id", 2L), List.of("region", 1L));
      List<List<Object>> all = rows(md.getIndexInfo(null, null, accounts, false, true),
          "INDEX_NAME", "NON_UNIQUE", "COLUMN_NAME", "ORDINAL_POSITION");
      assertThat(all).contains(
          List.of("PRIMARY_KEY", false, "region", 1L),
          List.of("PRIMARY_KEY", false, "id", 2L),
          List.of(accounts + "_by_opened", false, "opened", 1L),
          List.of(accounts + "_by_opened", false, "owner", 2L),
          List.of(accounts + "_by_owner", true, "owner", 1L));
      assertThat(rows(md.getIndexInfo(null, null, accounts, true, true), "INDEX_NAME"))
          .doesNotContain(List.of(accounts + "_by_owner"));
    }
  }

  @Test
  void typeInfoListsTheEightTypes() throws Exception {
    try (Connection c = server.connect()) {
      List<List<Object>> types = rows(c.getMetaData().getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
      assertThat(types).hasSize(8);
      assertThat(types).contains(
          List.of("INT64", (long) Types.BIGINT), List.of("FLOAT64", (long) Types.DOUBLE), List.of("BOOL", (long) Types.BOOLEAN),
          List.of("STRING", (long) Types.VARCHAR), List.of("BYTES", (long) Types.VARBINARY), List.of("DATE", (long) Types.DATE),
          List.of("TIMESTAMP", (long) Types.TIMESTAMP), List.of("NUMERIC", (long) Types.NUMERIC));
    }
  }
}

package meridian.jdbc;

import static meridian.proto.v1.SqlType.BOOL;
import static meridian.proto.v1.SqlType.INT64;
import static meridian.proto.v1.SqlType.STRING;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import meridian.proto.v1.SqlType;

/**
 * The result sets of {@link DatabaseMetaData} that describe the catalog, with the column names
 * JDBC specifies, built from the server's information schema. Catalog and schema are always "";
 * name patterns are applied here, by the driver ({@link LocalRows#matches}).
 */
final class CatalogResults {
  static final String TABLES_SQL = "SELECT table_name, table_type FROM information_schema.tables";
  static final String COLUMNS_SQL = "SELECT table_name, column_name, ordinal_position, data_type, is_nullable, "
      + "primary_key_position FROM information_schema.columns";
  static final String INDEXES_SQL = "SELECT table_name, index_name, is_unique, column_name, ordinal_position "
      + "FROM information_schema.indexes";
  static final String PRIMARY_KEY_NAME = "PRIMARY_KEY";

  private final MeridianConnection connection;

  CatalogResults(MeridianConnection connection) {
    this.connection = connection;
  }

  private ResultSet query(String sql) throws SQLException {
    var response = connection.executeInternal(sql);
    return MeridianResultSet.local(response.getColumnsList(), response.getRowsList());
  }

  ResultSet tables(String catalog, String schemaPattern, String tablePattern, String[] types) throws SQLException {
    LocalRows rows = new LocalRows("TABLE_CAT", STRING, "TABLE_SCHEM", STRING, "TABLE_NAME", STRING, "TABLE_TYPE", STRING,
        "REMARKS", STRING, "TYPE_CAT", STRING, "TYPE_SCHEM", STRING, "TYPE_NAME", STRING,
        "SELF_REFERENCING_COL_NAME", STRING, "REF_GENERATION", STRING);
    if (LocalRows.catalogMatches(catalog) && LocalRows.schemaMatches(schemaPattern)) {
      List<String> wanted = types == null ? null : Arrays.stream(types).map(t -> t.toUpperCase(Locale.ROOT)).toList();
      try (ResultSet tables = query(TABLES_SQL)) {
        while (tables.next()) {
          String name = tables.getString("table_name");
          String type = jdbcTableType(tables.getString("table_type"));
          if (LocalRows.matches(tablePattern, name) && (wanted == null || wanted.contains(type))) {
            rows.add("", "", name, type, null, null, null, null, null, null);
          }
        }
      }
    }
    rows.sort(LocalRows.by(3, 2));
    return rows.toResultSet();
  }

  /** The information schema says 'BASE TABLE' (SQL standard); JDBC says TABLE. */
  static String jdbcTableType(String informationSchemaType) {
    String type = informationSchemaType == null ? "TABLE" : informationSchemaType.toUpperCase(Locale.ROOT);
    return switch (type) {
      case "BASE TABLE", "TABLE" -> "TABLE";
      default -> type;
    };
  }

  ResultSet tableTypes() {
    LocalRows rows = new LocalRows("TABLE_TYPE", STRING);
    rows.add("TABLE");
    return rows.toResultSet();
  }

  ResultSet schemas(String catalog, String schemaPattern) {
    LocalRows rows = new LocalRows("TABLE_SCHEM", STRING, "TABLE_CATALOG", STRING);
    if (LocalRows.catalogMatches(catalog) && LocalRows.schemaMatches(schemaPattern)) {
      rows.add("", "");
    }
    return rows.toResultSet();
  }

  ResultSet catalogs() {
    LocalRows rows = new LocalRows("TABLE_CAT", STRING);
    rows.add("");
    return rows.toResultSet();
  }

  ResultSet columns(String catalog, String schemaPattern, String tablePattern, String columnPattern) throws SQLException {
    LocalRows rows = new LocalRows("TABLE_CAT", STRING, "TABLE_SCHEM", STRING, "TABLE_NAME", STRING, "COLUMN_NAME", STRING,
        "DATA_TYPE", INT64, "TYPE_NAME", STRING, "COLUMN_SIZE", INT64, "BUFFER_LENGTH", INT64, "DECIMAL_DIGITS", INT64,
        "NUM_PREC_RADIX", INT64, "NULLABLE", INT64, "REMARKS", STRING, "COLUMN_DEF", STRING, "SQL_DATA_TYPE", INT64,
        "SQL_DATETIME_SUB", INT64, "CHAR_OCTET_LENGTH", INT64, "ORDINAL_POSITION", INT64, "IS_NULLABLE", STRING,
        "SCOPE_CATALOG", STRING, "SCOPE_SCHEMA", STRING, "SCOPE_TABLE", STRING, "SOURCE_DATA_TYPE", INT64,
        "IS_AUTOINCREMENT", STRING, "IS_GENERATEDCOLUMN", STRING);
    if (LocalRows.catalogMatches(catalog) && LocalRows.schemaMatches(schemaPattern)) {
      try (ResultSet columns = query(COLUMNS_SQL)) {
        while (columns.next()) {
          String table = columns.getString("table_name");
          String column = columns.getString("column_name");
          if (!LocalRows.matches(tablePattern, table) || !LocalRows.matches(columnPattern, column)) {
            continue;
          }
          String dataType = columns.getString("data_type");
          SqlType type = SqlTypes.parse(dataType);
          boolean nullable = yes(columns.getString("is_nullable"));
          int size = declaredLength(dataType, SqlTypes.precision(type));
          boolean numeric = type == INT64 || type == SqlType.FLOAT64 || type == SqlType.NUMERIC;
          // Spanner's STRING length counts characters: up to 4 bytes each in UTF-8.
          Integer octets = switch (type) {
            case STRING -> size * 4;
            case BYTES -> size;
            default -> null;
          };
          rows.add("", "", table, column, SqlTypes.jdbcType(type), SqlTypes.name(type), size, null,
              numeric ? SqlTypes.scale(type) : null, numeric ? 10 : null,
              nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, null, null, null, null, octets,
              columns.getLong("ordinal_position"), nullable ? "YES" : "NO", null, null, null, null, "NO", "NO");
        }
      }
    }
    rows.sort(LocalRows.by(2, 16));
    return rows.toResultSet();
  }

  ResultSet primaryKeys(String catalog, String schema, String table) throws SQLException {
    LocalRows rows = new LocalRows("TABLE_CAT", STRING, "TABLE_SCHEM", STRING, "TABLE_NAME", STRING, "COLUMN_NAME", STRING,
        "KEY_SEQ", INT64, "PK_NAME", STRING);
    for (Object[] key : keyColumns(catalog, schema, table)) {
      rows.add("", "", key[0], key[1], key[2], PRIMARY_KEY_NAME);
    }
    rows.sort(LocalRows.by(3));
    return rows.toResultSet();
  }

  /** Table, column and position of every primary key column of {@code table} (null: every table). */
  private List<Object[]> keyColumns(String catalog, String schema, String table) throws SQLException {
    List<Object[]> keys = new ArrayList<>();
    if (!LocalRows.catalogMatches(catalog) || !(schema == null || schema.isEmpty())) {
      return keys;
    }
    try (ResultSet columns = query(COLUMNS_SQL)) {
      while (columns.next()) {
        String name = columns.getString("table_name");
        long position = columns.getLong("primary_key_position");
        if (!columns.wasNull() && (table == null || LocalRows.sameName(table, name))) {
          keys.add(new Object[] {name, columns.getString("column_name"), position});
        }
      }
    }
    return keys;
  }

  /** The table's indexes, its primary key first as the unique index PRIMARY_KEY. */
  ResultSet indexInfo(String catalog, String schema, String table, boolean unique) throws SQLException {
    LocalRows rows = new LocalRows("TABLE_CAT", STRING, "TABLE_SCHEM", STRING, "TABLE_NAME", STRING, "NON_UNIQUE", BOOL,
        "INDEX_QUALIFIER", STRING, "INDEX_NAME", STRING, "TYPE", INT64, "ORDINAL_POSITION", INT64, "COLUMN_NAME", STRING,
        "ASC_OR_DESC", STRING, "CARDINALITY", INT64, "PAGES", INT64, "FILTER_CONDITION", STRING);
    int other = DatabaseMetaData.tableIndexOther;
    for (Object[] key : keyColumns(catalog, schema, table)) {
      rows.add("", "", key[0], false, "", PRIMARY_KEY_NAME, other, key[2], key[1], "A", null, null, null);
    }
    if (LocalRows.catalogMatches(catalog) && (schema == null || schema.isEmpty())) {
      try (ResultSet indexes = query(INDEXES_SQL)) {
        while (indexes.next()) {
          String name = indexes.getString("table_name");
          boolean isUnique = yes(indexes.getString("is_unique"));
          if ((table == null || LocalRows.sameName(table, name)) && (isUnique || !unique)) {
            rows.add("", "", name, !isUnique, "", indexes.getString("index_name"), other,
                indexes.getLong("ordinal_position"), indexes.getString("column_name"), "A", null, null, null);
          }
        }
      }
    }
    rows.sort(LocalRows.by(3, 6, 5, 7));
    return rows.toResultSet();
  }

  ResultSet typeInfo() {
    LocalRows rows = new LocalRows("TYPE_NAME", STRING, "DATA_TYPE", INT64, "PRECISION", INT64, "LITERAL_PREFIX", STRING,
        "LITERAL_SUFFIX", STRING, "CREATE_PARAMS", STRING, "NULLABLE", INT64, "CASE_SENSITIVE", BOOL, "SEARCHABLE", INT64,
        "UNSIGNED_ATTRIBUTE", BOOL, "FIXED_PREC_SCALE", BOOL, "AUTO_INCREMENT", BOOL, "LOCAL_TYPE_NAME", STRING,
        "MINIMUM_SCALE", INT64, "MAXIMUM_SCALE", INT64, "SQL_DATA_TYPE", INT64, "SQL_DATETIME_SUB", INT64,
        "NUM_PREC_RADIX", INT64);
    for (SqlType type : SqlTypes.ALL) {
      String prefix = switch (type) {
        case STRING -> "'";
        case BYTES -> "b'";
        case DATE -> "DATE '";
        case TIMESTAMP -> "TIMESTAMP '";
        default -> null;
      };
      boolean numeric = SqlTypes.isSigned(type);
      rows.add(SqlTypes.name(type), SqlTypes.jdbcType(type), SqlTypes.precision(type), prefix, prefix == null ? null : "'",
          type == STRING || type == SqlType.BYTES ? "length" : null, DatabaseMetaData.typeNullable,
          SqlTypes.isCaseSensitive(type), DatabaseMetaData.typeSearchable, !numeric, type == SqlType.NUMERIC, false,
          SqlTypes.name(type), SqlTypes.scale(type), SqlTypes.scale(type), null, null, numeric ? 10 : null);
    }
    rows.sort(LocalRows.by(1));
    return rows.toResultSet();
  }

  /** 'YES', 'true', 't', '1' (the information schema's spelling of a flag, as text or BOOL). */
  private static boolean yes(String flag) {
    return flag != null && switch (flag.trim().toLowerCase(Locale.ROOT)) {
      case "yes", "y", "true", "t", "1" -> true;
      default -> false;
    };
  }

  /** The length in {@code STRING(20)}, or {@code otherwise}. */
  private static int declaredLength(String dataType, int otherwise) {
    if (dataType == null) {
      return otherwise;
    }
    int open = dataType.indexOf('(');
    int close = dataType.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return otherwise;
    }
    try {
      return Integer.parseInt(dataType.substring(open + 1, close).trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}

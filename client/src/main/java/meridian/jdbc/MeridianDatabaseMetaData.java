package meridian.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * What Meridian is and supports, for tools. The catalog's result sets come from {@link
 * CatalogResults}; the kinds of object Meridian has none of (procedures, functions, user-defined
 * types, privileges, foreign keys) are empty results with JDBC's column names. One line per
 * plain answer.
 */
final class MeridianDatabaseMetaData implements DatabaseMetaData {
  /** Words Meridian reserves beyond SQL:2003's keywords. */
  static final String SQL_KEYWORDS = "BOOL,BYTES,FLOAT64,INT64,STRING,NUMERIC,SPLIT,UPSERT,SHOW,EXPLAIN,"
      + "READ_ONLY,READ_ONLY_STALENESS,STRONG,EXACT_STALENESS,MAX_STALENESS,READ_TIMESTAMP,MIN_READ_TIMESTAMP";

  private final MeridianConnection connection;
  private final CatalogResults catalog;

  MeridianDatabaseMetaData(MeridianConnection connection) {
    this.connection = connection;
    this.catalog = new CatalogResults(connection);
  }

  // The product and the driver.
  @Override public String getURL() { return connection.url(); }
  @Override public String getUserName() { return ""; }
  @Override public boolean isReadOnly() throws SQLException { return connection.isReadOnly(); }
  @Override public String getDatabaseProductName() { return "Meridian"; }
  @Override public String getDatabaseProductVersion() { return connection.serverVersion(); }
  @Override public int getDatabaseMajorVersion() { return MeridianDriver.versionPart(connection.serverVersion(), 0); }
  @Override public int getDatabaseMinorVersion() { return MeridianDriver.versionPart(connection.serverVersion(), 1); }
  @Override public String getDriverName() { return MeridianDriver.NAME; }
  @Override public String getDriverVersion() { return MeridianDriver.VERSION; }
  @Override public int getDriverMajorVersion() { return MeridianDriver.MAJOR_VERSION; }
  @Override public int getDriverMinorVersion() { return MeridianDriver.MINOR_VERSION; }
  @Override public int getJDBCMajorVersion() { return 4; }
  @Override public int getJDBCMinorVersion() { return 3; }
  @Override public Connection getConnection() { return connection; }
  @Override public int getSQLStateType() { return sqlStateSQL; }
  @Override public boolean usesLocalFiles() { return false; }
  @Override public boolean usesLocalFilePerTable() { return false; }

  // Names, quoting and SQL text.
  @Override public String getIdentifierQuoteString() { return "\""; }
  @Override public String getSQLKeywords() { return SQL_KEYWORDS; }
  @Override public String getNumericFunctions() { return "ABS,MOD,ROUND,FLOOR,CEIL"; }
  @Override public String getStringFunctions() { return "CONCAT,LENGTH,LOWER,UPPER,SUBSTR,TRIM"; }
  @Override public String getSystemFunctions() { return ""; }
  @Override public String getTimeDateFunctions() { return "CURRENT_TIMESTAMP,CURRENT_DATE"; }
  @Override public String getSearchStringEscape() { return "\\"; }
  @Override public String getExtraNameCharacters() { return ""; }
  @Override public boolean supportsMixedCaseIdentifiers() { return false; }
  @Override public boolean storesUpperCaseIdentifiers() { return false; }
  @Override public boolean storesLowerCaseIdentifiers() { return false; }
  @Override public boolean storesMixedCaseIdentifiers() { return true; }
  @Override public boolean supportsMixedCaseQuotedIdentifiers() { return true; }
  @Override public boolean storesUpperCaseQuotedIdentifiers() { return false; }
  @Override public boolean storesLowerCaseQuotedIdentifiers() { return false; }
  @Override public boolean storesMixedCaseQuotedIdentifiers() { return true; }
  @Override public String getSchemaTerm() { return "schema"; }
  @Override public String getProcedureTerm() { return "procedure"; }
  @Override public String getCatalogTerm() { return "catalog"; }
  @Override public boolean isCatalogAtStart() { return true; }
  @Override public String getCatalogSeparator() { return "."; }

  // The SQL Meridian runs.
  @Override public boolean allProceduresAreCallable() { return false; }
  @Override public boolean allTablesAreSelectable() { return true; }
  @Override public boolean nullsAreSortedHigh() { return false; }
  @Override public boolean nullsAreSortedLow() { return true; }
  @Override public boolean nullsAreSortedAtStart() { return false; }
  @Override public boolean nullsAreSortedAtEnd() { return false; }
  @Override public boolean supportsAlterTableWithAddColumn() { return true; }
  @Override public boolean supportsAlterTableWithDropColumn() { return true; }
  @Override public boolean supportsColumnAliasing() { return true; }
  @Override public boolean nullPlusNonNullIsNull() { return true; }
  @Override public boolean supportsConvert() { return false; }
  @Override public boolean supportsConvert(int fromType, int toType) { return false; }
  @Override public boolean supportsTableCorrelationNames() { return true; }
  @Override public boolean supportsDifferentTableCorrelationNames() { return false; }
  @Override public boolean supportsExpressionsInOrderBy() { return true; }
  @Override public boolean supportsOrderByUnrelated() { return true; }
  @Override public boolean supportsGroupBy() { return true; }
  @Override public boolean supportsGroupByUnrelated() { return true; }
  @Override public boolean supportsGroupByBeyondSelect() { return true; }
  @Override public boolean supportsLikeEscapeClause() { return true; }
  @Override public boolean supportsMultipleResultSets() { return false; }
  @Override public boolean supportsMultipleTransactions() { return true; }
  @Override public boolean supportsNonNullableColumns() { return true; }
  @Override public boolean supportsMinimumSQLGrammar() { return true; }
  @Override public boolean supportsCoreSQLGrammar() { return false; }
  @Override public boolean supportsExtendedSQLGrammar() { return false; }
  @Override public boolean supportsANSI92EntryLevelSQL() { return false; }
  @Override public boolean supportsANSI92IntermediateSQL() { return false; }
  @Override public boolean supportsANSI92FullSQL() { return false; }
  @Override public boolean supportsIntegrityEnhancementFacility() { return false; }
  @Override public boolean supportsOuterJoins() { return true; }
  @Override public boolean supportsFullOuterJoins() { return false; }
  @Override public boolean supportsLimitedOuterJoins() { return true; }
  @Override public boolean supportsSchemasInDataManipulation() { return false; }
  @Override public boolean supportsSchemasInProcedureCalls() { return false; }
  @Override public boolean supportsSchemasInTableDefinitions() { return false; }
  @Override public boolean supportsSchemasInIndexDefinitions() { return false; }
  @Override public boolean supportsSchemasInPrivilegeDefinitions() { return false; }
  @Override public boolean supportsCatalogsInDataManipulation() { return false; }
  @Override public boolean supportsCatalogsInProcedureCalls() { return false; }
  @Override public boolean supportsCatalogsInTableDefinitions() { return false; }
  @Override public boolean supportsCatalogsInIndexDefinitions() { return false; }
  @Override public boolean supportsCatalogsInPrivilegeDefinitions() { return false; }
  @Override public boolean supportsPositionedDelete() { return false; }
  @Override public boolean supportsPositionedUpdate() { return false; }
  @Override public boolean supportsSelectForUpdate() { return false; }
  @Override public boolean supportsStoredProcedures() { return false; }
  @Override public boolean supportsStoredFunctionsUsingCallSyntax() { return false; }
  @Override public boolean supportsSubqueriesInComparisons() { return true; }
  @Override public boolean supportsSubqueriesInExists() { return true; }
  @Override public boolean supportsSubqueriesInIns() { return true; }
  @Override public boolean supportsSubqueriesInQuantifieds() { return false; }
  @Override public boolean supportsCorrelatedSubqueries() { return false; }
  @Override public boolean supportsUnion() { return true; }
  @Override public boolean supportsUnionAll() { return true; }

  // Transactions: always serializable.
  @Override public int getDefaultTransactionIsolation() { return Connection.TRANSACTION_SERIALIZABLE; }
  @Override public boolean supportsTransactions() { return true; }
  @Override public boolean supportsTransactionIsolationLevel(int level) { return level == Connection.TRANSACTION_SERIALIZABLE; }
  @Override public boolean supportsDataDefinitionAndDataManipulationTransactions() { return false; }
  @Override public boolean supportsDataManipulationTransactionsOnly() { return true; }
  @Override public boolean dataDefinitionCausesTransactionCommit() { return false; }
  @Override public boolean dataDefinitionIgnoredInTransactions() { return false; }
  @Override public boolean supportsOpenCursorsAcrossCommit() { return false; }
  @Override public boolean supportsOpenCursorsAcrossRollback() { return false; }
  @Override public boolean supportsOpenStatementsAcrossCommit() { return true; }
  @Override public boolean supportsOpenStatementsAcrossRollback() { return true; }
  @Override public boolean supportsSavepoints() { return false; }
  @Override public boolean autoCommitFailureClosesAllResultSets() { return false; }

  // Result sets and statements.
  @Override public boolean supportsResultSetType(int type) { return type == ResultSet.TYPE_FORWARD_ONLY; }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  @Override public boolean supportsResultSetHoldability(int holdability) { return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT; }
  @Override public int getResultSetHoldability() { return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
  @Override public boolean ownUpdatesAreVisible(int type) { return false; }
  @Override public boolean ownDeletesAreVisible(int type) { return false; }
  @Override public boolean ownInsertsAreVisible(int type) { return false; }
  @Override public boolean othersUpdatesAreVisible(int type) { return false; }
  @Override public boolean othersDeletesAreVisible(int type) { return false; }
  @Override public boolean othersInsertsAreVisible(int type) { return false; }
  @Override public boolean updatesAreDetected(int type) { return false; }
  @Override public boolean deletesAreDetected(int type) { return false; }
  @Override public boolean insertsAreDetected(int type) { return false; }
  @Override public boolean supportsBatchUpdates() { return true; }
  @Override public boolean supportsNamedParameters() { return false; }
  @Override public boolean supportsMultipleOpenResults() { return false; }
  @Override public boolean supportsGetGeneratedKeys() { return false; }
  @Override public boolean generatedKeyAlwaysReturned() { return false; }
  @Override public boolean supportsStatementPooling() { return false; }
  @Override public boolean locatorsUpdateCopy() { return false; }
  @Override public RowIdLifetime getRowIdLifetime() { return RowIdLifetime.ROWID_UNSUPPORTED; }
  @Override public boolean supportsRefCursors() { return false; }
  @Override public boolean supportsSharding() { return false; }

  // Limits (0: no limit or not known).
  @Override public int getMaxBinaryLiteralLength() { return 0; }
  @Override public int getMaxCharLiteralLength() { return 0; }
  @Override public int getMaxColumnNameLength() { return 128; }
  @Override public int getMaxColumnsInGroupBy() { return 0; }
  @Override public int getMaxColumnsInIndex() { return 16; }
  @Override public int getMaxColumnsInOrderBy() { return 0; }
  @Override public int getMaxColumnsInSelect() { return 0; }
  @Override public int getMaxColumnsInTable() { return 1024; }
  @Override public int getMaxConnections() { return 0; }
  @Override public int getMaxCursorNameLength() { return 0; }
  @Override public int getMaxIndexLength() { return 0; }
  @Override public int getMaxSchemaNameLength() { return 0; }
  @Override public int getMaxProcedureNameLength() { return 0; }
  @Override public int getMaxCatalogNameLength() { return 0; }
  @Override public int getMaxRowSize() { return 0; }
  @Override public boolean doesMaxRowSizeIncludeBlobs() { return true; }
  @Override public int getMaxStatementLength() { return 0; }
  @Override public int getMaxStatements() { return 0; }
  @Override public int getMaxTableNameLength() { return 128; }
  @Override public int getMaxTablesInSelect() { return 0; }
  @Override public int getMaxUserNameLength() { return 0; }
  @Override public long getMaxLogicalLobSize() { return 0; }

  // The catalog.
  @Override
  public ResultSet getTables(String catalogName, String schemaPattern, String tablePattern, String[] types) throws SQLException {
    return catalog.tables(catalogName, schemaPattern, tablePattern, types);
  }

  @Override
  public ResultSet getColumns(String catalogName, String schemaPattern, String tablePattern, String columnPattern) throws SQLException {
    return catalog.columns(catalogName, schemaPattern, tablePattern, columnPattern);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalogName, String schema, String table) throws SQLException {
    return catalog.primaryKeys(catalogName, schema, table);
  }

  @Override
  public ResultSet getIndexInfo(String catalogName, String schema, String table, boolean unique, boolean approximate) throws SQLException {
    return catalog.indexInfo(catalogName, schema, table, unique);
  }

  @Override public ResultSet getTypeInfo() { return catalog.typeInfo(); }
  @Override public ResultSet getSchemas() { return catalog.schemas(null, null); }
  @Override public ResultSet getSchemas(String catalogName, String schemaPattern) { return catalog.schemas(catalogName, schemaPattern); }
  @Override public ResultSet getCatalogs() { return catalog.catalogs(); }
  @Override public ResultSet getTableTypes() { return catalog.tableTypes(); }

  // What Meridian has none of: empty results with JDBC's columns.
  @Override
  public ResultSet getProcedures(String c, String s, String p) {
    return LocalRows.empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3",
        "REMARKS", "PROCEDURE_TYPE", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getProcedureColumns(String c, String s, String p, String col) {
    return LocalRows.empty("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
        "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE",
        "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getFunctions(String c, String s, String f) {
    return LocalRows.empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getFunctionColumns(String c, String s, String f, String col) {
    return LocalRows.empty("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
        "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "CHAR_OCTET_LENGTH",
        "ORDINAL_POSITION", "IS_NULLABLE", "SPECIFIC_NAME");
  }

  @Override
  public ResultSet getColumnPrivileges(String c, String s, String t, String col) {
    return LocalRows.empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
  }

  @Override
  public ResultSet getTablePrivileges(String c, String s, String t) {
    return LocalRows.empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "GRANTOR", "GRANTEE", "PRIVILEGE", "IS_GRANTABLE");
  }

  @Override
  public ResultSet getBestRowIdentifier(String c, String s, String t, int scope, boolean nullable) {
    return LocalRows.empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
        "DECIMAL_DIGITS", "PSEUDO_COLUMN");
  }

  @Override
  public ResultSet getVersionColumns(String c, String s, String t) {
    return LocalRows.empty("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH",
        "DECIMAL_DIGITS", "PSEUDO_COLUMN");
  }

  private static ResultSet foreignKeys() {
    return LocalRows.empty("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM",
        "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY");
  }

  @Override public ResultSet getImportedKeys(String c, String s, String t) { return foreignKeys(); }
  @Override public ResultSet getExportedKeys(String c, String s, String t) { return foreignKeys(); }
  @Override public ResultSet getCrossReference(String pc, String ps, String pt, String fc, String fs, String ft) { return foreignKeys(); }

  @Override
  public ResultSet getUDTs(String c, String s, String t, int[] types) {
    return LocalRows.empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "CLASS_NAME", "DATA_TYPE", "REMARKS", "BASE_TYPE");
  }

  @Override
  public ResultSet getSuperTypes(String c, String s, String t) {
    return LocalRows.empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SUPERTYPE_CAT", "SUPERTYPE_SCHEM", "SUPERTYPE_NAME");
  }

  @Override
  public ResultSet getSuperTables(String c, String s, String t) {
    return LocalRows.empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "SUPERTABLE_NAME");
  }

  @Override
  public ResultSet getAttributes(String c, String s, String t, String a) {
    return LocalRows.empty("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "ATTR_NAME", "DATA_TYPE", "ATTR_TYPE_NAME", "ATTR_SIZE",
        "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "ATTR_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB",
        "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
        "SOURCE_DATA_TYPE");
  }

  @Override
  public ResultSet getClientInfoProperties() {
    return LocalRows.empty("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION");
  }

  @Override
  public ResultSet getPseudoColumns(String c, String s, String t, String col) {
    return LocalRows.empty("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "COLUMN_SIZE",
        "DECIMAL_DIGITS", "NUM_PREC_RADIX", "COLUMN_USAGE", "REMARKS", "CHAR_OCTET_LENGTH", "IS_NULLABLE");
  }

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

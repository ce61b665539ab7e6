package meridian.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import meridian.proto.v1.ExecuteRequest;
import meridian.proto.v1.ExecuteResponse;
import meridian.proto.v1.SqlValue;

/**
 * A JDBC connection: one session at one node ({@link SessionChannel}), driven by a {@link
 * TransactionRunner}. Transactions are always SERIALIZABLE (Meridian's are strictly
 * serializable); a weaker level asked for is upgraded, as JDBC allows.
 *
 * <p>One thread at a time: a second thread that calls in while a statement runs is refused at
 * once (55006) rather than made to wait, so no lock is ever held while another thread blocks on
 * it. {@link #close} and {@link Statement#cancel} work from any thread.
 */
final class MeridianConnection implements Connection {
  private final String url;
  private final ConnectionConfig config;
  private final TransactionRunner runner;
  // Only ever tryLock()ed: guards against concurrent use, never waited on (STYLE.md, principle 4).
  private final ReentrantLock inUse = new ReentrantLock();
  private final Set<MeridianStatement> openStatements = ConcurrentHashMap.newKeySet();
  private final Properties clientInfo = new Properties();
  private volatile boolean closed;
  private int networkTimeoutMillis;

  private MeridianConnection(String url, ConnectionConfig config) {
    this.url = url;
    this.config = config;
    this.runner = new TransactionRunner(config);
  }

  static MeridianConnection open(String url, ConnectionConfig config) throws SQLException {
    MeridianConnection connection = new MeridianConnection(url, config);
    connection.runner.open();
    return connection;
  }

  ConnectionConfig config() {
    return config;
  }

  String url() {
    return url;
  }

  String serverVersion() {
    return runner.session().serverVersion();
  }

  /** Runs an application statement (from a Statement of this connection). */
  ExecuteResponse execute(String sql, List<SqlValue> parameters, int maxRows, int timeoutSeconds) throws SQLException {
    ExecuteRequest request = ExecuteRequest.newBuilder().setSql(sql).addAllParameters(parameters).setMaxRows(maxRows).build();
    return guarded(() -> runner.execute(request, TimeUnit.SECONDS.toMillis(timeoutSeconds)));
  }

  /** Runs a statement of the driver's own (metadata): never begins a transaction, never recorded. */
  ExecuteResponse executeInternal(String sql) throws SQLException {
    return guarded(() -> runner.executeInternal(sql, TimeUnit.SECONDS.toMillis(config.queryTimeoutSeconds())));
  }

  void forget(MeridianStatement statement) {
    openStatements.remove(statement);
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T guarded(Work<T> work) throws SQLException {
    checkOpen();
    if (!inUse.tryLock()) {
      throw new SQLException("the connection is in use by another thread (a JDBC connection runs one statement at a time)", "55006");
    }
    try {
      return work.run();
    } finally {
      inUse.unlock();
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    return register(new MeridianStatement(this));
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    checkResultSetKind(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return createStatement();
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    checkResultSetKind(type, concurrency, holdability);
    return createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    return register(new MeridianPreparedStatement(this, sql));
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
    checkResultSetKind(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
    checkResultSetKind(type, concurrency, holdability);
    return prepareStatement(sql);
  }

  /** Meridian has no generated keys: asking for them is allowed and getGeneratedKeys is empty. */
  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    MeridianStatement.checkAutoGeneratedKeys(autoGeneratedKeys);
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    throw SqlExceptions.notSupported("generated key columns");
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    throw SqlExceptions.notSupported("generated key columns");
  }

  @Override public CallableStatement prepareCall(String sql) throws SQLException { throw SqlExceptions.notSupported("stored procedures"); }
  @Override public CallableStatement prepareCall(String sql, int t, int c) throws SQLException { throw SqlExceptions.notSupported("stored procedures"); }
  @Override public CallableStatement prepareCall(String sql, int t, int c, int h) throws SQLException { throw SqlExceptions.notSupported("stored procedures"); }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    guarded(() -> {
      runner.setAutoCommit(autoCommit);
      return null;
    });
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return runner.autoCommit();
  }

  @Override
  public void commit() throws SQLException {
    guarded(() -> {
      runner.commit();
      return null;
    });
  }

  @Override
  public void rollback() throws SQLException {
    guarded(() -> {
      runner.rollback();
      return null;
    });
  }

  /** Closes every statement, then the session (the node rolls back an open transaction) and the channel. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (MeridianStatement statement : List.copyOf(openStatements)) {
      statement.closeQuietly();
    }
    if (inUse.tryLock()) {
      try {
        runner.close();
      } finally {
        inUse.unlock();
      }
    } else {
      // Another thread is in a call: cut the channel under it (its call fails) rather than wait.
      runner.session().abort();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return new MeridianDatabaseMetaData(this);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    guarded(() -> {
      runner.setReadOnly(readOnly);
      return null;
    });
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return runner.readOnly();
  }

  /** Meridian has no catalogs: JDBC says to ignore the call. */
  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen();
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return "";
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    switch (level) {
      // Weaker levels run as SERIALIZABLE: JDBC lets a driver use a stricter level than asked.
      case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED, TRANSACTION_REPEATABLE_READ, TRANSACTION_SERIALIZABLE -> {}
      case TRANSACTION_NONE -> throw SqlExceptions.notSupported("TRANSACTION_NONE (every statement runs in a transaction)");
      default -> throw new SQLException("unknown transaction isolation level " + level, "22023");
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return TRANSACTION_SERIALIZABLE;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return new java.util.HashMap<>();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    checkOpen();
    if (map != null && !map.isEmpty()) {
      throw SqlExceptions.notSupported("user-defined type maps");
    }
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkOpen();
    if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
      throw SqlExceptions.notSupported("holdability other than CLOSE_CURSORS_AT_COMMIT");
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override public Savepoint setSavepoint() throws SQLException { throw SqlExceptions.notSupported("savepoints"); }
  @Override public Savepoint setSavepoint(String name) throws SQLException { throw SqlExceptions.notSupported("savepoints"); }
  @Override public void rollback(Savepoint savepoint) throws SQLException { throw SqlExceptions.notSupported("savepoints"); }
  @Override public void releaseSavepoint(Savepoint savepoint) throws SQLException { throw SqlExceptions.notSupported("savepoints"); }
  @Override public Clob createClob() throws SQLException { throw SqlExceptions.notSupported("CLOB"); }
  @Override public Blob createBlob() throws SQLException { throw SqlExceptions.notSupported("BLOB"); }
  @Override public NClob createNClob() throws SQLException { throw SqlExceptions.notSupported("NCLOB"); }
  @Override public SQLXML createSQLXML() throws SQLException { throw SqlExceptions.notSupported("SQLXML"); }
  @Override public Array createArrayOf(String typeName, Object[] elements) throws SQLException { throw SqlExceptions.notSupported("arrays"); }
  @Override public Struct createStruct(String typeName, Object[] attributes) throws SQLException { throw SqlExceptions.notSupported("structs"); }

  /** Runs SELECT 1 within {@code timeoutSeconds} (0: the connection's query timeout). */
  @Override
  public boolean isValid(int timeoutSeconds) throws SQLException {
    if (timeoutSeconds < 0) {
      throw new SQLException("isValid timeout " + timeoutSeconds + " is negative", "22023");
    }
    if (closed) {
      return false;
    }
    if (!inUse.tryLock()) {
      // A statement is running on it: it is in use, so not idle-broken as far as we can tell.
      return true;
    }
    try {
      long timeoutMillis = TimeUnit.SECONDS.toMillis(timeoutSeconds > 0 ? timeoutSeconds : config.queryTimeoutSeconds());
      runner.executeInternal("SELECT 1", timeoutMillis);
      return true;
    } catch (SQLException e) {
      return false;
    } finally {
      inUse.unlock();
    }
  }

  /** Kept for getClientInfo; Meridian has no client info of its own. */
  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (closed) {
      throw new SQLClientInfoException("connection is closed", "08003", Map.of(name, ClientInfoStatus.REASON_UNKNOWN));
    }
    if (value == null) {
      clientInfo.remove(name);
    } else {
      clientInfo.setProperty(name, value);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    for (String name : properties.stringPropertyNames()) {
      setClientInfo(name, properties.getProperty(name));
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return clientInfo.getProperty(name);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    Properties copy = new Properties();
    copy.putAll(clientInfo);
    return copy;
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    if (schema != null && !schema.isEmpty()) {
      throw SqlExceptions.notSupported("schemas (the only schema is \"\")");
    }
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return "";
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw new SQLException("abort needs an executor", "22023");
    }
    closed = true;
    runner.session().abort();
  }

  /** Recorded for getNetworkTimeout; every call already has a deadline (the statement's timeout plus a grace). */
  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    if (milliseconds < 0) {
      throw new SQLException("network timeout " + milliseconds + " is negative", "22023");
    }
    networkTimeoutMillis = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return networkTimeoutMillis;
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

  private <S extends MeridianStatement> S register(S statement) {
    openStatements.add(statement);
    return statement;
  }

  private void checkResultSetKind(int type, int concurrency, int holdability) throws SQLException {
    checkOpen();
    if (type != ResultSet.TYPE_FORWARD_ONLY) {
      throw SqlExceptions.notSupported("scrollable result sets");
    }
    if (concurrency != ResultSet.CONCUR_READ_ONLY) {
      throw SqlExceptions.notSupported("updatable result sets");
    }
    if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
      throw SqlExceptions.notSupported("holdability other than CLOSE_CURSORS_AT_COMMIT");
    }
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw SqlExceptions.closed("connection");
    }
  }
}

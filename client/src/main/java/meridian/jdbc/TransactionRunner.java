package meridian.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import meridian.proto.v1.ExecuteRequest;
import meridian.proto.v1.ExecuteResponse;

/**
 * Runs a connection's statements in the transactions JDBC asks for, over a {@link SessionChannel}.
 *
 * <ul>
 *   <li>Autocommit: each statement is sent as it is; the node runs it in its own transaction.
 *   <li>Manual commit: a BEGIN (BEGIN READ ONLY for a read-only connection) is sent lazily before
 *       the first statement of each transaction; DDL and session settings never begin one.
 *   <li>Inside a transaction every statement is recorded with a checksum of its outcome ({@link
 *       RecordedTransaction}). When a statement or the COMMIT is aborted (40001), the transaction
 *       is begun again, the recorded statements replayed, and if every checksum matches the
 *       failed statement (or the COMMIT) runs again; otherwise 40001 "the retry saw different
 *       data". At most {@code maxRetries} times.
 *   <li>A COMMIT, or an autocommit write, interrupted in transit is 40003 and never retried.
 *   <li>A lost node: outside a transaction the statement runs on a new session at another host
 *       (a write only when it provably never left); inside one the transaction is lost (40001)
 *       and the connection starts afresh.
 * </ul>
 *
 * Not thread-safe: {@link MeridianConnection} lets one thread in at a time.
 */
final class TransactionRunner implements AutoCloseable {
  static final long BACKOFF_MILLIS_MAX = 1_000;

  private final ConnectionConfig config;
  private final SessionChannel session;
  /** The last SET of each session variable outside a transaction, run again on every new session. */
  private final Map<String, String> sessionSettings = new LinkedHashMap<>();
  private boolean autoCommit = true;
  private boolean readOnly;
  // Invariant: inTransaction is what the node's last reply said; recorded != null only while
  // inTransaction and retryAbortsInternally.
  private boolean inTransaction;
  private RecordedTransaction recorded;

  TransactionRunner(ConnectionConfig config) {
    this.config = config;
    this.session = new SessionChannel(config, this::applySettings);
    if (config.readOnlyStaleness() != null) {
      sessionSettings.put("READ_ONLY_STALENESS", "SET READ_ONLY_STALENESS = '" + config.readOnlyStaleness() + "'");
    }
  }

  void open() throws SQLException {
    session.open();
  }

  SessionChannel session() {
    return session;
  }

  boolean autoCommit() {
    return autoCommit;
  }

  boolean readOnly() {
    return readOnly;
  }

  boolean inTransaction() {
    return inTransaction;
  }

  /** Runs one statement of the application's. */
  ExecuteResponse execute(ExecuteRequest request, long timeoutMillis) throws SQLException {
    StatementKind kind = StatementKind.of(request.getSql());
    return switch (kind) {
      case COMMIT -> inTransaction ? commitTransaction() : ExecuteResponse.getDefaultInstance();
      case ROLLBACK -> inTransaction ? rollbackTransaction() : ExecuteResponse.getDefaultInstance();
      case BEGIN -> {
        ExecuteResponse response = send(request, timeoutMillis, SqlExceptions.Call.STATEMENT);
        startRecording(request.getSql());
        yield response;
      }
      case SET_SESSION -> {
        boolean outside = !inTransaction;
        ExecuteResponse response = send(request, timeoutMillis, SqlExceptions.Call.STATEMENT);
        if (outside) {
          sessionSettings.put(StatementKind.settingName(request.getSql()), request.getSql());
        }
        yield response;
      }
      case DDL -> send(request, timeoutMillis, inTransaction ? SqlExceptions.Call.STATEMENT : SqlExceptions.Call.COMMIT);
      case QUERY, WRITE, SET_TRANSACTION -> {
        if (!autoCommit && !inTransaction) {
          begin();
        }
        if (inTransaction) {
          yield executeInTransaction(request, timeoutMillis);
        }
        yield send(request, timeoutMillis, kind == StatementKind.WRITE ? SqlExceptions.Call.COMMIT : SqlExceptions.Call.STATEMENT);
      }
    };
  }

  /** Runs a statement of the driver's own (metadata, isValid): no lazy BEGIN, not recorded. */
  ExecuteResponse executeInternal(String sql, long timeoutMillis) throws SQLException {
    return send(request(sql), timeoutMillis, SqlExceptions.Call.STATEMENT);
  }

  void commit() throws SQLException {
    if (autoCommit && !inTransaction) {
      throw new SQLException("commit() called in auto-commit mode", "25000");
    }
    if (inTransaction) {
      commitTransaction();
    }
  }

  void rollback() throws SQLException {
    if (autoCommit && !inTransaction) {
      throw new SQLException("rollback() called in auto-commit mode", "25000");
    }
    if (inTransaction) {
      rollbackTransaction();
    }
  }

  /** JDBC: turning autocommit on inside a transaction commits it. */
  void setAutoCommit(boolean on) throws SQLException {
    if (on && !autoCommit && inTransaction) {
      commitTransaction();
    }
    autoCommit = on;
  }

  /** Read-only: the session refuses writes (25006) and reads lock-free; a manual transaction begins READ ONLY. */
  void setReadOnly(boolean on) throws SQLException {
    if (on == readOnly) {
      return;
    }
    if (inTransaction) {
      throw new SQLException("cannot change read-only mode inside a transaction", "25001");
    }
    String sql = "SET READ_ONLY = " + (on ? "TRUE" : "FALSE");
    send(request(sql), 0, SqlExceptions.Call.STATEMENT);
    sessionSettings.put("READ_ONLY", sql);
    readOnly = on;
  }

  private void applySettings(SessionChannel opened) throws SQLException {
    for (String sql : sessionSettings.values()) {
      opened.execute(request(sql), 0, SqlExceptions.Call.STATEMENT);
    }
  }

  private void begin() throws SQLException {
    String sql = readOnly ? "BEGIN READ ONLY" : "BEGIN";
    ExecuteResponse response = send(request(sql), 0, SqlExceptions.Call.STATEMENT);
    if (!response.getInTransaction()) {
      throw new SQLException("node " + session.node() + " did not begin a transaction for " + sql, SqlExceptions.INTERNAL);
    }
    startRecording(sql);
  }

  private void startRecording(String beginSql) {
    recorded = inTransaction && config.retryAbortsInternally() ? new RecordedTransaction(beginSql) : null;
  }

  private ExecuteResponse executeInTransaction(ExecuteRequest request, long timeoutMillis) throws SQLException {
    try {
      ExecuteResponse response = send(request, timeoutMillis, SqlExceptions.Call.STATEMENT);
      record(request, timeoutMillis, RecordedTransaction.checksum(response));
      return response;
    } catch (SQLException e) {
      if (isAbort(e)) {
        return retryAfterAbort(e, request, timeoutMillis);
      }
      record(request, timeoutMillis, RecordedTransaction.checksum(e));
      throw e;
    }
  }

  private ExecuteResponse commitTransaction() throws SQLException {
    try {
      // A read-only transaction writes nothing: a COMMIT lost in flight changed nothing either.
      ExecuteResponse response = send(request("COMMIT"), 0, readOnly ? SqlExceptions.Call.STATEMENT : SqlExceptions.Call.COMMIT);
      recorded = null;
      return response;
    } catch (SQLException e) {
      if (isAbort(e)) {
        return retryAfterAbort(e, null, 0);
      }
      // Failed or unknown: either way this transaction is over and must not be retried.
      abandonTransaction();
      throw e;
    }
  }

  private ExecuteResponse rollbackTransaction() throws SQLException {
    try {
      return send(request("ROLLBACK"), 0, SqlExceptions.Call.STATEMENT);
    } catch (SQLException e) {
      if (session.isLost()) {
        // The node is gone with the transaction, which never committed: that is a rollback.
        return ExecuteResponse.getDefaultInstance();
      }
      throw e;
    } finally {
      inTransaction = false;
      recorded = null;
    }
  }

  /**
   * Replays the aborted transaction: BEGIN again, every recorded statement (checking each
   * outcome's checksum), then {@code failed} again ({@code null}: the COMMIT).
   */
  private ExecuteResponse retryAfterAbort(SQLException abort, ExecuteRequest failed, long timeoutMillis) throws SQLException {
    RecordedTransaction log = recorded;
    if (log == null || !log.replayable()) {
      abandonTransaction();
      throw abort;
    }
    SQLException lastAbort = abort;
    for (int attempt = 1; attempt <= config.maxRetries(); attempt++) {
      try {
        backoff(attempt, lastAbort);
      } catch (SQLException interrupted) {
        abandonTransaction();
        throw interrupted;
      }
      rollbackQuietly();
      String different;
      try {
        send(request(log.beginSql()), 0, SqlExceptions.Call.STATEMENT);
        recorded = new RecordedTransaction(log.beginSql());
        different = replayAll(log);
        if (different == null) {
          if (failed == null) {
            // A read-only transaction writes nothing: a COMMIT lost in flight changed nothing either.
      ExecuteResponse response = send(request("COMMIT"), 0, readOnly ? SqlExceptions.Call.STATEMENT : SqlExceptions.Call.COMMIT);
            recorded = null;
            return response;
          }
          return executeAgain(failed, timeoutMillis);
        }
      } catch (SQLException e) {
        if (!isAbort(e)) {
          // A statement's own failure leaves its transaction open, as the first attempt's would;
          // anything else (BEGIN, COMMIT, a lost node) ends it.
          if (failed == null || !inTransaction) {
            abandonTransaction();
          }
          throw e;
        }
        lastAbort = e;
        continue;
      }
      abandonTransaction();
      throw new SQLTransactionRollbackException(
          "transaction aborted and the retry saw different data (statement: " + different + ")",
          SqlExceptions.SERIALIZATION_FAILURE, lastAbort);
    }
    abandonTransaction();
    throw new SQLTransactionRollbackException(
        "transaction aborted " + (config.maxRetries() + 1) + " times; gave up (maxRetries=" + config.maxRetries() + ")",
        SqlExceptions.SERIALIZATION_FAILURE, lastAbort);
  }

  /** Replays every recorded statement into {@link #recorded}: null when all saw what they saw before, else the first that did not. */
  private String replayAll(RecordedTransaction log) throws SQLException {
    for (RecordedTransaction.Entry entry : log.entries()) {
      byte[] checksum = replay(entry);
      if (!RecordedTransaction.same(checksum, entry.checksum())) {
        return entry.request().getSql();
      }
      recorded.record(entry.request(), entry.timeoutMillis(), checksum);
    }
    return null;
  }

  /** One recorded statement run again: the checksum of its outcome; an abort propagates. */
  private byte[] replay(RecordedTransaction.Entry entry) throws SQLException {
    try {
      return RecordedTransaction.checksum(send(entry.request(), entry.timeoutMillis(), SqlExceptions.Call.STATEMENT));
    } catch (SQLException e) {
      if (isAbort(e)) {
        throw e;
      }
      return RecordedTransaction.checksum(e);
    }
  }

  /** The statement that was aborted, run in the retried transaction and recorded there. */
  private ExecuteResponse executeAgain(ExecuteRequest failed, long timeoutMillis) throws SQLException {
    try {
      ExecuteResponse response = send(failed, timeoutMillis, SqlExceptions.Call.STATEMENT);
      record(failed, timeoutMillis, RecordedTransaction.checksum(response));
      return response;
    } catch (SQLException e) {
      if (!isAbort(e)) {
        record(failed, timeoutMillis, RecordedTransaction.checksum(e));
      }
      throw e;
    }
  }

  /**
   * Sends one statement. When the session's node was lost: outside a transaction a new session
   * is opened, and the statement sent again on it unless it may have committed (an autocommit
   * write that may have reached the node stays 40003); inside a transaction the transaction is
   * gone with the node (40001).
   */
  private ExecuteResponse send(ExecuteRequest request, long timeoutMillis, SqlExceptions.Call call) throws SQLException {
    if (session.isLost()) {
      session.reopen();
    }
    boolean wasInTransaction = inTransaction;
    try {
      return received(session.execute(request, timeoutMillis, call));
    } catch (SQLException e) {
      if (!session.isLost()) {
        throw e;
      }
      if (wasInTransaction) {
        inTransaction = false;
        recorded = null;
        if (e instanceof MeridianOutcomeUnknownException) {
          throw e;
        }
        throw new SQLTransactionRollbackException(
            "the connection to node " + session.node() + " was lost inside a transaction; the transaction did not commit: "
                + e.getMessage(), SqlExceptions.SERIALIZATION_FAILURE, e);
      }
      // Outside a transaction a call that commits nothing (a read, a setting, BEGIN) is safe to
      // send again on a new session; one that may have committed only if it provably never left.
      if (call == SqlExceptions.Call.COMMIT && !SqlExceptions.neverSent(e)) {
        throw e;
      }
      session.reopen();
      return received(session.execute(request, timeoutMillis, call));
    }
  }

  private ExecuteResponse received(ExecuteResponse response) {
    inTransaction = response.getInTransaction();
    if (!inTransaction) {
      recorded = null;
    }
    return response;
  }

  private void record(ExecuteRequest request, long timeoutMillis, byte[] checksum) {
    if (recorded != null && inTransaction) {
      recorded.record(request, timeoutMillis, checksum);
    }
  }

  private boolean isAbort(SQLException e) {
    return SqlExceptions.SERIALIZATION_FAILURE.equals(e.getSQLState()) && inTransaction && !session.isLost();
  }

  /** Ends the transaction here and, if the node is still there, at the node too. */
  private void abandonTransaction() {
    rollbackQuietly();
    inTransaction = false;
    recorded = null;
  }

  private void rollbackQuietly() {
    if (session.isLost() || session.isClosed()) {
      return;
    }
    try {
      session.execute(request("ROLLBACK"), 0, SqlExceptions.Call.STATEMENT);
    } catch (SQLException e) {
      // Nothing to roll back (the abort ended it), or the node is gone: the transaction is over either way.
    }
  }

  /** Jittered exponential backoff before a retry, so that two transactions that keep aborting each other spread out. */
  private static void backoff(int attempt, SQLException abort) throws SQLException {
    long base = Math.min(BACKOFF_MILLIS_MAX, 5L << Math.min(attempt - 1, 10));
    try {
      // A pause, not a wait for an event: nothing signals when a conflict has gone.
      Thread.sleep(base + ThreadLocalRandom.current().nextLong(base + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransactionRollbackException("interrupted while retrying an aborted transaction", SqlExceptions.SERIALIZATION_FAILURE, abort);
    }
  }

  static ExecuteRequest request(String sql) {
    return ExecuteRequest.newBuilder().setSql(sql).build();
  }

  @Override
  public void close() {
    session.close();
    inTransaction = false;
    recorded = null;
  }
}

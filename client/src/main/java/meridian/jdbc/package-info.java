/**
 * Meridian's JDBC 4.3 driver: {@code jdbc:meridian://host1:port1[,host2:port2...][/database][?property=value&...]},
 * a thin layer over the SQL service ({@code meridian.v1.SqlService}): every statement is one
 * {@code Execute} call on a session, and its rows come back in the reply.
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@link meridian.jdbc.MeridianDriver} parses the URL ({@link meridian.jdbc.ConnectionConfig},
 *       properties in {@link meridian.jdbc.ConnectionProperty}) and opens a connection.
 *   <li>{@link meridian.jdbc.SessionChannel}: one session at one node over one gRPC channel, and
 *       a new session at another host when that node is lost.
 *   <li>{@link meridian.jdbc.TransactionRunner}: autocommit or lazily begun transactions, the
 *       record of a transaction's statements, the replay of an aborted one, COMMIT and ROLLBACK.
 *   <li>{@link meridian.jdbc.MeridianConnection}, {@link meridian.jdbc.MeridianStatement}, {@link
 *       meridian.jdbc.MeridianPreparedStatement}, {@link meridian.jdbc.MeridianResultSet}, {@link
 *       meridian.jdbc.MeridianDatabaseMetaData}: the JDBC surface.
 *   <li>{@link meridian.jdbc.SqlExceptions}: the one place a gRPC status becomes a SQLException.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Transactions are strictly serializable (the server's); the driver reports
 *       TRANSACTION_SERIALIZABLE and upgrades any weaker level asked for.
 *   <li>An aborted transaction (40001) is replayed only if every replayed statement returns what
 *       it returned before (SHA-256 over its rows or update count, or the SQLState it failed
 *       with); the application therefore never sees a transaction commit after reading data it
 *       did not see. Otherwise it gets 40001 and retries itself.
 *   <li>A COMMIT (or an autocommit write) whose reply was lost is reported as 40003 ({@link
 *       meridian.jdbc.MeridianOutcomeUnknownException}), never retried and never reported as
 *       failed: it may have committed. Only a connection that was never made proves a call was not
 *       sent: such a write, or any read or setting outside a transaction, is sent again at once on
 *       a session at another host.
 *   <li>Failover never crosses a transaction: a session lost inside one loses the transaction
 *       (40001, it did not commit); the next statement opens a session at another host and runs
 *       the connection's settings (staleness, read-only, earlier SETs) again.
 * </ul>
 *
 * <h2>Limits</h2>
 * Every call has a deadline (the statement's timeout plus {@link
 * meridian.jdbc.SessionChannel#DEADLINE_GRACE_MILLIS}, or {@link
 * meridian.jdbc.SessionChannel#CALL_DEADLINE_MILLIS_MAX}); batches hold at most {@link
 * meridian.jdbc.MeridianStatement#BATCH_STATEMENTS_MAX} statements; a transaction with more than
 * {@link meridian.jdbc.RecordedTransaction#STATEMENTS_MAX} statements is not replayed; replies are
 * at most {@link meridian.jdbc.SessionChannel#MESSAGE_BYTES_MAX} bytes. A connection runs one call
 * at a time: another thread calling in meanwhile gets 55006 at once.
 *
 * <h2>HAZARD</h2>
 * The replay's safety rests on the checksum covering everything the application saw. Result sets
 * arrive whole, so it covers every row the node sent, but the application may have acted on
 * something outside the transaction (a clock, another connection) between statements: the replay
 * cannot see that. Applications for which that matters set {@code retryAbortsInternally=false}
 * and retry whole transactions themselves.
 */
package meridian.jdbc;

/**
 * The Meridian node and the {@code meridian} command line: the adapters that put the protocol cores
 * on real threads, sockets and disks.
 *
 * <ul>
 *   <li>{@link meridian.server.node}: a node's lifecycle ({@link meridian.server.node.Node}), its
 *       flags, metrics and the one mapping of internal errors to gRPC statuses.
 *   <li>{@link meridian.server.time}: TrueTime sync over gRPC (the master side and the polling
 *       loop); the arithmetic lives in {@code meridian.truetime}.
 *   <li>{@link meridian.server.kv}: the key/value service, node-local until replication.
 *   <li>{@link meridian.server.admin}: status, health and fault injection.
 *   <li>{@link meridian.server.cluster}: local clusters of node processes ({@code meridian up}).
 *   <li>{@link meridian.server.cli}: the launcher's commands.
 * </ul>
 *
 * <p>Guarantees: a node that cannot start (port in use, data directory locked, foreign or corrupted)
 * says why in one line and exits non-zero, leaving the data directory untouched; on SIGTERM it stops
 * taking calls, lets running calls finish (bounded), and closes RocksDB cleanly. A node whose
 * TrueTime is fenced reports NOT_SERVING on the standard health service and refuses every operation
 * that needs a timestamp, but keeps running and recovers when time sync does.
 *
 * <p>HAZARD: a local cluster's nodes share one kernel clock, so skew between them exists only when
 * injected ({@code --allow-fault-injection} and the admin RPC); the uncertainty each node reports
 * is still real, measured from poll round trips plus the drift bound.
 */
package meridian.server;

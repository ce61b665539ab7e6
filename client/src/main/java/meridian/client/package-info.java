/**
 * The Java client of Meridian: talks to nodes over gRPC.
 *
 * <p>{@link meridian.client.NodeClient} is a connection to one node with a deadline on every call;
 * {@link meridian.client.NodeAddress} parses {@code host:port}. Every failure reaches the caller as
 * a {@link meridian.client.MeridianException} with a one-line message that names the node, never as
 * a raw gRPC status. The transactions issue adds the transactional API and the SQL issue the JDBC
 * driver on top of the same channel handling.
 */
package meridian.client;

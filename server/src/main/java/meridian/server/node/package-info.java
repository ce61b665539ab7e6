/**
 * A node's lifecycle, flags, metrics, and the one mapping from internal outcomes to gRPC
 * statuses ({@link meridian.server.node.GrpcErrors}).
 */
package meridian.server.node;

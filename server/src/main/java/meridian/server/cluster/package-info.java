/**
 * Local clusters of node processes: {@link meridian.server.cluster.LocalCluster} starts them,
 * {@link meridian.server.cluster.ClusterFile} records them, {@link
 * meridian.server.cluster.NodeProcesses} stops them by pid, and only after checking that the pid
 * still runs that node.
 */
package meridian.server.cluster;

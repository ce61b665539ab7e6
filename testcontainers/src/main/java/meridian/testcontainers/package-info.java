/**
 * A Meridian cluster in Docker containers, for tests: {@link meridian.testcontainers.MeridianCluster}.
 *
 * <h2>What a cluster is</h2>
 * N containers (1-5) of the node image ({@code meridian/node:dev} unless told otherwise), node
 * {@code i} running {@code meridian node --id n<i> --zone zone-<i> --time-master
 * --allow-fault-injection --data /data}. Each node's gRPC port (7701) is published on a random
 * port of the Docker host; {@code jdbcUrl()} names those. The containers share the cluster network
 * (a bridge, with the aliases n1..nN for other containers that join it), but nodes talk to each
 * other only over <em>links</em>: one internal two-member network per pair of nodes, each node at a
 * fixed address on each of its links ({@link meridian.testcontainers.ClusterLayout}). A node's
 * {@code --peers} names each peer by its address on their common link.
 *
 * <h2>How each fault is made</h2>
 * <ul>
 *   <li>{@code stop(node)}: {@code docker stop} (SIGTERM, SIGKILL after the grace period). {@code
 *       kill(node)}: {@code docker kill} (SIGKILL). The container is kept, and its data with it
 *       (in the image's volume for /data, or the container's own layer): {@code restart(node)} is
 *       {@code docker start} of the same container.
 *   <li>{@code pause(node)}/{@code unpause(node)}: {@code docker pause} (the cgroup freezer: the
 *       node's threads stop, its sockets stay open, and its peers see silence).
 *   <li>{@code cut(a, b)}: {@code docker network disconnect} of {@code a} from the link network of
 *       a and b; {@code isolate(node)} cuts every link of the node; {@code heal()} connects each
 *       disconnected end again at its fixed address. Why networks and not firewall rules: the
 *       image has no shell and runs as a non-root user, so nothing can change packet filters
 *       inside a container, and rules on the Docker host would need root there and differ from
 *       host to host. One network per link makes a cut between two nodes exact, and leaves the
 *       cluster network alone: clients (and this class) still reach a cut or isolated node, as
 *       in a partition between data centers that clients straddle.
 *   <li>{@code skewClock(node, offset, drift)}: the node's own admin RPC, through its published
 *       port; the node refuses it unless started with {@code --allow-fault-injection}, which every
 *       node here is.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@code start()} returns only when every node serves (its health service says SERVING:
 *       TrueTime synced with a majority of the masters and not fenced) and knows a leader for
 *       every Paxos group it hosts; {@code restart(...)} returns when the restarted nodes do.
 *   <li>Every Docker call and every wait has a bound (the builder's {@code dockerTimeout}, {@code
 *       startupTimeout}, {@code stopGrace}); past it a {@link
 *       meridian.testcontainers.MeridianClusterException} names the operation and the node, and
 *       for a node that did not come up, the end of its log. A container that exits while the
 *       cluster waits for it fails the wait at once.
 *   <li>A failed {@code start()} removes what it made. {@code close()} removes every container
 *       (with its volumes) and network the cluster made, and nothing else; what it could not
 *       remove it names in its exception. Everything made carries the label {@value
 *       meridian.testcontainers.MeridianCluster#CLUSTER_LABEL}.
 *   <li>A node's addresses on its links never change, across cuts, heals, stops and restarts, so
 *       a healed link carries the same connections as before the cut (TCP retransmits what was
 *       dropped) and no node depends on DNS to find a peer again.
 * </ul>
 *
 * <h2>HAZARD: the cut depends on Docker's packet filter</h2>
 * A node disconnected from a link still has a default route through the cluster network, so its
 * packets for the peer's link address go to the Docker host, which drops them only because Docker
 * isolates its networks from each other with its packet filter rules. A daemon run with {@code
 * --iptables=false} does not: a cut would then not cut. Tests that rely on a cut should check its
 * effect (a node's status shows the master across the cut as unreachable).
 *
 * <h2>HAZARD: ports move</h2>
 * Docker gives a node's published port anew at every start. A JDBC URL taken before {@code
 * restart} names the old port, which another process may hold by then; take the URL again.
 *
 * <h2>HAZARD: address block</h2>
 * The networks' addresses are carved from a block Docker hands out (a probe network made and
 * removed at once: see {@link meridian.testcontainers.ClusterNetworks}), because fixed addresses
 * need subnets given at creation. A daemon whose address pools hand out blocks narrower than a /24
 * cannot host a cluster: start() says so. Each cluster takes {@code 1 + n(n-1)/2} networks (4 for
 * three nodes, 11 for five) from the daemon's pools.
 *
 * <h2>HAZARD: nothing reaps a crashed test</h2>
 * Testcontainers' reaper (Ryuk) cannot run where no image can be pulled, so such hosts run with
 * {@code TESTCONTAINERS_RYUK_DISABLED=true}; a JVM that dies before {@code close()} then leaves its
 * containers and networks behind. They are found by the label: {@code docker rm -f $(docker ps -aq
 * --filter label=meridian.testcontainers.cluster)}, then the same for {@code docker network rm}.
 * Hosts that can pull keep Ryuk, which removes them when the JVM ends.
 *
 * <h2>Environment</h2>
 * The image must be on the Docker host already (a cluster never pulls: offline hosts cannot).
 * Docker must answer: a cluster fails loudly without it, never skips. On a host whose tests run
 * inside a container ({@code /.dockerenv}), set {@code TESTCONTAINERS_HOST_OVERRIDE=localhost}, or
 * Testcontainers pulls an image to find its gateway.
 */
package meridian.testcontainers;

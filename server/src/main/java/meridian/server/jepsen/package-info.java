/**
 * The Jepsen-style test suite behind {@code meridian jepsen}: clients that talk to a real cluster
 * through the JDBC driver, a nemesis that breaks the cluster while they run, a history of every
 * operation, and the checkers of the {@code checker} module that judge it.
 *
 * <h2>A run</h2>
 *
 * <ol>
 *   <li>The {@link meridian.server.jepsen.ClusterUnderTest} starts (for {@link
 *       meridian.server.jepsen.LocalProcessCluster}: node processes, each on its own loopback
 *       address, all of them time masters, clock fault injection allowed).
 *   <li>The {@link meridian.server.jepsen.Workload} creates its table and, where it needs several
 *       Paxos groups, splits it (the table is empty then, so {@code SPLIT AT} may cut it).
 *   <li>{@code concurrency} client threads run operations until the time limit. Thread {@code t}
 *       is process {@code t} and talks to node {@code t mod nodes} only. An operation whose outcome
 *       is unknown ends its process: the thread continues as process {@code t + concurrency} on a
 *       fresh connection, since the old one may still have an operation in flight (Jepsen's rule).
 *   <li>Meanwhile the {@link meridian.server.jepsen.Nemesis} alternates faults and healthy periods
 *       ({@link meridian.server.jepsen.Schedule}); every start and stop is a note in the history.
 *   <li>Everything heals (links, paused and killed nodes, clocks), the cluster is given a bounded
 *       time to serve again at every node, and the workload's final operations run (the set's and
 *       bank's final reads).
 *   <li>The history is checked; the run folder gets {@code history.jsonl}, {@code history.edn},
 *       {@code results.json}, {@code latency.svg} and the nodes' logs.
 * </ol>
 *
 * <h2>Outcomes: the one rule that keeps the checkers honest</h2>
 *
 * <p>An operation is {@code ok} when the driver returned, {@code fail} only when it provably took
 * no effect, and {@code info} (indeterminate) otherwise ({@link
 * meridian.server.jepsen.Outcomes}). A read-only operation that fails is {@code fail}: it changes
 * nothing; but one that timed out is {@code info}, like every operation that times out. A write fails for sure when the node answered that the transaction aborted (40001), the
 * statement was rejected (classes 22, 23, 42), the connection was never made (08001), or the
 * transaction ended before its commit was sent. A commit or autocommit write whose answer was lost
 * (40003, a timeout, a broken connection, anything else) is {@code info}: calling it failed would
 * let a checker accept a history that shows its effect, or reject a correct one.
 *
 * <h2>Hazards</h2>
 *
 * <ul>
 *   <li>Partitions are firewall rules ({@link meridian.server.jepsen.LinkCutter}): on the local
 *       cluster, iptables DROP rules in a chain of their own, matched on the nodes' loopback
 *       addresses. Nodes send from their own address (see {@code PeerChannels}), and clients from
 *       127.0.0.1, so clients keep reaching every node while nodes lose each other. The chain is
 *       flushed at the start and the end of every run, and on JVM exit.
 *   <li>Everything the nemesis does is undone in {@link meridian.server.jepsen.Nemesis#heal}, which
 *       must be safe to call twice and after a failed start.
 *   <li>Every wait is bounded: client statements by the driver's query timeout, the recovery before
 *       the final phase, each nemesis action, and the checkers by their search budget.
 * </ul>
 */
package meridian.server.jepsen;

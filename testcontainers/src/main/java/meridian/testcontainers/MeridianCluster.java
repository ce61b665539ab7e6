package meridian.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import meridian.client.MeridianException;
import meridian.client.NodeAddress;
import meridian.client.NodeClient;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.SkewClockResponse;
import meridian.proto.v1.StatusResponse;
import meridian.testcontainers.ClusterLayout.Link;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.utility.DockerImageName;

/**
 * A Meridian cluster of 1-5 node containers for tests, with the faults a test needs: stop, kill,
 * restart, pause, cut links, isolate, heal, skew clocks. The design, its guarantees and its
 * hazards are in {@link meridian.testcontainers the package documentation}.
 *
 * <pre>{@code
 * try (MeridianCluster cluster = MeridianCluster.builder().nodes(3).build()) {
 *   cluster.start();
 *   try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) { ... }
 *   cluster.kill(2);
 *   cluster.restart(2);
 * }
 * }</pre>
 *
 * Nodes are numbered from 1 (node {@code i} is {@code n<i>} in zone {@code zone-<i>}). Fault
 * operations on one node must not run concurrently with each other; everything else may be
 * called from any thread.
 */
public final class MeridianCluster implements Startable {
  public static final int NODES_MIN = 1;
  public static final int NODES_MAX = 5;
  public static final String DEFAULT_IMAGE = "meridian/node:dev";
  /** The node's gRPC port inside its container (SQL, key/value, admin and health). */
  public static final int NODE_PORT = 7701;
  /** The node's data directory inside its container: kept across stop and restart. */
  public static final String DATA_DIR = "/data";
  /** The flags the cluster sets itself; {@link Builder#nodeFlags} may not set them. */
  static final List<String> RESERVED_FLAGS =
      List.of("--id", "--zone", "--listen", "--peers", "--data", "--time-master", "--allow-fault-injection");
  /** Label on every container and network a cluster makes, valued with the cluster's name. */
  public static final String CLUSTER_LABEL = "meridian.testcontainers.cluster";

  private static final Logger LOG = LoggerFactory.getLogger(MeridianCluster.class);
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(2);
  private static final int LOG_TAIL_LINES = 15;

  private enum Phase { NEW, STARTING, STARTED, CLOSED }

  private final Settings settings;
  private final String name;
  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.NEW);
  // Set once by start(), before the phase becomes STARTED; read only after that.
  private volatile Started started;
  // The host address of each node's port as last inspected; absent while not known (stopped,
  // killed, restarting). Docker may give a node another port each time it starts.
  private final Map<Integer, NodeAddress> addresses = new ConcurrentHashMap<>();
  // Each cut link and the node whose end was disconnected (heal() joins that end again).
  private final Map<Link, Integer> cuts = new ConcurrentHashMap<>();

  private record Started(DockerClient docker, Bounded bounded, ClusterNetworks networks, List<NodeContainer> containers, String host) {}

  private MeridianCluster(Settings settings) {
    this.settings = settings;
    this.name = "meridian-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The node id of node {@code node}: {@code n<node>}. */
  public static String nodeId(int node) {
    return "n" + node;
  }

  /** This cluster's name: the prefix of its containers' and networks' names, and its label value. */
  public String name() {
    return name;
  }

  public int size() {
    return settings.nodes();
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  /**
   * Makes the networks, starts every node and waits until each serves and knows a leader for
   * each of its groups, at most {@link Builder#startupTimeout}. Does nothing when already started.
   * On failure everything made is removed and a {@link MeridianClusterException} says why (for a
   * node that did not come up, with the end of its log).
   */
  @Override
  public void start() {
    if (!phase.compareAndSet(Phase.NEW, Phase.STARTING)) {
      if (phase.get() == Phase.STARTED) {
        return;
      }
      throw new IllegalStateException("cluster " + name + " is " + phase.get().name().toLowerCase() + ": a cluster starts once");
    }
    long startNanos = System.nanoTime();
    Bounded bounded = new Bounded(name);
    List<NodeContainer> containers = new ArrayList<>();
    ClusterNetworks networks = null;
    try {
      DockerClient docker = dockerClient();
      String host = DockerClientFactory.instance().dockerHostIpAddress();
      checkImagePresent(docker, bounded);
      networks = ClusterNetworks.create(docker, bounded, settings.dockerTimeout(), name, settings.nodes(), labels(null));
      for (int node = 1; node <= settings.nodes(); node++) {
        NodeContainer container = new NodeContainer(
            DockerImageName.parse(settings.image()), name + "-" + nodeId(node), node, command(node, networks.layout()),
            networks, labels(node), settings.env(), settings.dockerHealthcheck());
        containers.add(container);
        bounded.run("start " + nodeId(node), settings.startupTimeout(), container::start);
      }
      started = new Started(docker, bounded, networks, List.copyOf(containers), host);
      LOG.info("{}: {} containers started in {} ms; waiting for them to serve", name, settings.nodes(), millisSince(startNanos));
      awaitReady(allNodes(), "every node serving with a leader for each of its groups");
      if (!phase.compareAndSet(Phase.STARTING, Phase.STARTED)) {
        throw new MeridianClusterException("cluster " + name + " was closed while it started");
      }
      LOG.info("{}: serving in {} ms at {}", name, millisSince(startNanos), jdbcUrl());
    } catch (MeridianClusterException e) {
      abandonStart(e, bounded, containers, networks);
      throw e;
    } catch (RuntimeException e) {
      MeridianClusterException failure = new MeridianClusterException("cluster " + name + " did not start: " + Bounded.describe(e), e);
      abandonStart(failure, bounded, containers, networks);
      throw failure;
    } catch (Error e) {
      abandonStart(e, bounded, containers, networks);
      throw e;
    }
  }

  /** Removes what a failed start made; what could not be removed is added to {@code failure}. */
  private void abandonStart(Throwable failure, Bounded bounded, List<NodeContainer> containers, ClusterNetworks networks) {
    List<String> leftovers = removeAll(bounded, containers, networks);
    if (!leftovers.isEmpty()) {
      failure.addSuppressed(new MeridianClusterException("left behind: " + String.join("; ", leftovers)));
    }
    phase.set(Phase.CLOSED);
    bounded.close();
  }

  /** Same as {@link #close()} (the {@link Startable} name); {@link #stop(int)} stops one node. */
  @Override
  public void stop() {
    close();
  }

  /**
   * Removes every container (with its data) and network this cluster made. Idempotent.
   *
   * @throws MeridianClusterException when something could not be removed; it names what is left
   */
  @Override
  public void close() {
    Phase previous = phase.getAndSet(Phase.CLOSED);
    if (previous != Phase.STARTED) {
      return; // never started, closed already, or start() failed and cleaned up itself
    }
    Started s = started;
    List<String> leftovers = removeAll(s.bounded(), s.containers(), s.networks());
    s.bounded().close();
    if (!leftovers.isEmpty()) {
      throw new MeridianClusterException("cluster " + name + " left behind: " + String.join("; ", leftovers));
    }
  }

  private List<String> removeAll(Bounded bounded, List<NodeContainer> containers, ClusterNetworks networks) {
    List<String> leftovers = new ArrayList<>();
    for (NodeContainer container : containers) {
      try {
        // Testcontainers kills and removes the container with its anonymous volumes.
        bounded.run("remove " + nodeId(container.node()), settings.dockerTimeout(), container::stop);
      } catch (MeridianClusterException e) {
        leftovers.add(e.getMessage());
      }
    }
    if (networks != null) {
      leftovers.addAll(networks.remove());
    }
    addresses.clear();
    cuts.clear();
    return leftovers;
  }

  // ---------------------------------------------------------------------------------------------
  // Addresses

  /**
   * The JDBC URL of every node that runs now (paused ones included), through their ports on the
   * Docker host: {@code jdbc:meridian://host:port,host:port,...}. Ports change when a node
   * restarts: ask again after {@link #restart}.
   */
  public String jdbcUrl() {
    StringJoiner hosts = new StringJoiner(",", "jdbc:meridian://", "");
    for (int node : allNodes()) {
      currentAddress(node).ifPresent(address -> hosts.add(address.toString()));
    }
    if (hosts.length() == "jdbc:meridian://".length()) {
      throw new MeridianClusterException("no node of cluster " + name + " runs: there is no JDBC URL");
    }
    return hosts.toString();
  }

  /** The JDBC URL of one node only (a session there, and reads served by its replicas). */
  public String jdbcUrl(int node) {
    return "jdbc:meridian://" + address(node);
  }

  /**
   * Where node {@code node}'s gRPC port is reachable from this JVM now.
   *
   * @throws MeridianClusterException when the node does not run
   */
  public NodeAddress address(int node) {
    return currentAddress(node)
        .orElseThrow(() -> new MeridianClusterException(nodeId(node) + " of cluster " + name + " does not run: it has no address"));
  }

  /** Whether node {@code node}'s container runs now (a paused one does). */
  public boolean isRunning(int node) {
    return Boolean.TRUE.equals(inspect(node).getState().getRunning());
  }

  /** A new client of node {@code node} (its current address); the caller closes it. */
  public NodeClient nodeClient(int node) {
    return new NodeClient(address(node), settings.dockerTimeout());
  }

  /** The node's own account of itself: TrueTime, masters, and each Paxos group it hosts. */
  public StatusResponse status(int node) {
    try (NodeClient client = nodeClient(node)) {
      return client.status();
    } catch (MeridianException e) {
      throw new MeridianClusterException("status of " + nodeId(node) + ": " + e.getMessage(), e);
    }
  }

  /** The cluster network, for other containers to join (it has the aliases n1..nN). */
  public Network network() {
    return started().networks().clusterNetwork();
  }

  /** Everything node {@code node} wrote to stdout and stderr, over all its starts. */
  public String logs(int node) {
    NodeContainer container = container(node);
    return started().bounded().call("logs of " + nodeId(node), settings.dockerTimeout(), container::getLogs);
  }

  private Optional<NodeAddress> currentAddress(int node) {
    checkNode(node);
    NodeAddress known = addresses.get(node);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<NodeAddress> inspected = inspectAddress(node);
    inspected.ifPresent(address -> addresses.put(node, address));
    return inspected;
  }

  private Optional<NodeAddress> inspectAddress(int node) {
    InspectContainerResponse inspected = inspect(node);
    if (!Boolean.TRUE.equals(inspected.getState().getRunning())) {
      return Optional.empty();
    }
    Ports.Binding[] bindings = inspected.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(NODE_PORT));
    if (bindings == null || bindings.length == 0) {
      return Optional.empty();
    }
    Ports.Binding chosen = bindings[0];
    for (Ports.Binding binding : bindings) {
      if ("0.0.0.0".equals(binding.getHostIp())) {
        chosen = binding; // the IPv4 one: "localhost" reaches it everywhere
      }
    }
    return Optional.of(new NodeAddress(started().host(), Integer.parseInt(chosen.getHostPortSpec())));
  }

  private InspectContainerResponse inspect(int node) {
    String id = container(node).getContainerId();
    return started().bounded().call(
        "inspect " + nodeId(node), settings.dockerTimeout(), () -> started().docker().inspectContainerCmd(id).exec());
  }

  // ---------------------------------------------------------------------------------------------
  // Faults

  /**
   * Stops node {@code node} cleanly: SIGTERM, then SIGKILL after {@link Builder#stopGrace}. Its
   * container and data stay; {@link #restart} starts it again. A stopped node is left alone.
   */
  public void stop(int node) {
    String id = container(node).getContainerId();
    addresses.remove(node);
    long startNanos = System.nanoTime();
    started().bounded().run(
        "stop " + nodeId(node), settings.stopGrace().plus(settings.dockerTimeout()),
        () -> {
          try {
            started().docker().stopContainerCmd(id).withTimeout((int) settings.stopGrace().toSeconds()).exec();
          } catch (NotModifiedException alreadyStopped) {
            // stopped already: nothing to do
          }
        });
    LOG.info("{}: {} stopped in {} ms", name, nodeId(node), millisSince(startNanos));
  }

  /** Kills node {@code node} (SIGKILL): no clean shutdown; data synced to disk stays. */
  public void kill(int node) {
    String id = container(node).getContainerId();
    addresses.remove(node);
    started().bounded().run(
        "kill " + nodeId(node), settings.dockerTimeout(),
        () -> {
          try {
            started().docker().killContainerCmd(id).exec();
          } catch (ConflictException notRunning) {
            // dead already: nothing to do
          }
        });
    Bounded.await(
        nodeId(node) + " exiting after SIGKILL", settings.dockerTimeout(),
        () -> !isRunning(node), () -> "it still runs");
    LOG.info("{}: {} killed", name, nodeId(node));
  }

  /**
   * Starts the same containers again (each stopped cleanly first if it still runs), with their
   * data, and waits until each serves and knows a leader for each of its groups. The nodes'
   * ports usually change: {@link #jdbcUrl()} and {@link #address} give the new ones. Nodes that
   * need each other (a majority of time masters) must be restarted in one call.
   */
  public void restart(int... nodes) {
    if (nodes.length == 0) {
      throw new IllegalArgumentException("restart needs at least one node");
    }
    for (int node : nodes) {
      if (isRunning(node)) {
        stop(node);
      }
    }
    for (int node : nodes) {
      String id = container(node).getContainerId();
      addresses.remove(node);
      started().bounded().run("start " + nodeId(node) + " again", settings.dockerTimeout(),
          () -> started().docker().startContainerCmd(id).exec());
    }
    long startNanos = System.nanoTime();
    List<Integer> restarted = Arrays.stream(nodes).boxed().toList();
    List<String> ids = restarted.stream().map(MeridianCluster::nodeId).toList();
    awaitReady(restarted, ids + " serving again with a leader for each of its groups");
    LOG.info("{}: {} serving again {} ms after their start", name, ids, millisSince(startNanos));
  }

  /** Freezes every process of node {@code node} (SIGSTOP-like, through the cgroup freezer). */
  public void pause(int node) {
    String id = container(node).getContainerId();
    started().bounded().run("pause " + nodeId(node), settings.dockerTimeout(), () -> started().docker().pauseContainerCmd(id).exec());
  }

  public void unpause(int node) {
    String id = container(node).getContainerId();
    started().bounded().run("unpause " + nodeId(node), settings.dockerTimeout(), () -> started().docker().unpauseContainerCmd(id).exec());
  }

  /**
   * Cuts the link between nodes {@code a} and {@code b} both ways, by disconnecting {@code a}
   * from their two-member network: their packets are dropped from then on (no refusal, no
   * reset), as in a real partition. Clients still reach both. Cutting a cut link does nothing.
   */
  public void cut(int a, int b) {
    checkNode(a);
    checkNode(b);
    if (a == b) {
      throw new IllegalArgumentException("a node has no link to itself: cut(" + a + ", " + b + ")");
    }
    Link link = Link.between(a, b);
    if (cuts.putIfAbsent(link, a) == null) {
      try {
        started().networks().disconnect(link, a, container(a).getContainerId());
      } catch (RuntimeException e) {
        cuts.remove(link, a);
        throw e;
      }
    }
  }

  /** Cuts every link of node {@code node}: it reaches no other node and none reaches it. */
  public void isolate(int node) {
    checkNode(node);
    for (int other : allNodes()) {
      if (other != node) {
        cut(node, other);
      }
    }
  }

  /**
   * Joins every cut link again (at the same addresses, so open connections resume). Only links:
   * paused nodes stay paused and stopped ones stopped.
   *
   * @throws MeridianClusterException naming the links that could not be joined (still cut)
   */
  public void heal() {
    List<String> failures = new ArrayList<>();
    for (Map.Entry<Link, Integer> cut : new LinkedHashMap<>(cuts).entrySet()) {
      Link link = cut.getKey();
      int node = cut.getValue();
      try {
        started().networks().connect(link, node, container(node).getContainerId());
        cuts.remove(link, node);
      } catch (MeridianClusterException e) {
        failures.add(e.getMessage());
      }
    }
    if (!failures.isEmpty()) {
      throw new MeridianClusterException("heal left links cut: " + String.join("; ", failures));
    }
  }

  /**
   * Skews node {@code node}'s physical clock: {@code offsetMicros} added (replacing an earlier
   * offset), running {@code driftPpm} parts per million fast (negative: slow) from now on. The
   * node's TrueTime then reports it (a liar to the others, or fenced) as it would a real one.
   */
  public SkewClockResponse skewClock(int node, long offsetMicros, long driftPpm) {
    try (NodeClient client = nodeClient(node)) {
      return client.skewClock(offsetMicros, driftPpm);
    } catch (MeridianException e) {
      throw new MeridianClusterException("skew the clock of " + nodeId(node) + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting

  /**
   * Waits until every given node serves (its health service says SERVING: TrueTime synced, not
   * fenced) and knows a leader for each group it hosts. Fails at once when a node's container
   * exited, with the end of its log.
   */
  private void awaitReady(List<Integer> nodes, String what) {
    Map<Integer, String> states = new ConcurrentHashMap<>();
    Bounded.await(
        what, settings.startupTimeout(),
        () -> {
          boolean all = true;
          for (int node : nodes) {
            all &= ready(node, states);
          }
          return all;
        },
        () -> states + "; " + logTails(nodes));
  }

  private boolean ready(int node, Map<Integer, String> states) {
    Optional<NodeAddress> address = currentAddress(node);
    if (address.isEmpty()) {
      failIfExited(node);
      states.put(node, "no port yet");
      return false;
    }
    try (NodeClient client = new NodeClient(address.get(), PROBE_DEADLINE)) {
      if (!client.isServing()) {
        states.put(node, "not serving (TrueTime not synced, or fenced)");
        return false;
      }
      List<Long> leaderless = client.status().getGroupsList().stream()
          .filter(group -> group.getLeader().isEmpty())
          .map(GroupStatus::getGroupId)
          .toList();
      states.put(node, leaderless.isEmpty() ? "ready" : "groups without a leader: " + leaderless);
      return leaderless.isEmpty();
    } catch (MeridianException e) {
      failIfExited(node); // a refused connection may be a dead process behind Docker's port
      states.put(node, Bounded.describe(e));
      return false;
    }
  }

  /** Only called after the container started: not running now means the node exited. */
  private void failIfExited(int node) {
    InspectContainerResponse.ContainerState state = inspect(node).getState();
    if (!Boolean.TRUE.equals(state.getRunning())) {
      addresses.remove(node);
      throw new MeridianClusterException(
          nodeId(node) + " exited with status " + state.getExitCodeLong() + " before serving; its log ends:\n" + logTail(node));
    }
  }

  private String logTails(List<Integer> nodes) {
    StringBuilder tails = new StringBuilder();
    for (int node : nodes) {
      tails.append("\n--- ").append(nodeId(node)).append("'s log ends:\n").append(logTail(node));
    }
    return tails.toString();
  }

  private String logTail(int node) {
    try {
      List<String> lines = logs(node).lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (MeridianClusterException e) {
      return "(log unavailable: " + e.getMessage() + ")";
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Setup

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static DockerClient dockerClient() {
    try {
      return DockerClientFactory.instance().client();
    } catch (RuntimeException e) {
      throw new MeridianClusterException(
          "Docker is not usable here (" + Bounded.describe(e) + "); a MeridianCluster needs a running Docker engine", e);
    }
  }

  private void checkImagePresent(DockerClient docker, Bounded bounded) {
    try {
      bounded.call("inspect image " + settings.image(), settings.dockerTimeout(), () -> docker.inspectImageCmd(settings.image()).exec());
    } catch (MeridianClusterException e) {
      if (e.getCause() instanceof NotFoundException) {
        throw new MeridianClusterException(
            "image " + settings.image() + " is not on this Docker host: build it (docker/build-image.sh in Meridian's"
                + " repository) or pull it before starting a cluster", e);
      }
      throw e;
    }
  }

  /** Node {@code node}'s command line: peers by their fixed addresses on each link. */
  private List<String> command(int node, ClusterLayout layout) {
    StringJoiner peers = new StringJoiner(",");
    for (Link link : layout.links()) {
      if (link.touches(node)) {
        int peer = link.other(node);
        peers.add(nodeId(peer) + "@" + layout.linkAddress(link, peer) + ":" + NODE_PORT);
      }
    }
    List<String> command = new ArrayList<>(List.of(
        "node", "--id", nodeId(node), "--zone", "zone-" + node, "--listen", "0.0.0.0:" + NODE_PORT,
        "--data", DATA_DIR, "--time-master", "--allow-fault-injection"));
    if (peers.length() > 0) {
      command.add("--peers");
      command.add(peers.toString());
    }
    command.addAll(settings.nodeFlags());
    return command;
  }

  private Map<String, String> labels(Integer node) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(CLUSTER_LABEL, name);
    if (node != null) {
      labels.put("meridian.testcontainers.node", nodeId(node));
    }
    return labels;
  }

  private List<Integer> allNodes() {
    List<Integer> nodes = new ArrayList<>();
    for (int node = 1; node <= settings.nodes(); node++) {
      nodes.add(node);
    }
    return nodes;
  }

  private Started started() {
    Started s = started;
    Phase now = phase.get();
    if (s == null || now == Phase.CLOSED) {
      throw new IllegalStateException("cluster " + name + " is " + (now == Phase.CLOSED ? "closed" : "not started") + ": call start() first");
    }
    return s;
  }

  private NodeContainer container(int node) {
    checkNode(node);
    return started().containers().get(node - 1);
  }

  private void checkNode(int node) {
    if (node < 1 || node > settings.nodes()) {
      throw new IllegalArgumentException("no node " + node + " in cluster " + name + ": nodes are 1-" + settings.nodes());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Builder

  private record Settings(
      int nodes, String image, List<String> nodeFlags, Map<String, String> env, Duration startupTimeout, Duration dockerTimeout,
      Duration stopGrace, boolean dockerHealthcheck) {}

  /** How to build a cluster; every setting has a default. */
  public static final class Builder {
    private int nodes = 3;
    private String image = DEFAULT_IMAGE;
    private final List<String> nodeFlags = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Duration startupTimeout = Duration.ofSeconds(120);
    private Duration dockerTimeout = Duration.ofSeconds(30);
    private Duration stopGrace = Duration.ofSeconds(10);
    private boolean dockerHealthcheck;

    private Builder() {}

    /** How many nodes, {@value #NODES_MIN}-{@value #NODES_MAX} (default 3). */
    public Builder nodes(int nodes) {
      if (nodes < NODES_MIN || nodes > NODES_MAX) {
        throw new IllegalArgumentException("a cluster has " + NODES_MIN + "-" + NODES_MAX + " nodes, not " + nodes);
      }
      this.nodes = nodes;
      return this;
    }

    /** The node image (default {@value #DEFAULT_IMAGE}); it must be on the Docker host already. */
    public Builder image(String image) {
      if (image == null || image.isBlank()) {
        throw new IllegalArgumentException("an image name is needed");
      }
      this.image = image;
      return this;
    }

    /**
     * More flags for every node's {@code meridian node} command, for example {@code "--ranges",
     * "8"}. The flags the cluster sets itself ({@code --id --zone --listen --peers --data
     * --time-master --allow-fault-injection}) are refused.
     */
    public Builder nodeFlags(String... flags) {
      for (String flag : flags) {
        if (flag == null) {
          throw new IllegalArgumentException("a node flag is null");
        }
        for (String reserved : RESERVED_FLAGS) {
          if (flag.equals(reserved) || flag.startsWith(reserved + "=")) {
            throw new IllegalArgumentException(reserved + " is set by the cluster itself; it cannot be passed as a node flag");
          }
        }
        nodeFlags.add(flag);
      }
      return this;
    }

    /** An environment variable for every node container (for example JAVA_TOOL_OPTIONS). */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /** How long start() and restart() wait for the nodes to serve (default 120 s). */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = positive("startupTimeout", startupTimeout);
      return this;
    }

    /** The bound on every single Docker call (default 30 s). */
    public Builder dockerTimeout(Duration dockerTimeout) {
      this.dockerTimeout = positive("dockerTimeout", dockerTimeout);
      return this;
    }

    /** How long stop(node) waits after SIGTERM before SIGKILL (default 10 s, whole seconds). */
    public Builder stopGrace(Duration stopGrace) {
      this.stopGrace = positive("stopGrace", stopGrace);
      return this;
    }

    /**
     * Keep the image's HEALTHCHECK (default off: each check starts a JVM in every container,
     * which costs CPU that tests on small machines lack; the cluster polls the nodes' health
     * service itself).
     */
    public Builder dockerHealthcheck(boolean keep) {
      this.dockerHealthcheck = keep;
      return this;
    }

    public MeridianCluster build() {
      return new MeridianCluster(
          new Settings(nodes, image, List.copyOf(nodeFlags), Map.copyOf(env), startupTimeout, dockerTimeout, stopGrace, dockerHealthcheck));
    }

    private static Duration positive(String what, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + value);
      }
      return value;
    }
  }
}

package meridian.tests;

import static meridian.tests.ProcessCluster.amount;
import static meridian.tests.ProcessCluster.amountOf;
import static meridian.tests.ProcessCluster.groupOf;
import static meridian.tests.ProcessCluster.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.client.Transaction;
import meridian.proto.v1.TimestampBound;
import meridian.server.cluster.ClusterFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank workload on real processes (3 nodes, 4 groups) through kill -9 of the nodes that drive
 * and coordinate its transactions. The node a client talks to drives the transaction ({@code
 * TxnDriver}); the coordinator is the lowest participant group with writes. Six clients, two
 * pinned to each node, move money between accounts in different groups; each transfer also counts
 * itself in the client's own marker key. During the run: (a) kill -9 a node that leads no group,
 * so only the transactions it drives die with it (its clients fail over); (b) kill -9 the leader
 * of group 1, the coordinator of every transfer that touches it, while transfers coordinated there
 * are committing from other nodes. Killed nodes are restarted with {@code up}.
 *
 * <p>Checked: every read-only transaction and snapshot read sees the exact total; the final total
 * is unchanged; each client's marker counts at least the transfers it saw commit and at most those
 * plus the ones whose outcome it could not know (so an abort reported to a client never
 * committed, and a reported commit was never lost); and no lock is stranded: once the faults heal,
 * every account and marker can be written within a bound (locks of transactions whose driver died
 * are freed by the idle timeout, prepared ones by the participants' inquiry).
 */
class CoordinatorFailureProcessTest {
  static final int ACCOUNTS = 16;
  static final long BALANCE = 100;
  static final int CLIENTS = 6;
  static final int ATTEMPTS_MAX = 10;
  static final long COORDINATOR_GROUP = 1;
  static final Duration CLIENT_DEADLINE = Duration.ofSeconds(5);
  static final Duration STRANDED_LOCK_BOUND = Duration.ofSeconds(40);

  @TempDir static Path dir;
  static ProcessCluster cluster;

  @BeforeAll
  static void up() {
    cluster = ProcessCluster.up(dir);
  }

  @AfterAll
  static void down() {
    if (cluster != null) {
      cluster.down();
    }
  }

  static byte[] account(int i) {
    return key(1 + i % ProcessCluster.GROUPS, 'a', i);
  }

  /** Client c's own counter of its committed transfers, in a group of its own. */
  static byte[] marker(int c) {
    return key(1 + (c + 1) % ProcessCluster.GROUPS, 'm', c);
  }

  static List<byte[]> allAccounts() {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      keys.add(account(i));
    }
    return keys;
  }

  /** One client thread: where it talks now and what it saw. */
  static final class Client {
    final int id;
    final int home;
    volatile int node;
    // The coordinator group of the transfer about to commit or committing; 0 when none is.
    volatile long committingAt;
    final AtomicInteger committed = new AtomicInteger();
    final AtomicInteger aborted = new AtomicInteger();
    final AtomicInteger unknown = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    int committedAway;

    Client(int id) {
      this.id = id;
      this.home = id % 3;
      this.node = home;
    }
  }

  final AtomicBoolean stop = new AtomicBoolean();
  final List<Client> clients = new ArrayList<>();
  final Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  // Commit calls that may have been sent but failed as "node unavailable" or "deadline exceeded"
  // (their outcome is unknown: a caller must not take them for "not committed").
  final ConcurrentLinkedQueue<String> misreported = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
  final AtomicInteger audits = new AtomicInteger();

  @Test
  void bankHoldsThroughKillOfADriverAndOfTheCoordinatorLeader() throws Exception {
    long startNanos = System.nanoTime();
    try (NodeClient c = new NodeClient(cluster.nodes().getFirst().address())) {
      await().atMost(Duration.ofSeconds(30)).ignoreException(MeridianException.class).until(() -> {
        c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
          allAccounts().forEach(k -> txn.put(k, amount(BALANCE)));
          return null;
        });
        return true;
      });
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Client client = new Client(i);
      clients.add(client);
      threads.add(Thread.ofPlatform().name("transfers-" + i).start(() -> transfers(client)));
    }
    for (int i = 0; i < 2; i++) {
      int first = i;
      threads.add(Thread.ofPlatform().name("audits-" + i).start(() -> audits(first)));
    }
    try {
      awaitCommits(10);
      phase("workload running");

      // (a) A node that leads no group: only the transactions it drives die with it.
      List<ClusterFile.Entry> nodes = cluster.nodes();
      ClusterFile.Entry driver = nodes.get(2);
      for (long g : cluster.ledBy(driver)) {
        cluster.transfer(g, nodes.get((int) (g % 2)));
      }
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> cluster.ledBy(driver).isEmpty());
      phase("moved every leadership away from " + driver.id());
      awaitCommitting(c -> c.node == 2);
      List<Client> itsClients = clients.stream().filter(c -> c.home == 2).toList();
      int[] before = itsClients.stream().mapToInt(c -> c.committed.get()).toArray();
      cluster.kill(driver);
      phase("killed driver " + driver.id() + " (leads nothing)");
      awaitCommits(20);
      // Its clients failed over: each commits again through another node while it is down.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
          java.util.stream.IntStream.range(0, itsClients.size()).allMatch(i -> itsClients.get(i).committed.get() > before[i]));
      phase("committing without " + driver.id());
      cluster.restart();
      phase("restarted " + driver.id());

      // (b) The coordinator group's leader, while transfers it coordinates commit from other nodes.
      ClusterFile.Entry coordinatorLeader = cluster.leaderOf(COORDINATOR_GROUP);
      int leaderIndex = cluster.indexOf(coordinatorLeader);
      awaitCommitting(c -> c.node != leaderIndex && c.committingAt == COORDINATOR_GROUP);
      cluster.kill(coordinatorLeader);
      phase("killed " + coordinatorLeader.id() + ", leader of coordinator group " + COORDINATOR_GROUP);
      awaitCommits(20);
      phase("committing without " + coordinatorLeader.id());
      cluster.restart();
      phase("restarted " + coordinatorLeader.id());
      awaitCommits(5);
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
    }
    for (Thread t : threads) {
      assertThat(t.isAlive()).as("%s still running", t.getName()).isFalse();
    }
    phase("stopped");
    System.out.printf("bank: %s; audits %d; failures: %s%n", outcomes(), audits.get(), failureKinds);
    assertThat(unexpected).as("failures that are neither an abort, an unknown outcome nor a node down").isEmpty();
    assertThat(violations).as("reads that saw a different total").isEmpty();
    assertThat(audits.get()).isGreaterThan(10);

    long lockCheckNanos = System.nanoTime();
    writeEverythingOnce();
    System.out.printf("every account and marker written %d ms after the run stopped%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lockCheckNanos));

    for (ClusterFile.Entry node : cluster.nodes()) {
      try (NodeClient c = new NodeClient(node.address())) {
        Map<ByteString, byte[]> values = readOnly(c, TimestampBound.newBuilder().setStrong(true).build());
        assertThat(values).as("every account is there").hasSize(ACCOUNTS);
        assertThat(total(values)).as("final total through " + node.id()).isEqualTo(ACCOUNTS * BALANCE);
      }
    }
    checkMarkers();
    assertThat(misreported).as("commits whose outcome the client cannot know, reported as something else").isEmpty();
    System.out.printf("coordinator-failure test ran %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
  }

  private void transfers(Client me) {
    NodeClient client = null;
    int connected = -1;
    try {
      while (!stop.get()) {
        int nodeIndex = me.node;
        if (connected != nodeIndex) {
          if (client != null) {
            client.close();
          }
          client = new NodeClient(cluster.nodes().get(nodeIndex).address(), CLIENT_DEADLINE);
          connected = nodeIndex;
        }
        transferOnce(me, client);
      }
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  private void transferOnce(Client me, NodeClient client) {
    int from = ThreadLocalRandom.current().nextInt(ACCOUNTS);
    int to = (from + 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    long coordinator = Math.min(Math.min(groupOf(account(from)), groupOf(account(to))), groupOf(marker(me.id)));
    try {
      NodeClient.Committed<Void> done = client.readWriteTransaction(ATTEMPTS_MAX, txn -> {
        me.committingAt = 0;
        Map<ByteString, byte[]> read = txn.get(List.of(account(from), account(to), marker(me.id)));
        long a = amountOf(read.get(ByteString.copyFrom(account(from))));
        long b = amountOf(read.get(ByteString.copyFrom(account(to))));
        byte[] m = read.get(ByteString.copyFrom(marker(me.id)));
        long move = Math.min(a, 1 + ThreadLocalRandom.current().nextInt(5));
        txn.put(account(from), amount(a - move));
        txn.put(account(to), amount(b + move));
        txn.put(marker(me.id), amount((m == null ? 0 : amountOf(m)) + 1));
        me.committingAt = coordinator;
        return null;
      });
      me.committed.incrementAndGet();
      me.retries.addAndGet(done.attempts() - 1);
      if (me.node != me.home && ++me.committedAway >= 20) {
        me.node = me.home; // try home again: it may be back
      }
    } catch (MeridianException e) {
      // Which call failed: a failed begin or read proves no commit was sent, and so does a commit
      // call that never connected; any other failed commit call may have committed unless the
      // node said how it ended (aborted).
      boolean maybeSent = e.getMessage().startsWith("commit at node") && !neverConnected(e);
      String shape = e.kind() + ": " + e.getMessage().replaceAll("[0-9]+", "N");
      failureKinds.merge(shape.substring(0, Math.min(140, shape.length())), 1, Integer::sum);
      switch (e.kind()) {
        case ABORTED -> me.aborted.incrementAndGet();
        case OUTCOME_UNKNOWN -> me.unknown.incrementAndGet();
        case UNAVAILABLE, DEADLINE_EXCEEDED -> {
          if (maybeSent) {
            misreported.add(e.kind() + ": " + e.getMessage());
            me.unknown.incrementAndGet();
          } else {
            me.unavailable.incrementAndGet();
          }
          me.node = (me.node + 1) % 3; // the node went away: go on through the next one
          me.committedAway = 0;
        }
        default -> unexpected.add(e.kind() + ": " + e.getMessage());
      }
    } catch (RuntimeException e) {
      unexpected.add(e.toString());
    } finally {
      me.committingAt = 0;
    }
  }

  private static boolean neverConnected(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }

  private void audits(int first) {
    TimestampBound strong = TimestampBound.newBuilder().setStrong(true).build();
    TimestampBound stale = TimestampBound.newBuilder().setExactStalenessMicros(200_000).build();
    TimestampBound bounded = TimestampBound.newBuilder().setMaxStalenessMicros(1_000_000).build();
    int round = first;
    while (!stop.get()) {
      ClusterFile.Entry node = cluster.nodes().get(round++ % 3);
      try (NodeClient c = new NodeClient(node.address(), CLIENT_DEADLINE)) {
        for (TimestampBound bound : List.of(strong, stale, bounded)) {
          long total = total(readOnly(c, bound));
          if (total != ACCOUNTS * BALANCE) {
            violations.add("read-only " + bound.getBoundCase() + " via " + node.id() + " saw " + total);
          }
          Map<ByteString, byte[]> single = new LinkedHashMap<>();
          c.read(allAccounts(), bound).getRowsList().forEach(kv -> single.put(kv.getKey(), kv.getValue().toByteArray()));
          long singleTotal = total(single);
          if (singleTotal != ACCOUNTS * BALANCE) {
            violations.add("snapshot read " + bound.getBoundCase() + " via " + node.id() + " saw " + singleTotal);
          }
          audits.incrementAndGet();
        }
      } catch (MeridianException e) {
        // a node down or a read that could not be served in time: try the next node
      }
    }
  }

  static Map<ByteString, byte[]> readOnly(NodeClient c, TimestampBound bound) {
    Transaction ro = c.beginReadOnly(bound);
    try {
      return ro.get(allAccounts());
    } finally {
      ro.commit();
    }
  }

  /** The sum of the accounts read (a missing account shows as a wrong total). */
  static long total(Map<ByteString, byte[]> values) {
    return values.values().stream().mapToLong(ProcessCluster::amountOf).sum();
  }

  /**
   * No lock is stranded: each account and marker, then all of them in one transaction, can be
   * written (read and written back) within {@link #STRANDED_LOCK_BOUND} of the run's end.
   */
  private void writeEverythingOnce() throws InterruptedException {
    List<byte[]> keys = new ArrayList<>(allAccounts());
    clients.forEach(c -> keys.add(marker(c.id)));
    ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
    Thread writer = Thread.ofPlatform().name("lock-check").start(() -> {
      List<List<byte[]>> batches = new ArrayList<>();
      keys.forEach(k -> batches.add(List.of(k)));
      batches.add(keys);
      int i = 0;
      for (List<byte[]> batch : batches) {
        ClusterFile.Entry node = cluster.nodes().get(i++ % 3);
        try (NodeClient c = new NodeClient(node.address(), CLIENT_DEADLINE)) {
          c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
            txn.get(batch).forEach((k, v) -> txn.put(k.toByteArray(), v));
            return null;
          });
        } catch (MeridianException e) {
          failed.add(batch.size() + " key(s) via " + node.id() + ": " + e.getMessage());
        }
      }
    });
    writer.join(STRANDED_LOCK_BOUND.toMillis());
    assertThat(writer.isAlive()).as("writing every key took longer than " + STRANDED_LOCK_BOUND + ": a stranded lock?").isFalse();
    assertThat(failed).as("writes that failed after the faults healed (a stranded lock?)").isEmpty();
  }

  /** Each client's marker counts its committed transfers, give or take those of unknown outcome. */
  private void checkMarkers() {
    try (NodeClient c = new NodeClient(cluster.nodes().getFirst().address())) {
      List<byte[]> markers = clients.stream().map(client -> marker(client.id)).toList();
      Transaction ro = c.beginReadOnly(TimestampBound.newBuilder().setStrong(true).build());
      Map<ByteString, byte[]> values;
      try {
        values = ro.get(markers);
      } finally {
        ro.commit();
      }
      for (Client client : clients) {
        byte[] m = values.get(ByteString.copyFrom(marker(client.id)));
        long applied = m == null ? 0 : amountOf(m);
        assertThat(applied)
            .as("client %d: transfers applied vs committed %d (+%d of unknown outcome)", client.id, client.committed.get(), client.unknown.get())
            .isBetween((long) client.committed.get(), (long) client.committed.get() + client.unknown.get());
      }
    }
  }

  private long phaseNanos = System.nanoTime();

  /** Prints how long the phase that just ended took, and the outcomes so far. */
  private void phase(String what) {
    long now = System.nanoTime();
    System.out.printf("[%5d ms] %s; %s%n", TimeUnit.NANOSECONDS.toMillis(now - phaseNanos), what, outcomes());
    phaseNanos = now;
  }

  private int commits() {
    return clients.stream().mapToInt(c -> c.committed.get()).sum();
  }

  private void awaitCommits(int more) {
    int target = commits() + more;
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> commits() >= target);
  }

  /** Waits (bounded) until a client that {@code which} selects has a commit in flight. */
  private void awaitCommitting(Predicate<Client> which) {
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
        .until(() -> clients.stream().anyMatch(c -> c.committingAt != 0 && which.test(c)));
  }

  private String outcomes() {
    int committed = commits();
    int aborted = clients.stream().mapToInt(c -> c.aborted.get()).sum();
    int unknown = clients.stream().mapToInt(c -> c.unknown.get()).sum();
    int unavailable = clients.stream().mapToInt(c -> c.unavailable.get()).sum();
    int retries = clients.stream().mapToInt(c -> c.retries.get()).sum();
    return String.format("committed %d (after %d aborted attempts), aborted after %d attempts %d, outcome unknown %d, node down before commit %d",
        committed, retries, ATTEMPTS_MAX, aborted, unknown, unavailable);
  }
}

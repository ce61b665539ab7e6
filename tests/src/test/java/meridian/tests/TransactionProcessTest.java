package meridian.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.client.Transaction;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.TimestampBound;
import meridian.server.cluster.ClusterFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions on real processes, 3 nodes and 4 groups: a bank workload keeps its total through
 * kill -9 of a leader (every read-only transaction and snapshot read sees the same total), write
 * skew is prevented, and commit timestamps respect real-time order across nodes with clock skew.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransactionProcessTest {
  static final int ACCOUNTS = 8;
  static final long BALANCE = 100;
  static final int ATTEMPTS_MAX = 20;
  static final Map<String, Integer> FAILURE_KINDS = new java.util.concurrent.ConcurrentHashMap<>();
  @TempDir static Path dir;
  static String dirArg;

  @BeforeAll
  static void up() {
    int basePort = Launcher.freeBasePort(3);
    dirArg = dir.resolve("cluster").toString();
    Launcher.Result up = Launcher.run(180, "up", "--dir", dirArg, "--base-port", Integer.toString(basePort), "--groups", "4",
        "--time-sync-interval", "250ms", "--allow-fault-injection");
    assertThat(up.exitCode()).as(up.all()).isZero();
  }

  @AfterAll
  static void down() {
    Launcher.Result down = Launcher.run(120, "down", "--dir", dirArg);
    assertThat(down.exitCode()).as(down.all()).isZero();
  }

  static List<ClusterFile.Entry> nodes() {
    return ClusterFile.read(Path.of(dirArg)).nodes();
  }

  /** Account i's key: accounts spread over all four groups (first byte picks the group). */
  static byte[] account(int i) {
    return new byte[] {(byte) (0x10 + 0x40 * (i % 4)), 'a', (byte) i};
  }

  static byte[] amount(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static long amountOf(byte[] b) {
    return ByteBuffer.wrap(b).getLong();
  }

  static List<byte[]> allAccounts() {
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      keys.add(account(i));
    }
    return keys;
  }

  static long total(Map<?, byte[]> values) {
    assertThat(values).hasSize(ACCOUNTS);
    return values.values().stream().mapToLong(TransactionProcessTest::amountOf).sum();
  }

  @Test
  @Order(1)
  void bankTotalHoldsForEveryReaderThroughKillOfALeader() throws Exception {
    try (NodeClient c = new NodeClient(nodes().getFirst().address())) {
      await().atMost(Duration.ofSeconds(30)).ignoreException(MeridianException.class).until(() -> {
        c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
          allAccounts().forEach(k -> txn.put(k, amount(BALANCE)));
          return null;
        });
        return true;
      });
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger commits = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int node = w;
      threads.add(Thread.ofPlatform().start(() -> transfers(node, stop, commits, failures)));
    }
    threads.add(Thread.ofPlatform().start(() -> audits(stop, reads, violations)));

    await().atMost(Duration.ofSeconds(60)).until(() -> commits.get() >= 20);
    ClusterFile.Entry leader = leaderOf(2);
    Launcher.exec(List.of("kill", "-9", Long.toString(leader.pid())), 10);
    int atKill = commits.get();
    await().atMost(Duration.ofSeconds(60)).until(() -> commits.get() >= atKill + 20);
    Launcher.Result restart = Launcher.run(180, "up", "--dir", dirArg);
    assertThat(restart.exitCode()).as(restart.all()).isZero();
    int atRestart = commits.get();
    await().atMost(Duration.ofSeconds(60)).until(() -> commits.get() >= atRestart + 20);
    stop.set(true);
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(t.isAlive()).as("worker still running").isFalse();
    }
    assertThat(violations).as("reads that saw a different total").isEmpty();
    assertThat(reads.get()).isGreaterThan(10);
    for (ClusterFile.Entry node : nodes()) {
      try (NodeClient c = new NodeClient(node.address())) {
        long total = await().atMost(Duration.ofSeconds(30)).ignoreException(MeridianException.class)
            .until(() -> total(readOnly(c, TimestampBound.newBuilder().setStrong(true).build())), t -> true);
        assertThat(total).as("final total through " + node.id()).isEqualTo(ACCOUNTS * BALANCE);
      }
    }
    System.out.printf("bank: %d transfers committed, %d failed after retries, %d audits; failures: %s%n",
        commits.get(), failures.get(), reads.get(), FAILURE_KINDS);
  }

  private static void transfers(int nodeIndex, AtomicBoolean stop, AtomicInteger commits, AtomicInteger failures) {
    while (!stop.get()) {
      ClusterFile.Entry node = nodes().get(nodeIndex % 3);
      try (NodeClient c = new NodeClient(node.address(), Duration.ofSeconds(5))) {
        while (!stop.get()) {
          int from = ThreadLocalRandom.current().nextInt(ACCOUNTS);
          int to = (from + 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 1)) % ACCOUNTS;
          c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
            long a = amountOf(txn.get(account(from)).orElseThrow());
            long b = amountOf(txn.get(account(to)).orElseThrow());
            long move = Math.min(a, 1 + ThreadLocalRandom.current().nextInt(5));
            txn.put(account(from), amount(a - move));
            txn.put(account(to), amount(b + move));
            return null;
          });
          commits.incrementAndGet();
        }
      } catch (MeridianException e) {
        failures.incrementAndGet(); // node down, aborted too often, or outcome unknown: go on
        String shape = e.getMessage().replaceAll("[0-9]+", "N");
        FAILURE_KINDS.merge(e.kind() + ": " + shape.substring(0, Math.min(120, shape.length())), 1, Integer::sum);
        if (e.kind() == MeridianException.Kind.UNAVAILABLE) {
          awaitServingOrStop(nodes().get(nodeIndex % 3), stop); // the node is down: wait for its restart
        }
      }
    }
  }

  private static void awaitServingOrStop(ClusterFile.Entry node, AtomicBoolean stop) {
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).ignoreException(MeridianException.class).until(() -> {
      if (stop.get()) {
        return true;
      }
      try (NodeClient c = new NodeClient(node.address(), Duration.ofSeconds(2))) {
        return c.isServing();
      }
    });
  }

  private static void audits(AtomicBoolean stop, AtomicInteger reads, ConcurrentLinkedQueue<String> violations) {
    TimestampBound strong = TimestampBound.newBuilder().setStrong(true).build();
    TimestampBound stale = TimestampBound.newBuilder().setExactStalenessMicros(200_000).build();
    TimestampBound bounded = TimestampBound.newBuilder().setMaxStalenessMicros(1_000_000).build();
    int round = 0;
    while (!stop.get()) {
      ClusterFile.Entry node = nodes().get(round++ % 3);
      try (NodeClient c = new NodeClient(node.address(), Duration.ofSeconds(5))) {
        for (TimestampBound bound : List.of(strong, stale, bounded)) {
          long total = total(readOnly(c, bound));
          if (total != ACCOUNTS * BALANCE) {
            violations.add("read-only " + bound.getBoundCase() + " via " + node.id() + " saw " + total);
          }
          Map<com.google.protobuf.ByteString, byte[]> single = new java.util.LinkedHashMap<>();
          c.read(allAccounts(), bound).getRowsList().forEach(kv -> single.put(kv.getKey(), kv.getValue().toByteArray()));
          long singleTotal = total(single);
          if (singleTotal != ACCOUNTS * BALANCE) {
            violations.add("snapshot read " + bound.getBoundCase() + " via " + node.id() + " saw " + singleTotal);
          }
          reads.incrementAndGet();
        }
      } catch (MeridianException e) {
        // a node down: try the next one
      }
    }
  }

  static Map<com.google.protobuf.ByteString, byte[]> readOnly(NodeClient c, TimestampBound bound) {
    Transaction ro = c.beginReadOnly(bound);
    try {
      return ro.get(allAccounts());
    } finally {
      ro.commit();
    }
  }

  static ClusterFile.Entry leaderOf(long group) {
    String[] leader = new String[1];
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
      for (ClusterFile.Entry node : nodes()) {
        try (NodeClient client = new NodeClient(node.address(), Duration.ofSeconds(2))) {
          for (GroupStatus g : client.status().getGroupsList()) {
            if (g.getGroupId() == group && g.getRole().equals("leader")) {
              leader[0] = node.id();
              return true;
            }
          }
        }
      }
      return false;
    });
    return nodes().stream().filter(n -> n.id().equals(leader[0])).findFirst().orElseThrow();
  }

  @Test
  @Order(2)
  void writeSkewIsPrevented() throws Exception {
    byte[] x = {0x20, 'x'};
    byte[] y = {(byte) 0xa0, 'y'};
    for (int round = 0; round < 20; round++) {
      try (NodeClient c = new NodeClient(nodes().getFirst().address())) {
        c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
          txn.put(x, amount(1));
          txn.put(y, amount(1));
          return null;
        });
      }
      CyclicBarrier start = new CyclicBarrier(2);
      List<Thread> doctors = new ArrayList<>();
      for (byte[] mine : List.of(x, y)) {
        int node = mine == x ? 1 : 2;
        doctors.add(Thread.ofPlatform().start(() -> {
          try (NodeClient c = new NodeClient(nodes().get(node).address())) {
            start.await(10, TimeUnit.SECONDS);
            c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
              long onCall = amountOf(txn.get(x).orElseThrow()) + amountOf(txn.get(y).orElseThrow());
              if (onCall == 2) {
                txn.put(mine, amount(0));
              }
              return null;
            });
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        }));
      }
      for (Thread t : doctors) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      try (NodeClient c = new NodeClient(nodes().getFirst().address())) {
        long onCall = amountOf(c.get(x, 0).getValue().toByteArray()) + amountOf(c.get(y, 0).getValue().toByteArray());
        assertThat(onCall).as("round " + round + ": both went off call").isGreaterThanOrEqualTo(1);
      }
    }
  }

  @Test
  @Order(3)
  void commitTimestampsFollowRealTimeAcrossNodesWithSkewedClocks() {
    List<ClusterFile.Entry> nodes = nodes();
    long[] skews = {0, 400, -400};
    for (int i = 0; i < 3; i++) {
      try (NodeClient c = new NodeClient(nodes.get(i).address())) {
        c.skewClock(skews[i], 0);
      }
    }
    try {
      long previous = 0;
      for (int i = 0; i < 300; i++) {
        try (NodeClient c = new NodeClient(nodes.get(i % 3).address())) {
          byte[] key = {(byte) (0x10 + 0x40 * (i % 4)), 'e', (byte) (i % 7)};
          long value = i;
          long ts = c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
            txn.put(key, amount(value));
            return null;
          }).commit().getCommitTimestampMicros();
          assertThat(ts).as("transaction %d (after %d committed and returned)", i, previous).isGreaterThan(previous);
          previous = ts;
        }
      }
    } finally {
      for (int i = 0; i < 3; i++) {
        try (NodeClient c = new NodeClient(nodes.get(i).address())) {
          c.skewClock(0, 0);
        }
      }
    }
  }
}

package meridian.tests;

import static meridian.tests.ProcessCluster.amount;
import static meridian.tests.ProcessCluster.amountOf;
import static meridian.tests.ProcessCluster.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.client.Transaction;
import meridian.proto.v1.TimestampBound;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wound-wait on real processes (3 nodes, 4 groups): eight clients spread over the nodes run
 * read-modify-write transactions on the same three hot keys, one in each of groups 1-3, reading
 * them one by one in a random order (so transactions take their locks across groups in every
 * order, the shape that deadlocks without wound-wait), each through {@code readWriteTransaction}
 * whose retries keep the first attempt's priority.
 *
 * <p>Checked: no deadlock (every client commits within a bound and the run goes on); the oldest
 * transaction eventually commits (no transaction is abandoned after its retry budget while a
 * surely younger one, called after its first attempt had begun, commits); and no lost update (each
 * hot key's counter equals the increments committed on it). Prints how many attempts transactions
 * took: with every transaction on the same keys they commit one at a time, oldest first, and a
 * transaction's attempts grow with the log of its wait (the client's backoff doubles).
 */
class WoundWaitProcessTest {
  static final int CLIENTS = 8;
  static final int ATTEMPTS_MAX = 30;
  static final int COMMITS_PER_CLIENT = 5;
  static final Duration RUN_BOUND = Duration.ofSeconds(90);
  static final Duration FIRST_COMMIT_BOUND = Duration.ofSeconds(60);
  static final List<byte[]> HOT = List.of(key(1, 'h', 0), key(2, 'h', 1), key(3, 'h', 2));
  private static final Pattern ABORT_REASON = Pattern.compile("aborted \\(([a-z ]+)\\)");

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

  /**
   * One logical transaction: when the client called, when its first attempt had begun (its
   * priority, the driver's TrueTime at begin, lies between the two), when it ended, and how.
   */
  record Outcome(int client, long calledNanos, long begunNanos, long endNanos, int attempts, boolean committed, List<Integer> keys) {}

  // Begin-time clocks of different nodes differ by up to their epsilons: a margin far above that.
  static final long PRIORITY_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  final AtomicBoolean stop = new AtomicBoolean();
  final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  final AtomicLongArray incrementsCommitted = new AtomicLongArray(HOT.size());
  final AtomicLongArray incrementsUnknown = new AtomicLongArray(HOT.size());
  final Map<String, Integer> abortReasons = new ConcurrentHashMap<>();
  final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
  final AtomicInteger[] commitsByClient = new AtomicInteger[CLIENTS];

  @Test
  void hotKeysMakeProgressWithoutStarvationOrLostUpdates() throws Exception {
    long startNanos = System.nanoTime();
    try (NodeClient c = new NodeClient(cluster.nodes().getFirst().address())) {
      await().atMost(Duration.ofSeconds(30)).ignoreException(MeridianException.class).until(() -> {
        c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
          HOT.forEach(k -> txn.put(k, amount(0)));
          return null;
        });
        return true;
      });
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      commitsByClient[i] = new AtomicInteger();
      int client = i;
      threads.add(Thread.ofPlatform().name("hot-" + i).start(() -> increments(client)));
    }
    long firstCommitsMillis = -1;
    try {
      await("every client commits once").atMost(FIRST_COMMIT_BOUND).pollInterval(Duration.ofMillis(50))
          .until(() -> java.util.Arrays.stream(commitsByClient).allMatch(n -> n.get() > 0));
      firstCommitsMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
      // Keep the contention going until every client got through a few times.
      await("every client commits " + COMMITS_PER_CLIENT + " times").atMost(RUN_BOUND).pollInterval(Duration.ofMillis(50))
          .until(() -> java.util.Arrays.stream(commitsByClient).allMatch(n -> n.get() >= COMMITS_PER_CLIENT));
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(90));
      }
      printStatistics(List.copyOf(outcomes), firstCommitsMillis);
    }
    for (Thread t : threads) {
      assertThat(t.isAlive()).as("%s still running: a transaction stuck?", t.getName()).isFalse();
    }

    List<Outcome> committed = outcomes.stream().filter(Outcome::committed).toList();
    List<Outcome> abandoned = outcomes.stream().filter(o -> !o.committed()).toList();
    assertThat(unexpected).as("failures other than an abort").isEmpty();

    List<String> starved = new ArrayList<>();
    for (Outcome a : abandoned) {
      // Surely younger: called after a's first attempt had begun (so after a got its priority).
      long youngerCommitted = committed.stream()
          .filter(b -> b.calledNanos() > a.begunNanos() + PRIORITY_MARGIN_NANOS && b.endNanos() < a.endNanos())
          .count();
      if (youngerCommitted > 0) {
        starved.add(String.format("client %d gave up after %d attempts over %d ms while %d younger transactions committed",
            a.client(), a.attempts(), TimeUnit.NANOSECONDS.toMillis(a.endNanos() - a.calledNanos()), youngerCommitted));
      }
    }
    assertThat(starved).as("transactions abandoned while younger ones committed").isEmpty();

    Map<ByteString, byte[]> values = readOnlyHot();
    for (int k = 0; k < HOT.size(); k++) {
      long counter = amountOf(values.get(ByteString.copyFrom(HOT.get(k))));
      assertThat(counter)
          .as("hot key %d: counter vs increments committed (%d) and of unknown outcome (%d)", k, incrementsCommitted.get(k), incrementsUnknown.get(k))
          .isBetween(incrementsCommitted.get(k), incrementsCommitted.get(k) + incrementsUnknown.get(k));
    }
    System.out.printf("wound-wait test ran %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
  }

  private void increments(int client) {
    try (NodeClient c = new NodeClient(cluster.nodes().get(client % 3).address(), Duration.ofSeconds(5))) {
      while (!stop.get()) {
        List<Integer> keys = new ArrayList<>(List.of(0, 1, 2));
        Collections.shuffle(keys, ThreadLocalRandom.current());
        List<Integer> mine = List.copyOf(keys.subList(0, 2 + ThreadLocalRandom.current().nextInt(2)));
        AtomicInteger attempts = new AtomicInteger();
        long[] begun = new long[1];
        long called = System.nanoTime();
        try {
          c.readWriteTransaction(ATTEMPTS_MAX, txn -> {
            if (attempts.incrementAndGet() == 1) {
              begun[0] = System.nanoTime();
            }
            List<Long> read = new ArrayList<>();
            for (int k : mine) {
              read.add(amountOf(get(txn, HOT.get(k)).orElseThrow()));
            }
            for (int i = 0; i < mine.size(); i++) {
              txn.put(HOT.get(mine.get(i)), amount(read.get(i) + 1));
            }
            return null;
          });
          mine.forEach(k -> incrementsCommitted.incrementAndGet(k));
          commitsByClient[client].incrementAndGet();
          outcomes.add(new Outcome(client, called, begun[0], System.nanoTime(), attempts.get(), true, mine));
        } catch (MeridianException e) {
          noteReason(e);
          switch (e.kind()) {
            case ABORTED -> outcomes.add(new Outcome(client, called, begun[0], System.nanoTime(), attempts.get(), false, mine));
            case OUTCOME_UNKNOWN, DEADLINE_EXCEEDED -> mine.forEach(k -> incrementsUnknown.incrementAndGet(k));
            default -> unexpected.add(e.kind() + ": " + e.getMessage());
          }
        }
      }
    } catch (RuntimeException e) {
      unexpected.add("client " + client + " stopped: " + e);
    }
  }

  /** A locking read, noting why it was aborted if it was. */
  private Optional<byte[]> get(Transaction txn, byte[] key) {
    try {
      return txn.get(key);
    } catch (MeridianException e) {
      noteReason(e);
      throw e;
    }
  }

  private void noteReason(MeridianException e) {
    Matcher m = ABORT_REASON.matcher(e.getMessage());
    abortReasons.merge(m.find() ? m.group(1) : e.kind().name(), 1, Integer::sum);
  }

  private Map<ByteString, byte[]> readOnlyHot() {
    try (NodeClient c = new NodeClient(cluster.nodes().getFirst().address())) {
      Transaction ro = c.beginReadOnly(TimestampBound.newBuilder().setStrong(true).build());
      try {
        return ro.get(HOT);
      } finally {
        ro.commit();
      }
    }
  }

  private void printStatistics(List<Outcome> all, long firstCommitsMillis) {
    List<Outcome> committed = all.stream().filter(Outcome::committed).toList();
    List<Outcome> abandoned = all.stream().filter(o -> !o.committed()).toList();
    TreeMap<Integer, Integer> byAttempts = new TreeMap<>();
    committed.forEach(o -> byAttempts.merge(o.attempts(), 1, Integer::sum));
    long[] latencies = committed.stream().mapToLong(o -> TimeUnit.NANOSECONDS.toMillis(o.endNanos() - o.calledNanos())).sorted().toArray();
    System.out.printf("wound-wait: %d transactions, %d committed, %d abandoned after %d attempts; every client committed within %d ms%n",
        all.size(), committed.size(), abandoned.size(), ATTEMPTS_MAX, firstCommitsMillis);
    System.out.printf("attempts per committed transaction (attempts=count): %s%n", byAttempts);
    if (latencies.length > 0) {
      System.out.printf("call to commit: p50 %d ms, p99 %d ms, max %d ms%n",
          latencies[latencies.length / 2], latencies[(int) (latencies.length * 0.99)], latencies[latencies.length - 1]);
    }
    System.out.printf("commits by client: %s; abort reasons seen: %s%n", java.util.Arrays.toString(commitsByClient), abortReasons);
  }
}

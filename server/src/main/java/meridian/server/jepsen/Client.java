package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One client thread: runs the workload's operations against one node until the deadline, and
 * records each. A failure gives up the connection (a broken one, or one whose session state is in
 * doubt); an indeterminate outcome also ends the process, and the thread goes on as a new one.
 */
final class Client implements Runnable {
  static final Duration BACKOFF = Duration.ofMillis(100);
  /** Indexes into the shared outcome counters. */
  static final int OK = 0;
  static final int FAIL = 1;
  static final int INFO = 2;

  private final int thread;
  private final int concurrency;
  private final java.util.function.Supplier<String> url;
  private final Workload workload;
  private final HistoryWriter history;
  private final long deadlineNanos;
  private final Random random;
  private final AtomicLongArray outcomes;

  Client(int thread, int concurrency, java.util.function.Supplier<String> url, Workload workload, HistoryWriter history, long deadlineNanos, Random random,
      AtomicLongArray outcomes) {
    this.thread = thread;
    this.concurrency = concurrency;
    this.url = url;
    this.workload = workload;
    this.history = history;
    this.deadlineNanos = deadlineNanos;
    this.random = random;
    this.outcomes = outcomes;
  }

  @Override
  public void run() {
    long process = thread;
    Connection connection = null;
    while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
      if (connection == null) {
        connection = open(url); // asked each time: a restarted container may have a new address
        if (connection == null) {
          LockSupport.parkNanos(BACKOFF.toNanos());
          continue;
        }
      }
      Op op = workload.next(random);
      String outcome = perform(process, connection, op);
      if (outcome.equals("fail") || outcome.equals("info")) {
        close(connection);
        connection = null;
        if (outcome.equals("info")) {
          process += concurrency;
        }
        LockSupport.parkNanos(BACKOFF.toNanos());
      }
    }
    close(connection);
  }

  /** Runs and records one operation; returns ok, refused (a clean fail), fail or info. */
  String perform(Object process, Connection connection, Op op) {
    history.invoke(process, op);
    String type;
    try {
      Object result = workload.run(connection, op);
      history.complete(process, op, "ok", result, null);
      outcomes.incrementAndGet(OK);
      return "ok";
    } catch (Workload.Refused e) {
      history.complete(process, op, "fail", op.value(), e.getMessage());
      outcomes.incrementAndGet(FAIL);
      return "refused";
    } catch (Exception e) {
      type = Outcomes.of(e, workload.readOnly(op));
      history.complete(process, op, type, op.value(), Outcomes.describe(e));
    }
    outcomes.incrementAndGet(type.equals("fail") ? FAIL : INFO);
    return type;
  }

  static Connection open(String url) {
    return open(() -> url);
  }

  /** A connection to where {@code url} says now, or null when the node cannot be reached. */
  static Connection open(java.util.function.Supplier<String> url) {
    try {
      return DriverManager.getConnection(url.get());
    } catch (SQLException | RuntimeException e) {
      return null; // down, or (a container) not running: the caller backs off and tries again
    }
  }

  static void close(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }
}

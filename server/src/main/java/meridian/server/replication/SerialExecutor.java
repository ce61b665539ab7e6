package meridian.server.replication;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one owner's tasks one at a time, in submission order, on a shared pool: a Paxos group is
 * single-threaded without a thread of its own (STYLE.md, principle 4). The mailbox is bounded; a
 * full mailbox rejects at once so the caller can back off (a dropped Paxos message is a lost
 * message, which the protocol tolerates).
 */
final class SerialExecutor implements Executor {
  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  /** Tasks run per turn before the pool thread is handed back, so no group starves the others. */
  private static final int TASKS_PER_TURN_MAX = 256;

  private final Executor pool;
  private final int mailboxMax;
  private final String name;
  private final ConcurrentLinkedQueue<Runnable> mailbox = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable afterTurn;

  SerialExecutor(String name, Executor pool, int mailboxMax, Runnable afterTurn) {
    this.name = name;
    this.pool = pool;
    this.mailboxMax = mailboxMax;
    this.afterTurn = afterTurn;
  }

  @Override
  public void execute(Runnable task) {
    if (size.incrementAndGet() > mailboxMax) {
      size.decrementAndGet();
      throw new RejectedExecutionException(name + ": mailbox full (" + mailboxMax + " tasks)");
    }
    mailbox.add(task);
    schedule();
  }

  /**
   * Queues {@code task} even when the mailbox is full: for the few completions that must not be
   * lost (a finished snapshot install), bounded by their own limit elsewhere.
   */
  void executeAlways(Runnable task) {
    size.incrementAndGet();
    mailbox.add(task);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      pool.execute(this::turn);
    }
  }

  private void turn() {
    try {
      for (int i = 0; i < TASKS_PER_TURN_MAX; i++) {
        Runnable task = mailbox.poll();
        if (task == null) {
          break;
        }
        size.decrementAndGet();
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("{}: task failed", name, e);
        }
      }
      // One flush per turn: everything the tasks produced is persisted with one fsync and sent.
      afterTurn.run();
    } catch (RuntimeException e) {
      log.error("{}: turn failed", name, e);
    } finally {
      scheduled.set(false);
      if (!mailbox.isEmpty()) {
        schedule();
      }
    }
  }
}

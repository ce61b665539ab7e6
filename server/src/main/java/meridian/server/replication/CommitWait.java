package meridian.server.replication;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import meridian.truetime.CommitWaitTimeoutException;
import meridian.truetime.NowResult;
import meridian.truetime.TrueTime;
import meridian.truetime.TrueTimeFencedException;

/**
 * Commit wait without a blocked thread: a future that completes once {@code TT.after(s)}, checked
 * again after roughly the remaining uncertainty each time. Bounded: fails with {@link
 * CommitWaitTimeoutException} after the timeout, and with {@link TrueTimeFencedException} if the
 * node's TrueTime is fenced (then nobody can say the timestamp has passed).
 */
public final class CommitWait {
  private final TrueTime trueTime;
  private final ScheduledExecutorService scheduler;

  public CommitWait(TrueTime trueTime, ScheduledExecutorService scheduler) {
    this.trueTime = trueTime;
    this.scheduler = scheduler;
  }

  public CompletableFuture<Void> until(long timestampMicros, long timeoutMicros) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    check(timestampMicros, System.nanoTime() + timeoutMicros * 1000, timeoutMicros, done);
    return done;
  }

  private void check(long s, long deadlineNanos, long timeoutMicros, CompletableFuture<Void> done) {
    switch (trueTime.tryNow()) {
      case NowResult.Fenced fenced -> done.completeExceptionally(new TrueTimeFencedException(fenced.fence()));
      case NowResult.Granted granted -> {
        long earliest = granted.interval().earliestMicros();
        if (s < earliest) {
          done.complete(null);
        } else if (System.nanoTime() > deadlineNanos) {
          done.completeExceptionally(new CommitWaitTimeoutException(s, timeoutMicros, earliest));
        } else {
          long waitMicros = Math.max(1, s - earliest + 1);
          scheduler.schedule(() -> check(s, deadlineNanos, timeoutMicros, done), waitMicros, TimeUnit.MICROSECONDS);
        }
      }
    }
  }
}

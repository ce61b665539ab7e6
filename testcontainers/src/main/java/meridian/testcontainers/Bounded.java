package meridian.testcontainers;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Docker calls and waits with a bound. docker-java's calls have no deadline of their own (a daemon
 * that hangs hangs the caller), so each runs on a daemon thread of this executor and the caller
 * gives up at the bound; the stuck thread is left to the daemon (it cannot be interrupted out of a
 * socket read) and ends with the JVM at the latest.
 */
final class Bounded implements AutoCloseable {
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final ExecutorService calls;

  Bounded(String clusterName) {
    this.calls =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, clusterName + "-docker");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Runs {@code call}, failing with a {@link MeridianClusterException} that names {@code what}. */
  <T> T call(String what, Duration bound, Callable<T> call) {
    Future<T> future = calls.submit(call);
    try {
      return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new MeridianClusterException(what + ": Docker did not answer within " + bound.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MeridianClusterException known) {
        throw known;
      }
      throw new MeridianClusterException(what + ": " + describe(cause), cause);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new MeridianClusterException(what + ": interrupted", e);
    }
  }

  void run(String what, Duration bound, Runnable call) {
    call(
        what,
        bound,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * Polls {@code condition} every {@link #POLL_INTERVAL} until it holds, at most {@code bound};
   * then fails with {@code what} and the last state {@code state} describes.
   */
  static void await(String what, Duration bound, BooleanSupplier condition, Supplier<String> state) {
    long deadlineNanos = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new MeridianClusterException(what + " did not happen within " + bound.toSeconds() + " s: " + state.get());
      }
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
      if (Thread.currentThread().isInterrupted()) {
        throw new MeridianClusterException(what + ": interrupted");
      }
    }
  }

  /** A one-line description of a failure: its type when it has no message. */
  static String describe(Throwable failure) {
    if (failure == null) {
      return "unknown failure";
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message.strip();
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }
}

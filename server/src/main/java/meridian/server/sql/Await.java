package meridian.server.sql;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import meridian.server.node.Futures;
import meridian.server.replication.CommitOutcomeUnknownException;
import meridian.server.replication.ReplicationException;
import meridian.server.replication.TxnAbortedException;
import meridian.storage.StorageException;
import meridian.truetime.CommitWaitTimeoutException;
import meridian.truetime.TrueTimeFencedException;

/**
 * Waits for the transaction layer within a statement's deadline, and turns what it reports into
 * {@link SqlError}s: the one place where transaction outcomes become SQLStates.
 */
public final class Await {
  private Await() {}

  /** The deadline of a statement, in {@link System#nanoTime()} terms. */
  public record Deadline(long atNanos) {
    public static Deadline in(long millis) {
      return new Deadline(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    long remainingNanos() {
      return atNanos - System.nanoTime();
    }
  }

  public static <T> T get(CompletableFuture<T> future, Deadline deadline, String what) {
    long remaining = deadline.remainingNanos();
    try {
      if (remaining <= 0) {
        throw new TimeoutException();
      }
      return future.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new SqlError(SqlError.QUERY_CANCELED, "statement timed out while " + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlError(SqlError.QUERY_CANCELED, "statement interrupted while " + what);
    } catch (ExecutionException e) {
      throw translate(Futures.unwrap(e), what);
    }
  }

  /**
   * Waits for a commit. Only an abort proves it did not happen (40001); any other failure, a
   * timeout included, leaves its outcome unknown (40003), never "not committed".
   */
  public static <T> T commit(CompletableFuture<T> future, Deadline deadline) {
    try {
      return get(future, deadline, "committing");
    } catch (SqlError e) {
      if (e.sqlState().equals(SqlError.SERIALIZATION_FAILURE) && isAbort(future) || e.sqlState().equals(SqlError.OUTCOME_UNKNOWN)) {
        throw e;
      }
      throw new SqlError(SqlError.OUTCOME_UNKNOWN, "commit outcome unknown: " + e.getMessage()
          + "; the transaction may or may not have committed", e);
    }
  }

  private static boolean isAbort(CompletableFuture<?> future) {
    try {
      future.getNow(null);
      return false;
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      return Futures.unwrap(e) instanceof TxnAbortedException;
    }
  }

  /** A failure of the transaction layer as a SQL error. */
  public static SqlError translate(Throwable e, String what) {
    return switch (e) {
      case SqlError already -> already;
      case TxnAbortedException aborted -> new SqlError(SqlError.SERIALIZATION_FAILURE,
          "transaction aborted (" + aborted.getMessage() + "); retry it");
      case CommitOutcomeUnknownException unknown -> new SqlError(SqlError.OUTCOME_UNKNOWN,
          "commit outcome unknown: " + unknown.getMessage() + "; the transaction may or may not have committed");
      case CommitWaitTimeoutException wait -> new SqlError(SqlError.OUTCOME_UNKNOWN,
          "commit outcome unknown: commit wait did not finish (" + wait.getMessage() + ")");
      case TimeoutException timeout -> new SqlError(SqlError.QUERY_CANCELED, "no answer in time while " + what);
      case ReplicationException re -> new SqlError(SqlError.SERIALIZATION_FAILURE,
          "the cluster could not serve it right now (" + re.getMessage() + "); retry");
      // UNAVAILABLE, or UNKNOWN made here from a broken connection ("channel closed", with a cause).
      case io.grpc.StatusRuntimeException status when status.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE
          || status.getStatus().getCode() == io.grpc.Status.Code.UNKNOWN && status.getCause() != null ->
          new SqlError(SqlError.SERIALIZATION_FAILURE, "a node the transaction needs is unreachable (" + status.getStatus().getDescription() + "); retry");
      case TrueTimeFencedException fenced -> new SqlError("55000", "TrueTime is fenced on this node: " + fenced.getMessage());
      case StorageException storage -> new SqlError("58030", "storage failure: " + storage.getMessage());
      case IllegalArgumentException bad -> new SqlError(SqlError.INVALID_PARAMETER, bad.getMessage());
      case IllegalStateException state -> new SqlError(SqlError.INVALID_TRANSACTION_STATE, state.getMessage());
      default -> new SqlError(SqlError.INTERNAL, what + " failed: " + e, e);
    };
  }
}

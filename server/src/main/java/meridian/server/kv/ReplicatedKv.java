package meridian.server.kv;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import meridian.paxos.ReadPermit;
import meridian.server.replication.CommitWait;
import meridian.server.replication.Replication;
import meridian.server.replication.ReplicationException;
import meridian.storage.MvccStore;
import meridian.storage.ScanResult;
import meridian.storage.Version;

/**
 * Key/value operations through the Paxos group that holds each key. Writes are proposed at the
 * group's leader and acknowledged after they are applied there and commit wait has passed
 * ({@code TT.after(s)}); reads are served by the leaseholder at a timestamp no later write can fall
 * below, without a Paxos round. A request that reaches a node that does not lead the key's group
 * is forwarded once to the leader; while there is no leader (an election, a lease not yet granted)
 * it is retried with a short backoff, within a bound.
 */
public final class ReplicatedKv {
  static final long OPERATION_TIMEOUT_MILLIS = 10_000;
  static final long RETRY_BACKOFF_MILLIS = 20;
  static final long COMMIT_WAIT_MICROS_MAX = 5_000_000;
  static final int SCAN_ROWS_MAX = 10_000;

  private final Replication replication;
  private final MvccStore mvcc;
  private final CommitWait commitWait;
  private final ScheduledExecutorService scheduler;

  /** The outcome of a write, after commit wait. */
  public record Written(long timestampMicros, boolean succeeded, Optional<byte[]> current) {}

  /** What a read saw, and at which timestamp. */
  public record Read(long timestampMicros, Optional<Version> version) {}

  public ReplicatedKv(Replication replication, MvccStore mvcc, CommitWait commitWait, ScheduledExecutorService scheduler) {
    this.replication = replication;
    this.mvcc = mvcc;
    this.commitWait = commitWait;
    this.scheduler = scheduler;
  }

  public long groupOf(byte[] key) {
    return replication.ranges().groupOf(key);
  }

  /** Proposes {@code payload} to group g; retries while there is no leader; fails with the cause. */
  public CompletableFuture<Written> write(long group, byte[] payload) {
    return write(group, payload, true);
  }

  /** As {@link #write(long, byte[])}; {@code commitWait == false} acknowledges before commit wait. */
  public CompletableFuture<Written> write(long group, byte[] payload, boolean withCommitWait) {
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MILLIS);
    return retrying(
        () ->
            replication
                .propose(group, payload)
                .thenCompose(
                    outcome ->
                        (withCommitWait
                                ? commitWait.until(outcome.timestampMicros(), COMMIT_WAIT_MICROS_MAX)
                                : CompletableFuture.<Void>completedFuture(null))
                            .thenApply(v -> new Written(outcome.timestampMicros(), outcome.succeeded(), outcome.current()))),
        deadlineNanos);
  }

  /**
   * A lease read of {@code key} at the leader: at the permit's timestamp, or at {@code atMicros}
   * (> 0) once {@code TT.after(atMicros)} (so no write can still land at or below it).
   */
  public CompletableFuture<Read> get(long group, byte[] key, long atMicros) {
    return stableRead(group, atMicros, ts -> new Read(ts, mvcc.get(key, ts)));
  }

  /** A lease-read scan of [start, end) within group g's range. */
  public CompletableFuture<ScanPart> scanGroup(long group, byte[] start, byte[] end, int limit, long atMicros) {
    byte[] from = max(start, replication.ranges().startKey(group));
    byte[] to = min(end, replication.ranges().endKey(group));
    return stableRead(group, atMicros, ts -> new ScanPart(ts, mvcc.scan(from, to, ts, Math.min(limit, SCAN_ROWS_MAX))));
  }

  /**
   * A lease read of group {@code group}'s state machine, retried when a snapshot install ran
   * between the permit and the read (see {@link Replication#readStable}).
   */
  private <T> CompletableFuture<T> stableRead(long group, long atMicros, Function<Long, T> read) {
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MILLIS);
    return retrying(
        () -> {
          long generation = replication.installGeneration(group);
          return permit(group, atMicros).thenApply(ts -> replication.readStable(group, generation, () -> read.apply(ts)));
        },
        deadlineNanos);
  }

  /** One group's part of a scan. */
  public record ScanPart(long timestampMicros, ScanResult result) {}

  private CompletableFuture<Long> permit(long group, long atMicros) {
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MILLIS);
    CompletableFuture<Void> ready =
        atMicros > 0 ? commitWait.until(atMicros, COMMIT_WAIT_MICROS_MAX) : CompletableFuture.completedFuture(null);
    return ready.thenCompose(
        v ->
            retrying(
                () ->
                    replication
                        .read(group)
                        .thenApply(ReadPermit.Granted::readTimestampMicros)
                        .thenApply(ts -> atMicros > 0 ? atMicros : ts),
                deadlineNanos));
  }

  /**
   * Runs {@code attempt} until it succeeds, fails for good, or the deadline passes. Retried: BUSY
   * (no lease yet, window full), NOT_CHOSEN (our value lost its slot: it was definitely not
   * applied), and NOT_LEADER without a hint (an election is running). A NOT_LEADER with a hint is
   * returned to the caller, which forwards.
   */
  private <T> CompletableFuture<T> retrying(Supplier<CompletableFuture<T>> attempt, long deadlineNanos) {
    return attempt
        .get()
        .handle((value, error) -> {
          if (error == null) {
            return CompletableFuture.completedFuture(value);
          }
          Throwable cause = unwrap(error);
          boolean retry =
              cause instanceof ReplicationException re
                  && switch (re.kind()) {
                    case BUSY, NOT_CHOSEN -> true;
                    case NOT_LEADER -> re.leaderHint().isEmpty();
                    case NO_REPLICA -> false;
                  };
          if (!retry || System.nanoTime() > deadlineNanos) {
            return CompletableFuture.<T>failedFuture(cause);
          }
          return CompletableFuture.runAsync(
                  () -> {}, CompletableFuture.delayedExecutor(RETRY_BACKOFF_MILLIS, TimeUnit.MILLISECONDS, scheduler))
              .thenCompose(v -> retrying(attempt, deadlineNanos));
        })
        .thenCompose(Function.identity());
  }

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The larger key. */
  static byte[] max(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b) >= 0 ? a : b;
  }

  /** The smaller end key, where null means unbounded. */
  static byte[] min(byte[] a, byte[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Arrays.compareUnsigned(a, b) <= 0 ? a : b;
  }
}

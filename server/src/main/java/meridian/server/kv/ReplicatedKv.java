package meridian.server.kv;

import meridian.server.node.Futures;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import meridian.server.replication.Replication;
import meridian.server.replication.ReplicationException;
import meridian.server.replication.TxnAbortedException;
import meridian.server.replication.TxnHost;
import meridian.storage.ScanResult;
import meridian.storage.Version;
import meridian.truetime.TrueTime;
import meridian.txn.Key;
import meridian.txn.PriorGrants;
import meridian.txn.TxnId;
import meridian.txn.Write;

/**
 * Key/value operations through the Paxos group that holds each key, on the transaction machinery:
 * a put, delete or compare-and-set is a single-key transaction at the group's leader (it respects
 * the locks of other transactions), acknowledged after commit wait ({@code TT.after(s)}); reads are
 * lock-free snapshot reads, served once the replica's safe time covers their timestamp. A request that reaches a node that does not lead the key's group
 * is forwarded once to the leader; while there is no leader (an election, a lease not yet granted)
 * it is retried with a short backoff, within a bound.
 */
public final class ReplicatedKv {
  static final long OPERATION_TIMEOUT_MILLIS = 10_000;
  static final long RETRY_BACKOFF_MILLIS = 20;
  static final long SAFE_TIME_WAIT_MICROS_MAX = 5_000_000;
  static final int SCAN_ROWS_MAX = 10_000;

  private final Replication replication;
  private final TrueTime trueTime;
  private final String self;
  private final AtomicLong sequence = new AtomicLong();
  private final ScheduledExecutorService scheduler;

  /** The outcome of a write, after commit wait. */
  public record Written(long timestampMicros, boolean succeeded, Optional<byte[]> current) {}

  /** What a read saw, and at which timestamp. */
  public record Read(long timestampMicros, Optional<Version> version) {}

  public ReplicatedKv(Replication replication, TrueTime trueTime, String self, ScheduledExecutorService scheduler) {
    this.replication = replication;
    this.trueTime = trueTime;
    this.self = self;
    this.scheduler = scheduler;
  }

  /**
   * Writes {@code value} to {@code key} (a delete when empty) as a single-key transaction at group
   * g's leader: it takes the key's exclusive lock (waiting for, or wounding, transactions that hold
   * it), commits with one Paxos write, and answers after commit wait unless {@code
   * withCommitWait} is false. An abort (wounded, lock timeout) is retried with the same priority.
   */
  public CompletableFuture<Written> write(long group, byte[] key, Optional<byte[]> value, boolean withCommitWait) {
    Write write = value.map(v -> Write.put(Key.of(key), v)).orElseGet(() -> Write.delete(Key.of(key)));
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MILLIS);
    TxnId first;
    try {
      first = newTxn();
    } catch (RuntimeException fenced) {
      return CompletableFuture.failedFuture(fenced);
    }
    java.util.concurrent.atomic.AtomicReference<TxnId> attempt = new java.util.concurrent.atomic.AtomicReference<>(first);
    return retrying(
        () -> {
          TxnId txn = attempt.getAndUpdate(TxnId::retry);
          return replication.onTxns(group, (host, now) -> host.commit(txn, PriorGrants.NONE, List.of(write), List.of(), 0, !withCommitWait, now))
              .thenApply(c -> new Written(c.commitMicros(), true, Optional.empty()));
        },
        deadlineNanos);
  }

  /**
   * Compare-and-set as a transaction at group g's leader: a shared lock and read of the key, then
   * (if it matches) a commit of the new value; otherwise the lock is released and the current value
   * returned. {@code expected} empty means "absent"; {@code next} empty means delete.
   */
  public CompletableFuture<Written> compareAndSet(long group, byte[] key, Optional<byte[]> expected, Optional<byte[]> next) {
    Write write = next.map(v -> Write.put(Key.of(key), v)).orElseGet(() -> Write.delete(Key.of(key)));
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MILLIS);
    java.util.concurrent.atomic.AtomicReference<TxnId> attempt;
    try {
      attempt = new java.util.concurrent.atomic.AtomicReference<>(newTxn());
    } catch (RuntimeException fenced) {
      return CompletableFuture.failedFuture(fenced);
    }
    TxnHost.Query query = new TxnHost.Query(List.of(key), null, null, 1);
    return retrying(
        () -> {
          TxnId txn = attempt.getAndUpdate(TxnId::retry);
          return replication.onTxns(group, (host, now) -> host.lockAndRead(txn, PriorGrants.NONE, query, now)).thenCompose(rows -> {
            Optional<byte[]> current = rows.rows().stream().findFirst().map(Version::value);
            boolean matches = expected.isEmpty() ? current.isEmpty() : current.isPresent() && Arrays.equals(current.get(), expected.get());
            if (!matches) {
              return replication.onTxns(group, (host, now) -> {
                host.rollback(txn, now);
                return CompletableFuture.completedFuture(new Written(0, false, current));
              });
            }
            return replication.onTxns(group, (host, now) -> host.commit(txn, new PriorGrants(rows.leadershipId(), 1), List.of(write), List.of(), 0, false, now))
                .thenApply(c -> new Written(c.commitMicros(), true, Optional.empty()));
          });
        },
        deadlineNanos);
  }

  /** A fresh single-key transaction; throws when TrueTime is fenced (no priority can be given). */
  private TxnId newTxn() {
    return new TxnId(trueTime.now().latestMicros(), self, sequence.incrementAndGet(), 0);
  }

  /**
   * A lock-free read of {@code key} at this node's replica of group g: at {@code atMicros} once the
   * replica's safe time reaches it, or, when {@code atMicros} is 0, a strong read at the leader at a
   * timestamp it picks (waiting out transactions prepared below it).
   */
  public CompletableFuture<Read> get(long group, byte[] key, long atMicros) {
    TxnHost.Query query = new TxnHost.Query(List.of(key), null, null, 1);
    return snapshot(group, query, atMicros).thenApply(rows -> new Read(rows.readMicros(), rows.rows().stream().findFirst()));
  }

  /** A lock-free scan of [start, end) within group g's range (see {@link #get}). */
  public CompletableFuture<ScanPart> scanGroup(meridian.server.replication.RangeMap map, long group, byte[] start, byte[] end, int limit,
      long atMicros) {
    byte[] from = map.startWithin(group, start);
    byte[] to = map.endWithin(group, end);
    TxnHost.Query query = new TxnHost.Query(List.of(), from, to, Math.min(limit, SCAN_ROWS_MAX));
    return snapshot(group, query, atMicros)
        .thenApply(rows -> new ScanPart(rows.readMicros(), new ScanResult(rows.rows(), rows.more(), rows.resumeKey())));
  }

  /** One group's part of a scan. */
  public record ScanPart(long timestampMicros, ScanResult result) {}

  private CompletableFuture<TxnHost.Rows> snapshot(long group, TxnHost.Query query, long atMicros) {
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(OPERATION_TIMEOUT_MILLIS);
    return retrying(
        () -> replication.onTxns(group, (host, now) -> host.snapshotRead(atMicros, query, SAFE_TIME_WAIT_MICROS_MAX, atMicros == 0, now)),
        deadlineNanos);
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
          Throwable cause = Futures.unwrap(error);
          boolean retry =
              (cause instanceof TxnAbortedException aborted && aborted.reason().retryable())
              || cause instanceof ReplicationException re
                  && switch (re.kind()) {
                    case BUSY, NOT_CHOSEN -> true;
                    case NOT_LEADER -> re.leaderHint().isEmpty();
                    case NO_REPLICA, WRONG_RANGE -> false;
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
}

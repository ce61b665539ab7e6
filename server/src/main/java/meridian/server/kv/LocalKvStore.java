package meridian.server.kv;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import meridian.server.node.NodeMetrics;
import meridian.storage.Batch;
import meridian.storage.MvccStore;
import meridian.storage.ScanResult;
import meridian.storage.StorageEngine;
import meridian.storage.Version;
import meridian.truetime.CommitWaitTimeoutException;
import meridian.truetime.TrueTime;

/**
 * Node-local key/value storage at TrueTime timestamps, until the replication issue puts a Paxos
 * group under it.
 *
 * <p>Writes: a timestamp {@code s = max(TT.now().latest, last + 1)} is assigned and the version is
 * written with a synced batch while holding {@link #order}; then, without the lock, the writer
 * commit-waits until {@code TT.after(s)} before answering, so a write acknowledged before another
 * operation starts has a smaller timestamp than anything that operation observes (external
 * consistency, paper 4.1.2). Reads take {@code t = TT.now().latest} (or the caller's timestamp) and
 * raise {@link #lastTimestampMicros} to it under the same lock, so no later write can land at or
 * below a timestamp already read: a snapshot never changes once read.
 *
 * <p>The fsync happens under the lock on purpose: it is the simplest order-preserving scheme for
 * one node, and it is replaced by the Paxos log's ordering in the replication issue.
 */
public final class LocalKvStore {
  /** Longest a writer waits in commit wait before reporting an unknown outcome. */
  static final long COMMIT_WAIT_MICROS_MAX = 5_000_000;
  static final int SCAN_ROWS_MAX = 10_000;

  private final StorageEngine engine;
  private final MvccStore mvcc;
  private final TrueTime trueTime;
  private final NodeMetrics metrics;
  private final ReentrantLock order = new ReentrantLock();
  // Invariant: every version written has a timestamp <= lastTimestampMicros, and every snapshot
  // handed to a reader has a timestamp <= lastTimestampMicros. Guarded by order.
  private long lastTimestampMicros;

  public LocalKvStore(StorageEngine engine, TrueTime trueTime, NodeMetrics metrics) {
    this.engine = engine;
    this.mvcc = engine.mvcc();
    this.trueTime = trueTime;
    this.metrics = metrics;
  }

  /** Writes {@code value} (null: a tombstone) and returns its commit timestamp after commit wait. */
  public long write(byte[] key, byte[] value) {
    long timestamp;
    order.lock();
    try {
      timestamp = Math.max(trueTime.now().latestMicros(), lastTimestampMicros + 1);
      Batch batch = engine.newBatch();
      if (value == null) {
        batch.deleteVersion(key, timestamp);
      } else {
        batch.putVersion(key, timestamp, value);
      }
      batch.commit(true);
      lastTimestampMicros = timestamp;
    } finally {
      order.unlock();
    }
    long waitStartNanos = System.nanoTime();
    try {
      trueTime.waitUntilAfter(timestamp, COMMIT_WAIT_MICROS_MAX);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommitWaitTimeoutException(timestamp, COMMIT_WAIT_MICROS_MAX, 0);
    }
    metrics.commitWait().record(System.nanoTime() - waitStartNanos, TimeUnit.NANOSECONDS);
    return timestamp;
  }

  /** A snapshot timestamp: the caller's ({@code > 0}) or {@code TT.now().latest}. */
  public long snapshotTimestamp(long requestedMicros) {
    if (requestedMicros < 0) {
      throw new IllegalArgumentException("read timestamp must not be negative");
    }
    order.lock();
    try {
      long timestamp = requestedMicros > 0 ? requestedMicros : trueTime.now().latestMicros();
      lastTimestampMicros = Math.max(lastTimestampMicros, timestamp);
      return timestamp;
    } finally {
      order.unlock();
    }
  }

  public Optional<Version> get(byte[] key, long timestampMicros) {
    return mvcc.get(key, timestampMicros);
  }

  public ScanResult scan(byte[] start, byte[] endOrNull, long timestampMicros, int limit) {
    int bounded = limit <= 0 ? 1000 : Math.min(limit, SCAN_ROWS_MAX);
    return mvcc.scan(start, endOrNull, timestampMicros, bounded);
  }
}

package meridian.server.placement;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import meridian.proto.v1.RangeEntry;
import meridian.proto.v1.SplitRangeResponse;
import meridian.proto.v1.SplitSpec;
import meridian.server.node.Futures;
import meridian.server.replication.Keys;
import meridian.server.replication.RangeMap;
import meridian.server.replication.TxnAbortedException;
import meridian.server.txn.Transactions;
import meridian.server.txn.TxnDriver;
import meridian.storage.Version;
import meridian.txn.Key;
import meridian.txn.TxnId;
import meridian.txn.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a range at a key, as one read-write transaction over group 1 (the map) and the group
 * being split (see the package docs for the steps and what they guarantee). Aborts that a retry
 * can cure (wound by an older transaction, a stale map, a leader change) are retried with
 * backoff, keeping the first attempt's priority, at most {@link #ATTEMPTS_MAX} times.
 */
public final class Splitter {
  private static final Logger log = LoggerFactory.getLogger(Splitter.class);
  static final int ATTEMPTS_MAX = 10;
  static final long BACKOFF_MILLIS_MIN = 20;
  static final long BACKOFF_MILLIS_MAX = 1_000;

  private final Transactions transactions;
  private final RangeCache cache;
  private final ScheduledExecutorService scheduler;

  public Splitter(Transactions transactions, RangeCache cache, ScheduledExecutorService scheduler) {
    this.transactions = transactions;
    this.cache = cache;
    this.scheduler = scheduler;
  }

  public CompletableFuture<SplitRangeResponse> split(byte[] at) {
    if (Arrays.compareUnsigned(at, Keys.SYSTEM_END) < 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "cannot split at " + Keys.show(at) + ": keys below " + Keys.show(Keys.SYSTEM_END) + " are reserved for the range map"));
    }
    return attempt(at, Optional.empty(), 1, BACKOFF_MILLIS_MIN);
  }

  private CompletableFuture<SplitRangeResponse> attempt(byte[] at, Optional<TxnId> retryOf, int attempt, long backoffMillis) {
    TxnDriver txn = transactions.driver(retryOf);
    return cache.refresh()
        .thenCompose(map -> {
          RangeMap.Range range = map.rangeOf(at);
          if (Arrays.equals(range.start(), at)) {
            return CompletableFuture.completedFuture(answer(map, at, true, 0));
          }
          if (map.ranges().size() >= RangeCache.RANGES_MAX) {
            throw new IllegalStateException("the cluster has " + map.ranges().size() + " ranges, the most it may have");
          }
          return splitOnce(txn, map, range, at);
        })
        .exceptionallyCompose(error -> {
          Throwable cause = Futures.unwrap(error);
          if (cause instanceof TxnAbortedException aborted && aborted.reason().retryable() && attempt < ATTEMPTS_MAX) {
            log.debug("split at {}: attempt {} aborted ({}); retrying", Keys.show(at), attempt, aborted.getMessage());
            return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS, scheduler))
                .thenCompose(v -> attempt(at, Optional.of(txn.id()), attempt + 1, Math.min(BACKOFF_MILLIS_MAX, backoffMillis * 2)));
          }
          txn.rollback();
          return CompletableFuture.failedFuture(cause);
        });
  }

  private CompletableFuture<SplitRangeResponse> splitOnce(TxnDriver txn, RangeMap map, RangeMap.Range range, byte[] at) {
    byte[] entryKey = Keys.concat(Keys.RANGE_PREFIX, at);
    return txn.lockForSplit(range.groupId(), at)
        .thenCompose(v -> txn.read(List.of(Keys.NEXT_GROUP, entryKey)))
        .thenCompose(rows -> {
          long next = map.largestGroupId() + 1;
          for (Version row : rows) {
            if (Arrays.equals(row.key(), entryKey)) {
              // Split by someone else since this node's map was read: the next attempt sees it.
              throw new TxnAbortedException(txn.id(), meridian.txn.AbortReason.LOCKS_LOST, "split at " + Keys.show(at) + " meanwhile");
            }
            next = Math.max(next, ByteBuffer.wrap(row.value()).getLong());
          }
          RangeEntry entry = RangeEntry.newBuilder().setGroupId(next).addAllReplicas(range.replicas()).setParentGroupId(range.groupId()).build();
          txn.buffer(List.of(
              Write.put(Key.of(Keys.NEXT_GROUP), ByteBuffer.allocate(8).putLong(next + 1).array()),
              Write.put(Key.of(entryKey), entry.toByteArray())));
          SplitSpec spec = SplitSpec.newBuilder().setSplitKey(com.google.protobuf.ByteString.copyFrom(at)).setNewGroupId(next).build();
          txn.pin(range.groupId(), Write.put(Key.of(Keys.SPLIT), spec.toByteArray()));
          long newGroup = next;
          return txn.commit().thenCompose(commit -> {
            log.info("split {} at {}: new group {} (commit timestamp {})", range, Keys.show(at), newGroup, commit.commitMicros());
            return cache.refresh().thenApply(m -> answer(m, at, false, commit.commitMicros()));
          });
        });
  }

  private static SplitRangeResponse answer(RangeMap map, byte[] at, boolean already, long commitMicros) {
    RangeMap.Range right = map.rangeOf(at);
    int i = map.ranges().indexOf(right);
    RangeMap.Range left = i > 0 ? map.ranges().get(i - 1) : right; // i == 0 only if the refresh lost the split
    return SplitRangeResponse.newBuilder()
        .setLeft(left.toProto())
        .setRight(right.toProto())
        .setAlreadySplit(already)
        .setCommitTimestampMicros(commitMicros)
        .build();
  }
}

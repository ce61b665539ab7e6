package meridian.server.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import meridian.proto.v1.RangeEntry;
import meridian.server.node.Futures;
import meridian.server.node.GrpcErrors;
import meridian.server.replication.Keys;
import meridian.server.replication.ReplicationException;
import meridian.server.replication.RangeMap;
import meridian.server.replication.TxnHost;
import meridian.server.txn.Participants;
import meridian.storage.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's copy of the range map (see the package docs). {@link #map()} never blocks; {@link
 * #refresh()} reads the map from group 1 with a strong snapshot read, at most one read at a time
 * (callers during a read share it). A map replaces the cached one only if it has more ranges:
 * ranges only split, so a map with fewer is older.
 */
public final class RangeCache {
  private static final Logger log = LoggerFactory.getLogger(RangeCache.class);
  /** The most ranges a map may have; a split beyond it is refused. */
  public static final int RANGES_MAX = 10_000;
  static final int PAGE_ROWS = 1_000;
  static final int REROUTES_MAX = 5;
  static final long READ_WAIT_MICROS_MAX = 2_000_000;
  static final byte[] ENTRIES_END = Keys.prefixEnd(Keys.RANGE_PREFIX);

  private final RangeMap initial;
  private final AtomicReference<RangeMap> current;
  private final AtomicReference<CompletableFuture<RangeMap>> inFlight = new AtomicReference<>();
  private volatile Participants participants;

  public RangeCache(RangeMap initial) {
    this.initial = initial;
    this.current = new AtomicReference<>(initial);
  }

  /** Where the map is read from; set once at node start, before the first refresh. */
  public void readFrom(Participants participants) {
    this.participants = participants;
  }

  public RangeMap map() {
    return current.get();
  }

  /** Reads the map from group 1 and caches it; completes with the newest map this node knows. */
  public CompletableFuture<RangeMap> refresh() {
    CompletableFuture<RangeMap> mine = new CompletableFuture<>();
    CompletableFuture<RangeMap> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return running;
    }
    readEntries(0, Keys.RANGE_PREFIX, new ArrayList<>()).whenComplete((entries, error) -> {
      inFlight.set(null);
      if (error != null) {
        log.debug("range map refresh failed: {}", error.toString());
        mine.completeExceptionally(error);
        return;
      }
      try {
        mine.complete(adopt(entries));
      } catch (RuntimeException e) {
        log.error("the range map in group 1 is unusable: {}", e.getMessage());
        mine.completeExceptionally(e);
      }
    });
    return mine;
  }

  /**
   * Runs {@code op} with this node's map; when a group answers that it no longer holds a key
   * (WRONG_RANGE: a split it has applied and this map has not), refreshes the map and runs it
   * again, at most {@link #REROUTES_MAX} times in all.
   */
  public <T> CompletableFuture<T> routed(java.util.function.Function<RangeMap, CompletableFuture<T>> op) {
    return routed(op, 1);
  }

  private <T> CompletableFuture<T> routed(java.util.function.Function<RangeMap, CompletableFuture<T>> op, int attempt) {
    CompletableFuture<T> tried;
    try {
      tried = op.apply(map());
    } catch (RuntimeException e) {
      tried = CompletableFuture.failedFuture(e);
    }
    return tried.exceptionallyCompose(error -> {
      Throwable cause = GrpcErrors.fromStatus(Futures.unwrap(error));
      if (attempt >= REROUTES_MAX || !wrongRange(cause)) {
        return CompletableFuture.failedFuture(cause);
      }
      return refresh().thenCompose(map -> routed(op, attempt + 1));
    });
  }

  public static boolean wrongRange(Throwable cause) {
    return cause instanceof ReplicationException re && re.kind() == ReplicationException.Kind.WRONG_RANGE;
  }

  /** Refreshes in the background (a group said WRONG_RANGE, or the periodic refresh). */
  public void refreshSoon() {
    if (participants != null) {
      refresh().exceptionally(e -> null);
    }
  }

  private CompletableFuture<List<Version>> readEntries(long atMicros, byte[] from, List<Version> acc) {
    Participants reader = participants;
    if (reader == null) {
      return CompletableFuture.failedFuture(new IllegalStateException("the range map cannot be read yet (node starting)"));
    }
    TxnHost.Query query = new TxnHost.Query(List.of(), from, ENTRIES_END, PAGE_ROWS);
    return reader.snapshotRead(initial.groupOf(Keys.RANGE_PREFIX), atMicros, query, READ_WAIT_MICROS_MAX, atMicros != 0)
        .thenCompose(rows -> {
          acc.addAll(rows.rows());
          if (acc.size() > RANGES_MAX) {
            return CompletableFuture.failedFuture(new IllegalStateException("the range map has more than " + RANGES_MAX + " entries"));
          }
          return rows.more() ? readEntries(rows.readMicros(), rows.resumeKey(), acc) : CompletableFuture.completedFuture(acc);
        });
  }

  /** The map the entries describe, cached if it is newer than the cached one. */
  private RangeMap adopt(List<Version> entries) {
    RangeMap map = initial;
    for (Version v : entries) {
      byte[] at = java.util.Arrays.copyOfRange(v.key(), Keys.RANGE_PREFIX.length, v.key().length);
      RangeEntry entry;
      try {
        entry = RangeEntry.parseFrom(v.value());
      } catch (com.google.protobuf.InvalidProtocolBufferException e) {
        throw new IllegalStateException("undecodable range map entry at " + Keys.show(at) + ": " + e.getMessage(), e);
      }
      map = map.withSplit(at, entry.getGroupId(), entry.getReplicasList());
    }
    return current.accumulateAndGet(map, (old, fresh) -> fresh.ranges().size() > old.ranges().size() ? fresh : old);
  }
}

package meridian.server.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import meridian.proto.v1.TimestampBound;
import meridian.server.placement.RangeCache;
import meridian.server.replication.RangeMap;
import meridian.server.replication.TxnHost;
import meridian.storage.Version;
import meridian.truetime.TTInterval;
import meridian.truetime.TrueTime;

/**
 * Lock-free reads at a timestamp chosen from a {@link TimestampBound} (paper 4.1.3): strong,
 * exact (a timestamp, or a staleness) or bounded (max staleness, min read timestamp). Any replica
 * serves a read at {@code t} once its safe time reaches {@code t}; reads never block writers.
 */
public final class SnapshotReads {
  /** How long a replica may wait for its safe time to reach a read's timestamp. */
  static final long SAFE_TIME_WAIT_MICROS_MAX = 5_000_000;
  static final int RANGE_ROWS_MAX = 10_000;

  private final Participants participants;
  private final RangeCache ranges;
  private final TrueTime trueTime;

  public SnapshotReads(Participants participants, RangeCache ranges, TrueTime trueTime) {
    this.participants = participants;
    this.ranges = ranges;
    this.trueTime = trueTime;
  }

  /** Rows read and the timestamp they were read at. */
  public record Snapshot(List<Version> rows, boolean more, byte[] resumeKey, long readMicros) {}

  /**
   * The timestamp for {@code bound} over {@code groups}, or 0 for a strong read that one group's
   * leader may pick itself (its last commit when nothing is prepared).
   */
  public CompletableFuture<Long> timestamp(TimestampBound bound, List<Long> groups) {
    return switch (bound.getBoundCase()) {
      case STRONG, BOUND_NOT_SET -> CompletableFuture.completedFuture(groups.size() == 1 ? 0 : now().latestMicros());
      case READ_TIMESTAMP_MICROS -> CompletableFuture.completedFuture(positive(bound.getReadTimestampMicros()));
      case EXACT_STALENESS_MICROS -> CompletableFuture.completedFuture(now().latestMicros() - nonNegative(bound.getExactStalenessMicros()));
      case MAX_STALENESS_MICROS -> freshest(groups, now().earliestMicros() - nonNegative(bound.getMaxStalenessMicros()));
      case MIN_READ_TIMESTAMP_MICROS -> freshest(groups, positive(bound.getMinReadTimestampMicros()));
    };
  }

  /**
   * The freshest timestamp every group can serve at once, if it is at least {@code floorMicros};
   * else a strong read's (waiting is then unavoidable).
   */
  private CompletableFuture<Long> freshest(List<Long> groups, long floorMicros) {
    List<CompletableFuture<Long>> safe = groups.stream().map(participants::safeTime).toList();
    return CompletableFuture.allOf(safe.toArray(CompletableFuture[]::new)).handle((v, error) -> {
      long min = error != null ? 0 : safe.stream().mapToLong(CompletableFuture::join).min().orElse(0);
      return min >= floorMicros ? min : now().latestMicros();
    });
  }

  /** Reads {@code keys} at {@code readMicros} (0: strong, picked by the single group's leader). */
  public CompletableFuture<Snapshot> read(List<byte[]> keys, long readMicros) {
    return ranges.routed(map -> read(map, keys, readMicros));
  }

  private CompletableFuture<Snapshot> read(RangeMap map, List<byte[]> keys, long readMicros) {
    Map<Long, List<byte[]>> byGroup = new LinkedHashMap<>();
    keys.forEach(k -> byGroup.computeIfAbsent(map.groupOf(k), g -> new ArrayList<>()).add(k));
    List<CompletableFuture<TxnHost.Rows>> reads = new ArrayList<>();
    byGroup.forEach((g, groupKeys) -> reads.add(
        participants.snapshotRead(g, readMicros, new TxnHost.Query(groupKeys, null, null, groupKeys.size()), SAFE_TIME_WAIT_MICROS_MAX, inPast(readMicros))));
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<Version> rows = new ArrayList<>();
      long ts = readMicros;
      for (var r : reads) {
        rows.addAll(r.join().rows());
        ts = Math.max(ts, r.join().readMicros());
      }
      return new Snapshot(rows, false, null, ts);
    });
  }

  /** Reads up to {@code limit} rows of [start, end) at {@code readMicros} (never 0 across groups). */
  public CompletableFuture<Snapshot> readRange(byte[] start, byte[] end, int limit, long readMicros) {
    int cap = Math.max(1, Math.min(limit, RANGE_ROWS_MAX));
    return ranges.routed(map -> rangeFrom(map, map.groupsOverlapping(start, end), 0, start, end, cap, readMicros, new ArrayList<>()));
  }

  private CompletableFuture<Snapshot> rangeFrom(
      RangeMap map, List<Long> groups, int i, byte[] start, byte[] end, int limit, long readMicros, List<Version> acc) {
    long g = groups.get(i);
    byte[] from = map.startWithin(g, start);
    byte[] to = map.endWithin(g, end);
    return participants.snapshotRead(g, readMicros, new TxnHost.Query(List.of(), from, to, limit - acc.size()), SAFE_TIME_WAIT_MICROS_MAX, inPast(readMicros))
        .thenCompose(part -> {
          acc.addAll(part.rows());
          long ts = Math.max(readMicros, part.readMicros());
          if (part.more()) {
            return CompletableFuture.completedFuture(new Snapshot(acc, true, part.resumeKey(), ts));
          }
          if (i + 1 == groups.size()) {
            return CompletableFuture.completedFuture(new Snapshot(acc, false, null, ts));
          }
          if (acc.size() >= limit) {
            return CompletableFuture.completedFuture(new Snapshot(acc, true, map.startKey(groups.get(i + 1)), ts));
          }
          return rangeFrom(map, groups, i + 1, start, end, limit, ts, acc);
        });
  }

  /**
   * Whether a read at {@code readMicros} is in the past, so that a nearby replica may well serve it
   * at once; strong reads (now or later) go to the leader, which can serve up to its lease-read time.
   */
  private boolean inPast(long readMicros) {
    return readMicros > 0 && readMicros < now().earliestMicros();
  }

  public List<Long> allGroups() {
    return ranges.map().groupIds();
  }

  List<Long> groupsOf(List<byte[]> keys, byte[] rangeStart, byte[] rangeEnd) {
    if (rangeStart != null) {
      return ranges.map().groupsOverlapping(rangeStart, rangeEnd);
    }
    RangeMap map = ranges.map();
    return keys.stream().map(map::groupOf).distinct().toList();
  }

  private TTInterval now() {
    return trueTime.now();
  }

  private static long positive(long micros) {
    if (micros <= 0) {
      throw new IllegalArgumentException("a read timestamp must be positive, not " + micros);
    }
    return micros;
  }

  private static long nonNegative(long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("a staleness must not be negative, not " + micros);
    }
    return micros;
  }
}

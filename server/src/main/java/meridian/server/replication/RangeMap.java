package meridian.server.replication;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import meridian.proto.v1.RangeDescriptor;

/**
 * Which group holds a key: the key space split into contiguous ranges, each held by one Paxos
 * group. Immutable; a split gives a new map. The cluster starts with {@code --ranges} ranges cut
 * by the first byte of the key (group ids 1..N in key order); every later split is an entry of the
 * replicated range map (see {@code meridian.server.placement}), applied on top of that start.
 *
 * <p>Invariant: the ranges are sorted, contiguous, the first starts at the empty key and the last
 * is unbounded; group ids are unique.
 */
public final class RangeMap {
  public static final int GROUPS_MAX = 256;

  /** One range: [start, end), end null for unbounded. */
  public record Range(byte[] start, byte[] end, long groupId, List<String> replicas) {
    public Range {
      replicas = List.copyOf(replicas);
    }

    public boolean contains(byte[] key) {
      return Arrays.compareUnsigned(key, start) >= 0 && (end == null || Arrays.compareUnsigned(key, end) < 0);
    }

    public RangeDescriptor toProto() {
      RangeDescriptor.Builder b =
          RangeDescriptor.newBuilder().setStartKey(ByteString.copyFrom(start)).setGroupId(groupId).addAllReplicas(replicas);
      return end == null ? b.setEndUnbounded(true).build() : b.setEndKey(ByteString.copyFrom(end)).build();
    }

    public static Range fromProto(RangeDescriptor p) {
      return new Range(p.getStartKey().toByteArray(), p.getEndUnbounded() ? null : p.getEndKey().toByteArray(), p.getGroupId(),
          p.getReplicasList());
    }

    @Override
    public String toString() {
      return "group " + groupId + " [" + Keys.show(start) + ", " + (end == null ? "end" : Keys.show(end)) + ")";
    }
  }

  private final List<Range> ranges;
  private final Map<Long, Range> byGroup = new HashMap<>();

  private RangeMap(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
    this.ranges.forEach(r -> byGroup.put(r.groupId(), r));
  }

  /** The start: {@code groups} ranges cut by the first byte, group g on {@code placement(g)}. */
  public static RangeMap initial(int groups, LongFunction<List<String>> placement) {
    if (groups < 1 || groups > GROUPS_MAX) {
      throw new IllegalArgumentException("--ranges must be between 1 and " + GROUPS_MAX + ", not " + groups);
    }
    List<Range> ranges = new ArrayList<>();
    for (long g = 1; g <= groups; g++) {
      byte[] start = g == 1 ? new byte[0] : new byte[] {(byte) ((g - 1) * 256 / groups)};
      byte[] end = g == groups ? null : new byte[] {(byte) (g * 256 / groups)};
      ranges.add(new Range(start, end, g, placement.apply(g)));
    }
    return new RangeMap(ranges);
  }

  /**
   * This map with the range holding {@code key} split at it, the part from {@code key} on held by
   * {@code newGroup}; this map itself when {@code key} already starts a range.
   */
  public RangeMap withSplit(byte[] key, long newGroup, List<String> replicas) {
    int i = indexOf(key);
    Range old = ranges.get(i);
    if (Arrays.equals(old.start(), key)) {
      return this;
    }
    if (byGroup.containsKey(newGroup)) {
      throw new IllegalArgumentException("group " + newGroup + " already holds a range");
    }
    List<Range> next = new ArrayList<>(ranges);
    next.set(i, new Range(old.start(), key, old.groupId(), old.replicas()));
    next.add(i + 1, new Range(key, old.end(), newGroup, replicas));
    return new RangeMap(next);
  }

  public List<Range> ranges() {
    return ranges;
  }

  /** Group ids in key order. */
  public List<Long> groupIds() {
    return ranges.stream().map(Range::groupId).toList();
  }

  public long largestGroupId() {
    return ranges.stream().mapToLong(Range::groupId).max().orElseThrow();
  }

  public boolean holds(long g) {
    return byGroup.containsKey(g);
  }

  /** Group {@code g}'s range; fails when no range of this map is held by g. */
  public Range range(long g) {
    Range r = byGroup.get(g);
    if (r == null) {
      throw new IllegalArgumentException("no range is held by group " + g);
    }
    return r;
  }

  /** The range that holds {@code key}. */
  public Range rangeOf(byte[] key) {
    return ranges.get(indexOf(key));
  }

  /** The group whose range holds {@code key}. */
  public long groupOf(byte[] key) {
    return rangeOf(key).groupId();
  }

  private int indexOf(byte[] key) {
    int lo = 0;
    int hi = ranges.size() - 1;
    while (lo < hi) { // the last range whose start <= key
      int mid = (lo + hi + 1) >>> 1;
      if (Arrays.compareUnsigned(ranges.get(mid).start(), key) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** The start key of group {@code g}'s range. */
  public byte[] startKey(long g) {
    return range(g).start();
  }

  /** The end key (exclusive) of group {@code g}'s range; null when unbounded. */
  public byte[] endKey(long g) {
    return range(g).end();
  }

  /** {@code start} moved up into group {@code g}'s range, if it lies below it. */
  public byte[] startWithin(long g, byte[] start) {
    byte[] first = startKey(g);
    return Arrays.compareUnsigned(start, first) >= 0 ? start : first;
  }

  /** {@code end} (null: unbounded) moved down to group {@code g}'s end, if it lies beyond it. */
  public byte[] endWithin(long g, byte[] end) {
    byte[] last = endKey(g);
    if (end == null) {
      return last;
    }
    return last == null || Arrays.compareUnsigned(end, last) <= 0 ? end : last;
  }

  /** The groups whose ranges intersect [start, end) (end null: unbounded), in key order. */
  public List<Long> groupsOverlapping(byte[] start, byte[] end) {
    List<Long> result = new ArrayList<>();
    for (int i = indexOf(start); i < ranges.size(); i++) {
      Range r = ranges.get(i);
      if (end != null && !result.isEmpty() && Arrays.compareUnsigned(r.start(), end) >= 0) {
        break;
      }
      result.add(r.groupId());
    }
    return result;
  }

  @Override
  public String toString() {
    return ranges.toString();
  }
}

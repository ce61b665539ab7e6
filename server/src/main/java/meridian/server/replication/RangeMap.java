package meridian.server.replication;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which group holds a key: the key space split into {@code groups} contiguous ranges by the first
 * byte of the key, group ids 1..N in key order. Static for now; the transactions issue replaces it
 * with a replicated range map that can split.
 */
public record RangeMap(int groups) {
  public static final int GROUPS_MAX = 256;

  public RangeMap {
    if (groups < 1 || groups > GROUPS_MAX) {
      throw new IllegalArgumentException("--groups must be between 1 and " + GROUPS_MAX + ", not " + groups);
    }
  }

  /** The group whose range holds {@code key}. */
  public long groupOf(byte[] key) {
    int first = key.length == 0 ? 0 : key[0] & 0xff;
    for (long g = groups; g >= 1; g--) {
      if (first >= firstByte(g)) {
        return g;
      }
    }
    throw new AssertionError("no group for first byte " + first);
  }

  /** First byte value of group {@code g}'s range (inclusive). */
  int firstByte(long g) {
    return (int) ((g - 1) * 256 / groups);
  }

  /** The start key of group {@code g}'s range. */
  public byte[] startKey(long g) {
    return g == 1 ? new byte[0] : new byte[] {(byte) firstByte(g)};
  }

  /** The end key (exclusive) of group {@code g}'s range; null for the last group (unbounded). */
  public byte[] endKey(long g) {
    return g == groups ? null : startKey(g + 1);
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
    for (long g = groupOf(start); g <= groups; g++) {
      if (end != null && g > groupOf(start) && Arrays.compareUnsigned(startKey(g), end) >= 0) {
        break;
      }
      result.add(g);
    }
    return result;
  }
}

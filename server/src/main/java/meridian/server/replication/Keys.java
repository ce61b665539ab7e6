package meridian.server.replication;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reserved keys and key display. Keys that start with {@link #SYSTEM_PREFIX} belong to Meridian
 * (the range map lives there); users cannot write them. They lie in the first range, and no split
 * may cut into or below them, so the first group (1) always holds the range map.
 */
public final class Keys {
  /** {@code \0\0meridian/}: no printable user key starts with two zero bytes. */
  public static final byte[] SYSTEM_PREFIX = concat(new byte[] {0, 0}, "meridian/".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  /** The first key after every system key: the smallest key a split may be at. */
  public static final byte[] SYSTEM_END = prefixEnd(SYSTEM_PREFIX);
  /** Range map entries: this prefix, then the split key that starts the range. */
  public static final byte[] RANGE_PREFIX = concat(SYSTEM_PREFIX, "range/".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  /** The next group id a split may take (absent: one above the initial ranges). */
  public static final byte[] NEXT_GROUP = concat(SYSTEM_PREFIX, "next-group".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  /**
   * The split write: written by a split transaction at the group it splits (whatever that group's
   * range); its state machine applies it as a split and never stores it as data.
   */
  public static final byte[] SPLIT = concat(SYSTEM_PREFIX, "split".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

  /**
   * {@code \0\1}: SQL tables' rows and index entries (see {@code meridian.server.sql}). Users of
   * the key/value API can neither write nor scan them; ranges may be split there.
   */
  public static final byte[] SQL_PREFIX = {0, 1};

  private Keys() {}

  /** Keys the key/value API refuses to write and leaves out of scans: system and SQL keys. */
  public static boolean isReserved(byte[] key) {
    return isSystem(key) || (key.length >= 2 && key[0] == 0 && key[1] == 1);
  }

  public static boolean isSystem(byte[] key) {
    return key.length >= SYSTEM_PREFIX.length && Arrays.equals(key, 0, SYSTEM_PREFIX.length, SYSTEM_PREFIX, 0, SYSTEM_PREFIX.length);
  }

  public static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The smallest key above every key that starts with {@code prefix} (its last byte is not 0xff). */
  public static byte[] prefixEnd(byte[] prefix) {
    byte[] end = prefix.clone();
    end[end.length - 1]++;
    return end;
  }

  /** A key for people: printable ASCII as it is, anything else as 0x-hex; "" as -inf. */
  public static String show(byte[] key) {
    if (key.length == 0) {
      return "-inf";
    }
    for (byte b : key) {
      if (b < 0x21 || b > 0x7e) {
        return "0x" + HexFormat.of().formatHex(key);
      }
    }
    return new String(key, java.nio.charset.StandardCharsets.US_ASCII);
  }
}

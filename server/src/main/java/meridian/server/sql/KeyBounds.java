package meridian.server.sql;

import java.util.Arrays;

/** Key-range arithmetic. */
final class KeyBounds {
  private KeyBounds() {}

  /**
   * The smallest key above every key that starts with {@code prefix}: the prefix with its last
   * byte below 0xff incremented and what follows dropped; null (unbounded) if every byte is 0xff.
   */
  static byte[] after(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }
}

package meridian.txn;

import java.nio.charset.StandardCharsets;

/** Test shorthand. */
final class Keys {
  private Keys() {}

  static Key key(String s) {
    return Key.of(s.getBytes(StandardCharsets.UTF_8));
  }

  static KeySpan point(String s) {
    return KeySpan.point(key(s));
  }

  static KeySpan range(String start, String end) {
    return new KeySpan(key(start), key(end));
  }

  static TxnId txn(long priority) {
    return new TxnId(priority, "n1", priority, 0);
  }

  static Write put(String k, String v) {
    return Write.put(key(k), v.getBytes(StandardCharsets.UTF_8));
  }
}

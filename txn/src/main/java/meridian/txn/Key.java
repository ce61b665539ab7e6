package meridian.txn;

import java.util.Arrays;
import java.util.HexFormat;

/** An encoded storage key: immutable bytes, ordered as unsigned bytes (RocksDB's order). */
public final class Key implements Comparable<Key> {
  private final byte[] bytes;

  private Key(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Key of(byte[] bytes) {
    return new Key(bytes.clone());
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** The smallest key above this one: this key followed by a zero byte. */
  public Key successor() {
    return new Key(Arrays.copyOf(bytes, bytes.length + 1));
  }

  @Override
  public int compareTo(Key other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Key k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}

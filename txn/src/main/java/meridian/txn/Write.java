package meridian.txn;

import java.util.Arrays;
import java.util.Optional;

/** A buffered write: a new value for {@code key}, or its deletion when {@code value} is null. */
public record Write(Key key, byte[] value) {
  public static Write put(Key key, byte[] value) {
    return new Write(key, value.clone());
  }

  public static Write delete(Key key) {
    return new Write(key, null);
  }

  public boolean isDelete() {
    return value == null;
  }

  public Optional<byte[]> valueIfPut() {
    return Optional.ofNullable(value).map(byte[]::clone);
  }

  public int sizeBytes() {
    return key.size() + (value == null ? 0 : value.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Write w && key.equals(w.key) && Arrays.equals(value, w.value);
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return (value == null ? "delete " : "put ") + key;
  }
}

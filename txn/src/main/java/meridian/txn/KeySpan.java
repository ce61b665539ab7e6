package meridian.txn;

import java.util.Objects;

/**
 * The keys in {@code [start, end)}: one key ({@link #point}) or a range (a scan). An empty {@code
 * end} ({@code null}) means unbounded above.
 */
public record KeySpan(Key start, Key end) {
  public KeySpan {
    Objects.requireNonNull(start, "start");
    if (end != null && end.compareTo(start) <= 0) {
      throw new IllegalArgumentException("empty span [" + start + ", " + end + ")");
    }
  }

  public static KeySpan point(Key key) {
    return new KeySpan(key, key.successor());
  }

  public boolean isPoint() {
    return end != null && end.equals(start.successor());
  }

  public boolean contains(Key key) {
    return key.compareTo(start) >= 0 && (end == null || key.compareTo(end) < 0);
  }

  public boolean overlaps(KeySpan other) {
    return (end == null || other.start.compareTo(end) < 0) && (other.end == null || start.compareTo(other.end) < 0);
  }
}

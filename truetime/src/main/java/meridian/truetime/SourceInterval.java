package meridian.truetime;

import java.util.Objects;

/**
 * One source's claim for {@link Marzullo}: the true value lies in {@code [lowMicros, highMicros]}
 * (closed). In TrueTime the value is the clock offset and the source is a time master.
 */
public record SourceInterval(String sourceId, long lowMicros, long highMicros) {

  public SourceInterval {
    Objects.requireNonNull(sourceId, "sourceId");
    if (lowMicros > highMicros) {
      throw new IllegalArgumentException(
          sourceId + ": low " + lowMicros + " us is above high " + highMicros + " us");
    }
  }

  public static SourceInterval of(String sourceId, OffsetRange range) {
    return new SourceInterval(sourceId, range.lowMicros(), range.highMicros());
  }

  public OffsetRange range() {
    return new OffsetRange(lowMicros, highMicros);
  }

  /** Whether this interval covers all of {@code [lowMicros, highMicros]}. */
  public boolean covers(long fromMicros, long toMicros) {
    return lowMicros <= fromMicros && toMicros <= highMicros;
  }

  /** Whether this interval shares at least one point with {@code [fromMicros, toMicros]}. */
  public boolean intersects(long fromMicros, long toMicros) {
    return lowMicros <= toMicros && fromMicros <= highMicros;
  }
}

package meridian.truetime;

/**
 * A closed range of clock offsets, in microseconds: true time minus the local wall clock. An
 * offset range, not a point in time: add it to a wall clock reading to get a {@link TTInterval}.
 */
public record OffsetRange(long lowMicros, long highMicros) {

  public OffsetRange {
    if (lowMicros > highMicros) {
      throw new IllegalArgumentException(
          "offset range low " + lowMicros + " us is above high " + highMicros + " us");
    }
  }

  /** Half the width, rounded up. */
  public long halfWidthMicros() {
    return Math.ceilDiv(highMicros - lowMicros, 2L);
  }

  /** The middle, rounded down. */
  public long centreMicros() {
    return lowMicros + (highMicros - lowMicros) / 2;
  }

  public boolean contains(long offsetMicros) {
    return lowMicros <= offsetMicros && offsetMicros <= highMicros;
  }

  /** Closed ranges: touching ends intersect. */
  public boolean intersects(OffsetRange other) {
    return lowMicros <= other.highMicros && other.lowMicros <= highMicros;
  }

  /** This range moved down by {@code lowByMicros} at the low end and up by {@code highByMicros}. */
  public OffsetRange widen(long lowByMicros, long highByMicros) {
    return new OffsetRange(lowMicros - lowByMicros, highMicros + highByMicros);
  }

  /** This range shifted by {@code deltaMicros}. */
  public OffsetRange shift(long deltaMicros) {
    return new OffsetRange(lowMicros + deltaMicros, highMicros + deltaMicros);
  }
}

package meridian.truetime;

/**
 * A TrueTime interval: true time was, at the moment of the reading, no earlier than {@code
 * earliestMicros} and no later than {@code latestMicros} (microseconds since the Unix epoch, both
 * ends included), provided the assumptions in the package documentation hold.
 */
public record TTInterval(long earliestMicros, long latestMicros) {

  public TTInterval {
    if (earliestMicros > latestMicros) {
      throw new IllegalArgumentException(
          "earliest " + earliestMicros + " us is after latest " + latestMicros + " us");
    }
  }

  /** Half the width, rounded up, so that {@code [midpoint - epsilon, midpoint + epsilon]} covers it. */
  public long epsilonMicros() {
    return Math.ceilDiv(latestMicros - earliestMicros, 2L);
  }

  /** The middle of the interval, rounded down. */
  public long midpointMicros() {
    return earliestMicros + (latestMicros - earliestMicros) / 2;
  }

  /** Whether {@code tMicros} lies inside the interval (ends included). */
  public boolean contains(long tMicros) {
    return earliestMicros <= tMicros && tMicros <= latestMicros;
  }
}

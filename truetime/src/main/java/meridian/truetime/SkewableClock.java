package meridian.truetime;

import java.util.Objects;

/**
 * A {@link PhysicalClock} whose wall clock a nemesis (or an operator, through an admin RPC) can
 * skew: an offset added to the base's wall reading and a drift that makes it run fast or slow.
 *
 * <p>The drift runs on the base's <em>monotonic</em> time (so that a step of the base wall clock is
 * not multiplied by the drift) and is continuous: changing the drift rate keeps the drift
 * accumulated so far, so {@link #setSkew} moves the wall clock only by the change of offset. The
 * monotonic reading passes through unchanged: it models the kernel's monotonic clock, which neither
 * an NTP step nor a nemesis moves. Thread-safe.
 */
public final class SkewableClock implements PhysicalClock {

  private final PhysicalClock base;

  // All guarded by this. Invariant: wall = base.wall + offsetMicros + accumulatedDriftMicros
  //   + driftPpm * (base.monotonic - driftSinceMonotonicMicros) / 1e6.
  private long offsetMicros;
  private long driftPpm;
  private long accumulatedDriftMicros;
  private long driftSinceMonotonicMicros;

  public SkewableClock(PhysicalClock base) {
    this.base = Objects.requireNonNull(base, "base");
    this.driftSinceMonotonicMicros = base.monotonicMicros();
  }

  /**
   * Sets the skew from now on: the wall clock reads {@code offsetMicros} more than before the call
   * minus the old offset (a step of {@code offsetMicros - offsetMicros()}), and from now on gains
   * {@code driftPpm} microseconds per second of base time (negative: loses).
   */
  public synchronized void setSkew(long offsetMicros, long driftPpm) {
    long monotonic = base.monotonicMicros();
    accumulatedDriftMicros = driftMicrosAt(monotonic);
    driftSinceMonotonicMicros = monotonic;
    this.offsetMicros = offsetMicros;
    this.driftPpm = driftPpm;
  }

  /** Removes all skew, including the drift accumulated so far: the wall clock steps back to the base. */
  public synchronized void reset() {
    driftSinceMonotonicMicros = base.monotonicMicros();
    accumulatedDriftMicros = 0;
    offsetMicros = 0;
    driftPpm = 0;
  }

  public synchronized long offsetMicros() {
    return offsetMicros;
  }

  public synchronized long driftPpm() {
    return driftPpm;
  }

  /** How far the drift has moved the wall clock so far (on top of the offset). */
  public synchronized long accumulatedDriftMicros() {
    return driftMicrosAt(base.monotonicMicros());
  }

  @Override
  public synchronized long wallMicros() {
    long monotonic = base.monotonicMicros();
    return base.wallMicros() + offsetMicros + driftMicrosAt(monotonic);
  }

  @Override
  public long monotonicMicros() {
    return base.monotonicMicros();
  }

  @Override
  public synchronized ClockReading read() {
    ClockReading reading = base.read();
    return new ClockReading(
        reading.wallMicros() + offsetMicros + driftMicrosAt(reading.monotonicMicros()), reading.monotonicMicros());
  }

  private long driftMicrosAt(long monotonicMicros) {
    return accumulatedDriftMicros + Ppm.floorOf(monotonicMicros - driftSinceMonotonicMicros, driftPpm);
  }
}

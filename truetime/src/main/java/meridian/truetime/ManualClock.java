package meridian.truetime;

/**
 * A simulated clock for tests and the deterministic simulator: a settable <em>true time</em> that
 * only moves when told to, and a wall clock that a test can put wrong.
 *
 * <ul>
 *   <li>wall = true time + offset + drift accumulated since the drift was set. {@link
 *       #jumpWallMicros} steps the wall clock only (it adds to the offset).
 *   <li>monotonic = true time since construction plus a fixed origin of {@value #MONOTONIC_ORIGIN_MICROS}
 *       us, so that code mixing up wall and monotonic readings shows up in tests. It never steps
 *       and runs exactly at the rate of true time.
 * </ul>
 *
 * <p>Lives in main, not test, so that other modules' simulators can use it. All methods are
 * synchronized (cheap, and it lets a test drive a {@link TrueTime} from several threads).
 */
public final class ManualClock implements PhysicalClock {

  static final long MONOTONIC_ORIGIN_MICROS = 1_000_000_000L;

  private final long startTrueMicros;

  // All guarded by this. Invariant: trueMicros >= startTrueMicros (true time never goes back).
  private long trueMicros;
  private long offsetMicros;
  private long driftPpm;
  private long accumulatedDriftMicros;
  // Invariant: startTrueMicros <= driftSinceTrueMicros <= trueMicros.
  private long driftSinceTrueMicros;

  /** Starts at true time {@code trueMicros} (microseconds since the epoch), wall clock exact. */
  public ManualClock(long trueMicros) {
    this.startTrueMicros = trueMicros;
    this.trueMicros = trueMicros;
    this.driftSinceTrueMicros = trueMicros;
  }

  /** The true time that TrueTime must bound, microseconds since the epoch. */
  public synchronized long trueMicros() {
    return trueMicros;
  }

  /** Lets {@code micros} (>= 0) of true time pass. */
  public synchronized void advanceMicros(long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("true time cannot go back: " + micros + " us");
    }
    trueMicros = Math.addExact(trueMicros, micros);
  }

  /** Sets the wall clock's offset from true time (a step by the change of offset). */
  public synchronized void setOffsetMicros(long offsetMicros) {
    this.offsetMicros = offsetMicros;
  }

  public synchronized long offsetMicros() {
    return offsetMicros;
  }

  /** From now on the wall clock gains {@code driftPpm} us per second of true time (continuous). */
  public synchronized void setDriftPpm(long driftPpm) {
    accumulatedDriftMicros = driftMicros();
    driftSinceTrueMicros = trueMicros;
    this.driftPpm = driftPpm;
  }

  public synchronized long driftPpm() {
    return driftPpm;
  }

  /** Steps the wall clock by {@code deltaMicros}; the monotonic clock does not move. */
  public synchronized void jumpWallMicros(long deltaMicros) {
    offsetMicros = Math.addExact(offsetMicros, deltaMicros);
  }

  @Override
  public synchronized long wallMicros() {
    return trueMicros + offsetMicros + driftMicros();
  }

  @Override
  public synchronized long monotonicMicros() {
    return trueMicros - startTrueMicros + MONOTONIC_ORIGIN_MICROS;
  }

  /** A {@link Sleeper} that lets the slept time pass on this clock instead of waiting. */
  public Sleeper sleeper() {
    return micros -> advanceMicros(Math.max(0, micros));
  }

  private long driftMicros() {
    return accumulatedDriftMicros + Ppm.floorOf(trueMicros - driftSinceTrueMicros, driftPpm);
  }
}

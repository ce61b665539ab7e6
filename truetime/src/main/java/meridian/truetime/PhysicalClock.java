package meridian.truetime;

/**
 * A node's local clock: the only way anything in Meridian reads time.
 *
 * <p>Two readings, from two different clocks, never to be mixed:
 *
 * <ul>
 *   <li>{@link #wallMicros()}: the wall clock, microseconds since the Unix epoch. It can be wrong by
 *       an offset, run fast or slow (drift), and step (NTP, an operator, a nemesis). TrueTime
 *       corrects it with the time masters and bounds its error.
 *   <li>{@link #monotonicMicros()}: a monotonic reference with an arbitrary origin (the kernel's
 *       monotonic clock). It never steps and never runs backwards, and it runs within the drift
 *       bound of true time. Only differences between two readings mean anything.
 * </ul>
 *
 * <p>Implementations: {@link SystemClock} (the real one), {@link SkewableClock} (a nemesis wrapper),
 * {@link ManualClock} (tests and the deterministic simulator). Implementations used by {@link
 * TrueTime} from several threads must be thread-safe.
 */
public interface PhysicalClock {

  /**
   * Readings are whole microseconds, truncated: the difference of two readings of one clock can be
   * off from the time that really passed by up to this much, on top of any drift.
   */
  long RESOLUTION_MICROS = 1;

  /** The wall clock, microseconds since the Unix epoch. */
  long wallMicros();

  /** The monotonic reference, microseconds from an arbitrary origin. */
  long monotonicMicros();

  /**
   * Both clocks as one pair, for comparing them. Implementations whose two reads can be far apart
   * in time (real clocks: preemption, safepoints) must keep the pair within {@link
   * #PAIRING_MICROS_MAX} when they can.
   */
  default ClockReading read() {
    long monotonic = monotonicMicros();
    return new ClockReading(wallMicros(), monotonic);
  }

  /** How far apart the two reads of a {@link #read()} pair may normally be. */
  long PAIRING_MICROS_MAX = 20;
}

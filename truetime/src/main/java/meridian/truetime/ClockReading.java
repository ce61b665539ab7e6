package meridian.truetime;

/**
 * The wall and the monotonic clock read together, as one pair. The model compares the two clocks
 * (a step is the wall clock moving against the monotonic one), so a pair read far apart (the thread
 * preempted between the two reads, a safepoint) would look like a step; {@link SystemClock#read()}
 * brackets the wall reading between two monotonic readings to keep the pair tight.
 */
public record ClockReading(long wallMicros, long monotonicMicros) {}

package meridian.truetime;

import java.util.ArrayList;
import java.util.List;

/**
 * Time masters as seen from a node whose clock is a {@link ManualClock}: readings made "just now",
 * with a chosen round trip, as if the master read its clock at the middle of the round trip.
 */
final class SimulatedMasters {

  static final long T0_MICROS = 1_700_000_000_000_000L;

  private SimulatedMasters() {}

  /** An honest master: its clock is exactly true time; it claims {@code epsilonMicros}. */
  static MasterReading honest(String id, ManualClock clock, long rttMicros, long epsilonMicros) {
    return offBy(id, clock, rttMicros, epsilonMicros, 0);
  }

  /** A master whose clock reads {@code errorMicros} more than true time. */
  static MasterReading offBy(
      String id, ManualClock clock, long rttMicros, long epsilonMicros, long errorMicros) {
    long receive = clock.wallMicros();
    long masterTime = clock.trueMicros() - rttMicros / 2 + errorMicros;
    return new MasterReading(id, receive - rttMicros, receive, masterTime, epsilonMicros);
  }

  /** {@code count} honest masters m1..mN with the same round trip and epsilon. */
  static List<MasterReading> honestMasters(
      int count, ManualClock clock, long rttMicros, long epsilonMicros) {
    List<MasterReading> readings = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      readings.add(honest("m" + i, clock, rttMicros, epsilonMicros));
    }
    return readings;
  }

  /** Three honest masters, 1 ms round trip, 500 us epsilon. */
  static List<MasterReading> threeHonest(ManualClock clock) {
    return honestMasters(3, clock, 1_000, 500);
  }
}

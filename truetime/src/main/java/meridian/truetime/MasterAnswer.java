package meridian.truetime;

import java.util.Objects;

/**
 * What a time master answers to a poll ({@code TimeService.Now}): its raw wall clock and its own
 * configured uncertainty. A master is a trusted reference (standing in for GPS and atomic clocks),
 * so it answers from its clock, not from its TrueTime interval.
 */
public record MasterAnswer(String masterId, long timeMicros, long epsilonMicros) {

  public MasterAnswer {
    Objects.requireNonNull(masterId, "masterId");
  }

  /** The reading a poller makes of this answer, given its local send and receive times. */
  public MasterReading readAt(long sendLocalMicros, long receiveLocalMicros) {
    return new MasterReading(masterId, sendLocalMicros, receiveLocalMicros, timeMicros,
        epsilonMicros);
  }
}

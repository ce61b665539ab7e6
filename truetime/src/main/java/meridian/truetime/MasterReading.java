package meridian.truetime;

import java.util.Objects;
import java.util.Optional;

/**
 * One poll of one time master: the local wall clock when the request was sent and when the answer
 * came back, and the master's answer (its clock reading and its own uncertainty, a half-width).
 *
 * <p>The master read its clock at some moment between send and receive, and true time was then
 * within {@code masterEpsilonMicros} of its reading. So at receive, true time lies in {@code
 * [masterTime - masterEpsilon, masterTime + rtt + masterEpsilon]}, and the local clock's offset
 * (true time minus local wall time at receive) in {@link #offsetRange()}: centre {@code masterTime
 * + rtt/2 - receiveLocal}, half-width {@code rtt/2 + masterEpsilon}.
 *
 * <p>A reading with a negative round trip (the local clock stepped back during the poll) or a
 * negative master uncertainty is invalid: it is a value to report, not an exception, because it
 * comes from the network and the clock.
 */
public record MasterReading(
    String masterId,
    long sendLocalMicros,
    long receiveLocalMicros,
    long masterTimeMicros,
    long masterEpsilonMicros) {

  public MasterReading {
    Objects.requireNonNull(masterId, "masterId");
    if (masterId.isBlank()) {
      throw new IllegalArgumentException("blank master id");
    }
  }

  /** Receive minus send on the local wall clock; negative means the local clock stepped. */
  public long rttMicros() {
    return receiveLocalMicros - sendLocalMicros;
  }

  /** Why this reading cannot be used, or empty when it can. */
  public Optional<String> invalidReason() {
    if (rttMicros() < 0) {
      return Optional.of(
          "negative round trip of " + rttMicros() + " us: the local clock stepped back during the poll");
    }
    if (masterEpsilonMicros < 0) {
      return Optional.of("negative master uncertainty of " + masterEpsilonMicros + " us");
    }
    return Optional.empty();
  }

  public boolean isValid() {
    return invalidReason().isEmpty();
  }

  /**
   * The offset (true time minus local wall time at receive) this reading vouches for. Exact, with
   * no rounding: {@code [masterTime - masterEpsilon - receive, masterTime + rtt + masterEpsilon -
   * receive]}.
   *
   * @throws IllegalStateException if the reading is invalid (check {@link #isValid()} first)
   */
  public OffsetRange offsetRange() {
    invalidReason().ifPresent(reason -> {
      throw new IllegalStateException(masterId + ": " + reason);
    });
    long low = masterTimeMicros - masterEpsilonMicros - receiveLocalMicros;
    long high = masterTimeMicros + rttMicros() + masterEpsilonMicros - receiveLocalMicros;
    return new OffsetRange(low, high);
  }
}

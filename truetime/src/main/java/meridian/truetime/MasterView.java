package meridian.truetime;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How one time master looked at the last sync, for {@code meridian status}.
 *
 * @param masterId the master
 * @param self whether it is this node (a master counts its own clock as a source)
 * @param state what the sync made of it
 * @param offset the offset range it vouched for (true time minus local wall time), when it answered
 *     with a valid reading
 * @param rttMicros the round trip of the poll, when it answered (0 for this node's own clock)
 * @param detail why a reading was invalid, or empty
 */
public record MasterView(
    String masterId,
    boolean self,
    State state,
    Optional<OffsetRange> offset,
    OptionalLong rttMicros,
    String detail) {

  /** What the last sync made of a master. */
  public enum State {
    /** Inside the majority-agreed region. */
    AGREED,
    /** Answered, but outside the majority-agreed region. */
    LIAR,
    /** Answered, but the sync found no majority, so nobody can be called right or wrong. */
    UNDECIDED,
    /** Answered with a reading that cannot be used (see {@code detail}). */
    INVALID,
    /** Did not answer. */
    UNREACHABLE
  }

  public MasterView {
    Objects.requireNonNull(masterId, "masterId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(offset, "offset");
    Objects.requireNonNull(rttMicros, "rttMicros");
    Objects.requireNonNull(detail, "detail");
  }
}

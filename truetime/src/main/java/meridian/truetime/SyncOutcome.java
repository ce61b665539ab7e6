package meridian.truetime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one sync round did.
 *
 * @param result whether the masters agreed
 * @param agreedOffset when agreed: the offset range (true time minus local wall time at the sync)
 *     now used as the base of {@link TrueTime#now()}; its half-width is epsilon right after the sync
 * @param liars the ids of the masters outside the agreed region (empty unless agreed)
 * @param masters every master of this round (answering, invalid, unreachable, and this node itself
 *     when it is a master)
 * @param answeredCount how many masters answered, valid or not, this node included when a master
 * @param quorum how many of them had to agree
 * @param fence the node's fence right after the sync, or empty when it grants time
 */
public record SyncOutcome(
    Result result,
    Optional<OffsetRange> agreedOffset,
    List<String> liars,
    List<MasterView> masters,
    int answeredCount,
    int quorum,
    Optional<Fence> fence) {

  /** The result of a sync round. */
  public enum Result {
    /** At least a quorum of the answering masters agree: the clock model was re-based. */
    AGREED,
    /** Masters answered but too few agree (or too few answered): nothing changed. */
    NO_MAJORITY,
    /** No master answered: nothing changed. */
    NO_ANSWERS
  }

  public SyncOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(agreedOffset, "agreedOffset");
    Objects.requireNonNull(fence, "fence");
    liars = List.copyOf(liars);
    masters = List.copyOf(masters);
    if (agreedOffset.isPresent() != (result == Result.AGREED)) {
      throw new IllegalArgumentException("an agreed offset exists exactly when the result is AGREED");
    }
  }

  public boolean agreed() {
    return result == Result.AGREED;
  }

  /** Epsilon right after this sync: the half-width of the agreed offset range. */
  public OptionalLong syncEpsilonMicros() {
    return agreedOffset.map(o -> OptionalLong.of(o.halfWidthMicros())).orElse(OptionalLong.empty());
  }
}

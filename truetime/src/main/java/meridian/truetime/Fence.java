package meridian.truetime;

import java.util.Objects;

/**
 * Why a node refuses to hand out time. Fencing is an expected condition, reported as a value (and,
 * from {@link TrueTime#now()}, as a {@link TrueTimeFencedException}); it never crashes the node.
 *
 * @param kind what kind of condition
 * @param reason a sentence for the operator, with the numbers that triggered it
 */
public record Fence(Kind kind, String reason) {

  /** The conditions that fence a node. {@link #DRIFT} and {@link #STEP} are sticky clock faults. */
  public enum Kind {
    /** No majority-agreed sync yet. Lifted by the first one. */
    NEVER_SYNCED,
    /** No majority-agreed sync for longer than the sync timeout. Lifted by the next one. */
    SYNC_TIMEOUT,
    /** The clock ran outside the drift bound. Lifted after {@code recoverySyncs} consistent syncs. */
    DRIFT,
    /** The wall clock stepped beyond the tolerance. Lifted by the next agreed sync. */
    STEP
  }

  public Fence {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether only agreed syncs can lift this fence (it is remembered, not recomputed). */
  public boolean isClockFault() {
    return kind == Kind.DRIFT || kind == Kind.STEP;
  }
}

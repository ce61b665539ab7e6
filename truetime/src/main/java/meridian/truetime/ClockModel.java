package meridian.truetime;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The TrueTime arithmetic as a pure state machine: sync rounds and clock readings in, intervals,
 * fences and sync outcomes out. No threads, no clock reads, no I/O: every method takes the local
 * wall and monotonic readings as arguments, so the simulator can drive it from a seed. Not
 * thread-safe; {@link TrueTime} wraps it in a lock. The rules are in the package documentation.
 *
 * <p>Callers must feed readings in the order they were taken (the monotonic clock never runs
 * backwards between two calls); a monotonic reading earlier than the last sync's is treated as a
 * clock fault, not as a programmer error, because it comes from the environment.
 */
public final class ClockModel {

  /** What the last majority-agreed sync measured: the local clocks then, and the agreed offset. */
  private record SyncBase(long wallMicros, long monotonicMicros, OffsetRange offset) {}

  private final TrueTimeConfig config;
  private final Optional<String> selfMasterId;

  // Invariant: null until the first agreed sync, never null after; every agreed sync replaces it.
  private SyncBase base;
  // Invariant: null, or a clock fault (Fence.isClockFault()). Set when a reading or a sync finds
  // one; cleared only by agreed syncs (STEP: the next one; DRIFT: recoverySyncs consistent ones).
  private Fence clockFault;
  // Invariant: >= 0, and < recoverySyncs while clockFault is a DRIFT fence. Agreed syncs in a row,
  // each consistent with the one before.
  private int consistentSyncsInRow;
  // Invariant: false while base == null. Whether the wall clock left the drift budget (against the
  // monotonic clock) in the sync interval that ended at the base.
  private boolean lastIntervalDiverged;
  // Invariant: non-null, immutable. The masters of the last sync round, agreed or not.
  private List<MasterView> masters = List.of();
  // Invariant: empty until the first sync round, and then while base == null only if none agreed.
  private Optional<SyncOutcome.Result> lastSyncResult = Optional.empty();

  /** A model for a node that is not a time master. */
  public ClockModel(TrueTimeConfig config) {
    this(config, Optional.empty());
  }

  private ClockModel(TrueTimeConfig config, Optional<String> selfMasterId) {
    this.config = Objects.requireNonNull(config, "config");
    this.selfMasterId = selfMasterId;
  }

  /**
   * A model for a time master: its own clock is one more source of every sync, with offset {@code
   * [-masterEpsilonMicros, +masterEpsilonMicros]} and no round trip.
   */
  public static ClockModel forMaster(TrueTimeConfig config, String selfMasterId) {
    Objects.requireNonNull(selfMasterId, "selfMasterId");
    if (selfMasterId.isBlank()) {
      throw new IllegalArgumentException("blank master id");
    }
    return new ClockModel(config, Optional.of(selfMasterId));
  }

  public TrueTimeConfig config() {
    return config;
  }

  public Optional<String> selfMasterId() {
    return selfMasterId;
  }

  /**
   * The TrueTime interval at the given local readings, or why the node is fenced. May record a
   * clock fault (a step beyond the tolerance), which then outlives the reading.
   */
  public NowResult now(long wallMicros, long monotonicMicros) {
    Optional<Fence> fence = fenceAt(wallMicros, monotonicMicros);
    if (fence.isPresent()) {
      return new NowResult.Fenced(fence.get());
    }
    return new NowResult.Granted(intervalAt(wallMicros, monotonicMicros));
  }

  /**
   * One sync round: intersects the masters' readings and, when a quorum of the answering masters
   * agrees, re-bases the model on the agreed offset and judges the clock against the last base.
   *
   * @param readings the masters that answered, each once
   * @param unreachableMasterIds the masters polled that did not answer (for status only)
   * @param wallMicros the local wall clock now, after the readings were received
   * @param monotonicMicros the monotonic clock now
   */
  public SyncOutcome onSync(
      List<MasterReading> readings,
      Collection<String> unreachableMasterIds,
      long wallMicros,
      long monotonicMicros) {
    SyncSources sources =
        SyncSources.collect(readings, unreachableMasterIds, selfMasterId, config, wallMicros);
    int answeredCount = sources.answeredCount();
    int quorum = config.quorumFor(answeredCount);
    if (answeredCount == 0) {
      return unagreed(SyncOutcome.Result.NO_ANSWERS, sources.views(Optional.empty()), 0, quorum,
          wallMicros, monotonicMicros);
    }
    Agreement agreement = Marzullo.intersect(sources.usable(), quorum);
    List<MasterView> views = sources.views(Optional.of(agreement));
    if (!agreement.reached()) {
      return unagreed(SyncOutcome.Result.NO_MAJORITY, views, answeredCount, quorum, wallMicros,
          monotonicMicros);
    }
    OffsetRange agreed = agreement.quorumSpan().orElseThrow();
    if (base == null) {
      consistentSyncsInRow = 0;
      lastIntervalDiverged = false;
    } else {
      judgeAgainstBase(agreed, wallMicros, monotonicMicros);
    }
    base = new SyncBase(wallMicros, monotonicMicros, agreed);
    masters = views;
    lastSyncResult = Optional.of(SyncOutcome.Result.AGREED);
    List<String> liarIds = agreement.liars().stream().map(SourceInterval::sourceId).toList();
    SyncOutcome outcome = new SyncOutcome(SyncOutcome.Result.AGREED, Optional.of(agreed), liarIds,
        views, answeredCount, quorum, fenceAt(wallMicros, monotonicMicros));
    assert invariantsHold();
    return outcome;
  }

  /** The node's TrueTime for {@code meridian status}. Records a step fault just as {@link #now} does. */
  public TrueTimeStatus status(long wallMicros, long monotonicMicros) {
    Optional<Fence> fence = fenceAt(wallMicros, monotonicMicros);
    Optional<TTInterval> interval = fence.isPresent()
        ? Optional.empty()
        : Optional.of(intervalAt(wallMicros, monotonicMicros));
    OptionalLong epsilon = OptionalLong.empty();
    OptionalLong lastSyncWall = OptionalLong.empty();
    OptionalLong sinceLastSync = OptionalLong.empty();
    if (base != null) {
      long elapsed = monotonicMicros - base.monotonicMicros();
      lastSyncWall = OptionalLong.of(base.wallMicros());
      sinceLastSync = OptionalLong.of(elapsed);
      if (elapsed >= 0) {
        epsilon = OptionalLong.of(intervalAt(wallMicros, monotonicMicros).epsilonMicros());
      }
    }
    return new TrueTimeStatus(selfMasterId, fence, interval, epsilon, lastSyncWall, sinceLastSync,
        lastSyncResult, consistentSyncsInRow, masters, config.driftRatePpm());
  }

  /** Checks every field invariant; throws {@link IllegalStateException} on the first broken one. */
  public void checkInvariants() {
    check(consistentSyncsInRow >= 0, "consistentSyncsInRow < 0");
    check(clockFault == null || clockFault.isClockFault(), "remembered fence is not a clock fault");
    check(clockFault == null || clockFault.kind() != Fence.Kind.DRIFT
            || consistentSyncsInRow < config.recoverySyncs(),
        "drift fence still up after " + consistentSyncsInRow + " consistent syncs");
    check(masters != null, "masters is null");
    if (base == null) {
      check(clockFault == null, "clock fault without a sync base");
      check(!lastIntervalDiverged, "diverged interval without a sync base");
      check(consistentSyncsInRow == 0, "consistent syncs without a sync base");
      check(lastSyncResult.isEmpty() || lastSyncResult.get() != SyncOutcome.Result.AGREED,
          "agreed sync without a sync base");
    } else {
      check(lastSyncResult.isPresent(), "sync base without a sync round");
    }
  }

  private SyncOutcome unagreed(SyncOutcome.Result result, List<MasterView> views,
      int answeredCount, int quorum, long wallMicros, long monotonicMicros) {
    masters = views;
    lastSyncResult = Optional.of(result);
    SyncOutcome outcome = new SyncOutcome(result, Optional.empty(), List.of(), views,
        answeredCount, quorum, fenceAt(wallMicros, monotonicMicros));
    assert invariantsHold();
    return outcome;
  }

  /**
   * Judges the clock over the interval since the last base, before re-basing on {@code agreed}.
   * Two checks, each against the drift budget {@code B = driftRate x monotonic elapsed}:
   *
   * <ol>
   *   <li>The monotonic clock against the masters: with the wall-vs-monotonic divergence {@code d},
   *       the offset must have moved to within {@code [low - d - B, high - d + B]}. If not, the
   *       reference itself ran outside the bound (or the masters jumped together): DRIFT fence.
   *   <li>The wall clock against the monotonic clock: {@code |d| > B} in one interval is taken for a
   *       step (already widened or fenced by {@link #now}; this sync measures the new offset
   *       directly, so it lifts a STEP fence). In two intervals in a row it is drift: DRIFT fence.
   * </ol>
   */
  private void judgeAgainstBase(OffsetRange agreed, long wallMicros, long monotonicMicros) {
    long elapsedMicros = monotonicMicros - base.monotonicMicros();
    if (elapsedMicros < 0) {
      raiseDrift(monotonicBackwardsReason(elapsedMicros));
      lastIntervalDiverged = true;
      return;
    }
    Divergence divergence = Divergence.since(base.wallMicros(), base.monotonicMicros(),
        wallMicros, monotonicMicros, config.driftRatePpm());
    long budget = divergence.budgetMicros();
    long allowance = budget + Divergence.RESOLUTION_MICROS;
    OffsetRange predicted =
        base.offset().shift(-divergence.divergenceMicros()).widen(allowance, allowance);
    boolean diverged = divergence.exceeded();
    if (!predicted.intersects(agreed)) {
      raiseDrift(String.format(
          "clock drift exceeded bound: the masters agree on offset [%d, %d] us, outside the"
              + " [%d, %d] us predicted from the last sync %d us ago at %d ppm",
          agreed.lowMicros(), agreed.highMicros(), predicted.lowMicros(), predicted.highMicros(),
          elapsedMicros, config.driftRatePpm()));
    } else if (diverged && lastIntervalDiverged) {
      raiseDrift(String.format(
          "clock drift exceeded bound: the wall clock moved %d us against the monotonic clock in"
              + " %d us, beyond the %d us budget at %d ppm, for the second sync interval in a row",
          divergence.divergenceMicros(), elapsedMicros, budget, config.driftRatePpm()));
    } else if (diverged) {
      consistentSyncsInRow = 0;
      liftStepFault();
    } else {
      consistentSyncsInRow++;
      liftStepFault();
      if (clockFault != null && consistentSyncsInRow >= config.recoverySyncs()) {
        clockFault = null;
      }
    }
    lastIntervalDiverged = diverged;
  }

  private void raiseDrift(String reason) {
    clockFault = new Fence(Fence.Kind.DRIFT, reason);
    consistentSyncsInRow = 0;
  }

  private void liftStepFault() {
    if (clockFault != null && clockFault.kind() == Fence.Kind.STEP) {
      clockFault = null;
    }
  }

  /** The fence at these readings, if any. Records a new clock fault so that it outlives them. */
  private Optional<Fence> fenceAt(long wallMicros, long monotonicMicros) {
    if (base == null) {
      return Optional.of(new Fence(Fence.Kind.NEVER_SYNCED,
          "never synced with a majority of time masters"));
    }
    long elapsedMicros = monotonicMicros - base.monotonicMicros();
    if (elapsedMicros < 0 && clockFault == null) {
      raiseDrift(monotonicBackwardsReason(elapsedMicros));
    }
    if (clockFault != null) {
      return Optional.of(clockFault);
    }
    if (elapsedMicros > config.syncTimeoutMicros()) {
      return Optional.of(new Fence(Fence.Kind.SYNC_TIMEOUT, String.format(
          "no majority-agreed sync for %d us (timeout %d us)",
          elapsedMicros, config.syncTimeoutMicros())));
    }
    Divergence divergence = divergenceAt(wallMicros, monotonicMicros);
    if (divergence.excessMicros() > config.stepToleranceMicros()) {
      clockFault = new Fence(Fence.Kind.STEP, String.format(
          "clock stepped by %d us, beyond tolerance: the wall clock moved that far against the"
              + " monotonic clock since the last sync, %d us more than the %d us drift budget"
              + " allows, above the %d us step tolerance",
          divergence.divergenceMicros(), divergence.excessMicros(), divergence.budgetMicros(),
          config.stepToleranceMicros()));
      return Optional.of(clockFault);
    }
    return Optional.empty();
  }

  /**
   * {@code [wall + low - B - stepForward, wall + high + B + stepBackward]}: the agreed offset at
   * the base, widened by the drift budget B on both sides, and by any step beyond it on the side
   * the step makes the wall clock wrong (a forward step makes wall time too high, so true time may
   * be lower). Requires a base and a monotonic reading not before it.
   */
  private TTInterval intervalAt(long wallMicros, long monotonicMicros) {
    Divergence divergence = divergenceAt(wallMicros, monotonicMicros);
    OffsetRange offset = base.offset();
    return new TTInterval(
        wallMicros + offset.lowMicros() - divergence.budgetMicros()
            - divergence.excessForwardMicros(),
        wallMicros + offset.highMicros() + divergence.budgetMicros()
            + divergence.excessBackwardMicros());
  }

  private Divergence divergenceAt(long wallMicros, long monotonicMicros) {
    return Divergence.since(base.wallMicros(), base.monotonicMicros(), wallMicros,
        monotonicMicros, config.driftRatePpm());
  }

  private static String monotonicBackwardsReason(long elapsedMicros) {
    return "clock drift exceeded bound: the monotonic clock ran backwards by " + -elapsedMicros
        + " us since the last sync, so it cannot vouch for the time";
  }

  private boolean invariantsHold() {
    checkInvariants();
    return true;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("ClockModel invariant broken: " + message);
    }
  }
}

package meridian.truetime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A node's TrueTime at a glance, for {@code meridian status} and health checks.
 *
 * @param selfMasterId this node's master id when it is a time master
 * @param fence why the node refuses time, or empty when it grants it
 * @param interval the interval {@link TrueTime#now()} would grant now; empty when fenced
 * @param epsilonMicros the current epsilon; present once synced, even while fenced (then it is what
 *     the interval would be, for the operator, and is not to be trusted)
 * @param lastSyncWallMicros the local wall clock at the last majority-agreed sync
 * @param sinceLastSyncMicros monotonic time since the last majority-agreed sync
 * @param lastSyncResult the result of the last sync round, agreed or not
 * @param consistentSyncsInRow agreed syncs in a row, each consistent with the one before
 * @param masters every master of the last sync round
 * @param driftRatePpm the configured drift bound
 */
public record TrueTimeStatus(
    Optional<String> selfMasterId,
    Optional<Fence> fence,
    Optional<TTInterval> interval,
    OptionalLong epsilonMicros,
    OptionalLong lastSyncWallMicros,
    OptionalLong sinceLastSyncMicros,
    Optional<SyncOutcome.Result> lastSyncResult,
    int consistentSyncsInRow,
    List<MasterView> masters,
    long driftRatePpm) {

  public TrueTimeStatus {
    Objects.requireNonNull(selfMasterId, "selfMasterId");
    Objects.requireNonNull(fence, "fence");
    Objects.requireNonNull(interval, "interval");
    if (fence.isPresent() && interval.isPresent()) {
      throw new IllegalArgumentException("a fenced node grants no interval");
    }
    Objects.requireNonNull(epsilonMicros, "epsilonMicros");
    Objects.requireNonNull(lastSyncWallMicros, "lastSyncWallMicros");
    Objects.requireNonNull(sinceLastSyncMicros, "sinceLastSyncMicros");
    Objects.requireNonNull(lastSyncResult, "lastSyncResult");
    masters = List.copyOf(masters);
  }

  public boolean fenced() {
    return fence.isPresent();
  }

  /** The fence reason, or the empty string when not fenced. */
  public String fenceReason() {
    return fence.map(Fence::reason).orElse("");
  }

  public List<String> liars() {
    return masters.stream()
        .filter(m -> m.state() == MasterView.State.LIAR)
        .map(MasterView::masterId)
        .toList();
  }
}

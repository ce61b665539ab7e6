package meridian.truetime;

import static meridian.truetime.SimulatedMasters.T0_MICROS;
import static meridian.truetime.SimulatedMasters.honest;
import static meridian.truetime.SimulatedMasters.offBy;
import static meridian.truetime.SimulatedMasters.threeHonest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When a node refuses to tell the time, why, and how it comes back. */
class FencingTest {

  private static final long SECOND = 1_000_000;

  private final ManualClock clock = new ManualClock(T0_MICROS);
  private final TrueTime trueTime =
      new TrueTime(clock, TrueTimeConfig.defaults(), clock.sleeper());

  private SyncOutcome syncHonest() {
    SyncOutcome outcome = trueTime.sync(threeHonest(clock));
    trueTime.checkInvariants();
    assertThat(outcome.agreed()).isTrue();
    return outcome;
  }

  private void assertGrantsTrueTime() {
    TTInterval interval = trueTime.now();
    assertThat(interval.contains(clock.trueMicros()))
        .as("true time %d in %s", clock.trueMicros(), interval).isTrue();
  }

  private Fence assertFenced(Fence.Kind kind) {
    assertThat(trueTime.tryNow()).isInstanceOf(NowResult.Fenced.class);
    Fence fence = ((NowResult.Fenced) trueTime.tryNow()).fence();
    assertThat(fence.kind()).as(fence.reason()).isEqualTo(kind);
    assertThatThrownBy(trueTime::now)
        .isInstanceOf(TrueTimeFencedException.class)
        .hasMessageContaining(fence.reason());
    assertThat(trueTime.status().fenced()).isTrue();
    assertThat(trueTime.status().fenceReason()).isEqualTo(fence.reason());
    assertThat(trueTime.status().interval()).isEmpty();
    trueTime.checkInvariants();
    return fence;
  }

  @Test
  void neverSyncedIsFenced() {
    Fence fence = assertFenced(Fence.Kind.NEVER_SYNCED);
    assertThat(fence.reason()).contains("never synced");
    assertThatThrownBy(() -> trueTime.after(0)).isInstanceOf(TrueTimeFencedException.class);
    assertThatThrownBy(() -> trueTime.before(0)).isInstanceOf(TrueTimeFencedException.class);
    syncHonest();
    assertGrantsTrueTime();
  }

  @Test
  void syncTimeoutFencesAndTheNextAgreedSyncRecovers() {
    syncHonest();
    clock.advanceMicros(10 * SECOND);
    assertGrantsTrueTime(); // exactly at the timeout: still granted
    clock.advanceMicros(1);
    Fence fence = assertFenced(Fence.Kind.SYNC_TIMEOUT);
    assertThat(fence.reason()).contains("no majority-agreed sync for 10000001 us");
    // A sync without a majority does not help.
    trueTime.sync(List.of(honest("m1", clock, 1_000, 500), offBy("m2", clock, 1_000, 500, SECOND)));
    assertFenced(Fence.Kind.SYNC_TIMEOUT);
    syncHonest();
    assertGrantsTrueTime();
  }

  @Test
  void driftBeyondTheBoundIsDetectedAtASyncAndLiftedAfterRecoverySyncs() {
    syncHonest();
    clock.setDriftPpm(1_000);
    clock.advanceMicros(SECOND);
    assertGrantsTrueTime(); // the excess is widened like a step: still correct
    SyncOutcome first = syncHonest();
    assertThat(first.fence()).isEmpty(); // one interval beyond the budget may be a step
    clock.advanceMicros(SECOND);
    assertGrantsTrueTime();
    SyncOutcome second = syncHonest();
    assertThat(second.fence()).get().extracting(Fence::kind).isEqualTo(Fence.Kind.DRIFT);
    assertThat(assertFenced(Fence.Kind.DRIFT).reason())
        .startsWith("clock drift exceeded bound")
        .contains("second sync interval in a row");

    // Still drifting: every sync keeps the fence up.
    clock.advanceMicros(SECOND);
    assertThat(syncHonest().fence()).isPresent();
    clock.setDriftPpm(0);
    clock.advanceMicros(SECOND);
    assertThat(syncHonest().fence()).as("one consistent sync is not enough").isPresent();
    assertThat(trueTime.status().consistentSyncsInRow()).isEqualTo(1);
    clock.advanceMicros(SECOND);
    assertThat(syncHonest().fence()).isEmpty();
    assertGrantsTrueTime();
  }

  @Test
  void aReferenceClockOutsideTheBoundIsCaughtByTheMasters() {
    // Wall and monotonic clocks both run 1000 ppm fast (one bad oscillator): no divergence between
    // them, so only the masters can tell.
    ClockModel model = new ClockModel(TrueTimeConfig.defaults());
    long trueMicros = T0_MICROS;
    long monotonic = 0;
    model.onSync(List.of(readingAt("m1", trueMicros, trueMicros)), List.of(), trueMicros, monotonic);
    trueMicros += 10 * SECOND;
    long localElapsed = 10 * SECOND + 10_000;
    long wall = T0_MICROS + localElapsed;
    SyncOutcome outcome = model.onSync(List.of(readingAt("m1", wall, trueMicros)), List.of(), wall,
        monotonic + localElapsed);
    assertThat(outcome.agreed()).isTrue();
    assertThat(outcome.fence()).get().extracting(Fence::kind).isEqualTo(Fence.Kind.DRIFT);
    assertThat(outcome.fence().orElseThrow().reason()).contains("masters agree on offset");
    model.checkInvariants();
  }

  private static MasterReading readingAt(String id, long localWallMicros, long trueMicros) {
    return new MasterReading(id, localWallMicros - 1_000, localWallMicros, trueMicros - 500, 100);
  }

  @Test
  void aSmallStepIsWidenedNotFenced() {
    syncHonest();
    clock.advanceMicros(SECOND / 2);
    long epsilonBefore = trueTime.now().epsilonMicros();
    clock.jumpWallMicros(2_000);
    TTInterval interval = trueTime.now();
    assertGrantsTrueTime();
    assertThat(interval.epsilonMicros()).isGreaterThan(epsilonBefore + 900);
    clock.jumpWallMicros(-4_000); // and back, past the start
    assertGrantsTrueTime();
    clock.advanceMicros(SECOND / 2);
    assertThat(syncHonest().fence()).isEmpty();
    assertGrantsTrueTime();
    clock.advanceMicros(SECOND);
    assertThat(syncHonest().fence()).isEmpty();
    assertThat(trueTime.now().epsilonMicros()).isLessThan(epsilonBefore);
  }

  @Test
  void aLargeStepFencesWithAClearReasonUntilTheNextSync() {
    syncHonest();
    clock.advanceMicros(SECOND);
    clock.jumpWallMicros(5 * 60 * SECOND);
    Fence fence = assertFenced(Fence.Kind.STEP);
    assertThat(fence.reason()).startsWith("clock stepped by 300000000 us, beyond tolerance");
    // Stepping back does not lift it: the fault is remembered until a sync re-bases the clock.
    clock.jumpWallMicros(-5 * 60 * SECOND);
    assertFenced(Fence.Kind.STEP);
    clock.jumpWallMicros(5 * 60 * SECOND);
    assertThat(syncHonest().fence()).isEmpty();
    assertGrantsTrueTime();
    clock.advanceMicros(SECOND);
    assertThat(syncHonest().fence()).isEmpty();
    assertGrantsTrueTime();
  }

  @Test
  void aMasterWithAJumpedClockAndOneOtherMasterHaveNoMajority() {
    // Both nodes are masters; this one's wall clock is a second ahead of true time.
    ManualClock skewed = new ManualClock(T0_MICROS);
    skewed.jumpWallMicros(SECOND);
    TrueTime master = TrueTime.asMaster("a", skewed, TrueTimeConfig.defaults(), skewed.sleeper());
    assertThat(master.isMaster()).isTrue();
    SyncOutcome outcome = master.sync(List.of(honest("b", skewed, 1_000, 500)));
    assertThat(outcome.result()).isEqualTo(SyncOutcome.Result.NO_MAJORITY);
    assertThatThrownBy(master::now).isInstanceOf(TrueTimeFencedException.class);

    // Once synced, a jump of its own clock fences it, and the disagreement keeps it fenced.
    ManualClock own = new ManualClock(T0_MICROS);
    TrueTime synced = TrueTime.asMaster("a", own, TrueTimeConfig.defaults(), own.sleeper());
    assertThat(synced.sync(List.of(honest("b", own, 1_000, 500))).agreed()).isTrue();
    own.advanceMicros(SECOND);
    own.jumpWallMicros(SECOND);
    assertThatThrownBy(synced::now).isInstanceOf(TrueTimeFencedException.class)
        .hasMessageContaining("clock stepped");
    assertThat(synced.sync(List.of(honest("b", own, 1_000, 500))).result())
        .isEqualTo(SyncOutcome.Result.NO_MAJORITY);
    own.advanceMicros(11 * SECOND);
    assertThat(synced.status().fenced()).isTrue();
    assertThat(synced.status().masters()).extracting(MasterView::state)
        .containsOnly(MasterView.State.UNDECIDED);
  }

  @Test
  void liarDetectionThroughTheService() {
    TrueTime node = new TrueTime(clock, TrueTimeConfig.defaults(), clock.sleeper());
    SyncOutcome outcome = node.sync(
        List.of(honest("m1", clock, 1_000, 500), offBy("m2", clock, 1_000, 500, SECOND),
            honest("m3", clock, 1_000, 500)),
        List.of("m4"));
    assertThat(outcome.agreed()).isTrue();
    assertThat(outcome.liars()).containsExactly("m2");
    TrueTimeStatus status = node.status();
    assertThat(status.fenced()).isFalse();
    assertThat(status.liars()).containsExactly("m2");
    assertThat(status.masters()).extracting(MasterView::masterId, MasterView::state)
        .containsExactly(
            tuple("m1", MasterView.State.AGREED),
            tuple("m2", MasterView.State.LIAR),
            tuple("m3", MasterView.State.AGREED),
            tuple("m4", MasterView.State.UNREACHABLE));
    assertThat(status.epsilonMicros()).isPresent();
    assertThat(status.interval()).get().extracting(TTInterval::epsilonMicros)
        .isEqualTo(status.epsilonMicros().getAsLong());
    assertThat(status.lastSyncWallMicros()).hasValue(clock.wallMicros());
    assertThat(node.now().contains(clock.trueMicros())).isTrue();
  }
}

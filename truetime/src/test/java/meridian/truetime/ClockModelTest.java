package meridian.truetime;

import static meridian.truetime.SimulatedMasters.T0_MICROS;
import static meridian.truetime.SimulatedMasters.honest;
import static meridian.truetime.SimulatedMasters.honestMasters;
import static meridian.truetime.SimulatedMasters.offBy;
import static meridian.truetime.SimulatedMasters.threeHonest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The uncertainty model: epsilon, the sawtooth, quorum and liars, driven with explicit readings. */
class ClockModelTest {

  private final ManualClock clock = new ManualClock(T0_MICROS);
  private final ClockModel model = new ClockModel(TrueTimeConfig.defaults());

  private SyncOutcome sync(List<MasterReading> readings) {
    SyncOutcome outcome = model.onSync(readings, List.of(), clock.wallMicros(),
        clock.monotonicMicros());
    model.checkInvariants();
    return outcome;
  }

  private NowResult now() {
    NowResult result = model.now(clock.wallMicros(), clock.monotonicMicros());
    model.checkInvariants();
    return result;
  }

  private TTInterval granted() {
    NowResult result = now();
    assertThat(result).isInstanceOf(NowResult.Granted.class);
    TTInterval interval = ((NowResult.Granted) result).interval();
    assertThat(interval.contains(clock.trueMicros()))
        .as("true time %d in %s", clock.trueMicros(), interval).isTrue();
    return interval;
  }

  @Test
  void epsilonAfterSyncIsHalfTheRoundTripPlusTheMastersEpsilon() {
    SyncOutcome outcome = sync(honestMasters(3, clock, 2_000, 500));
    assertThat(outcome.result()).isEqualTo(SyncOutcome.Result.AGREED);
    // 1000 + 500, plus 1 us for the drift over the 2 ms round trip (rounded up), plus 2 us for
    // the resolution of the two local readings (round trip, age).
    assertThat(outcome.syncEpsilonMicros()).hasValue(1_503);
    assertThat(granted().epsilonMicros()).isEqualTo(1_503);
  }

  @Test
  void epsilonGrowsAt200MicrosPerSecondAndResetsAtEachSync() {
    for (int cycle = 0; cycle < 3; cycle++) {
      sync(honestMasters(3, clock, 2_000, 500));
      long afterSync = granted().epsilonMicros();
      assertThat(afterSync).isEqualTo(1_503);
      for (int second = 1; second <= 5; second++) {
        clock.advanceMicros(1_000_000);
        assertThat(granted().epsilonMicros()).isEqualTo(afterSync + 200L * second);
      }
    }
  }

  @Test
  void offsetIsCorrectedBySync() {
    clock.setOffsetMicros(40_000); // the wall clock is 40 ms fast
    sync(threeHonest(clock));
    TTInterval interval = granted();
    assertThat(interval.midpointMicros()).isBetween(clock.trueMicros() - 1, clock.trueMicros() + 1);
  }

  @Test
  void oneLiarAmongThreeIsOutvotedAndReported() {
    SyncOutcome outcome = sync(List.of(
        honest("m1", clock, 1_000, 500),
        offBy("m2", clock, 1_000, 500, 1_000_000),
        honest("m3", clock, 1_000, 500)));
    assertThat(outcome.agreed()).isTrue();
    assertThat(outcome.liars()).containsExactly("m2");
    assertThat(outcome.quorum()).isEqualTo(2);
    granted();
    TrueTimeStatus status = model.status(clock.wallMicros(), clock.monotonicMicros());
    assertThat(status.liars()).containsExactly("m2");
    assertThat(status.masters()).extracting(MasterView::state).containsExactly(
        MasterView.State.AGREED, MasterView.State.LIAR, MasterView.State.AGREED);
  }

  @Test
  void twoMastersThatDisagreeHaveNoMajority() {
    SyncOutcome outcome = sync(List.of(
        honest("m1", clock, 1_000, 500), offBy("m2", clock, 1_000, 500, 1_000_000)));
    assertThat(outcome.result()).isEqualTo(SyncOutcome.Result.NO_MAJORITY);
    assertThat(outcome.masters()).extracting(MasterView::state)
        .containsOnly(MasterView.State.UNDECIDED);
    assertThat(outcome.fence()).get().extracting(Fence::kind).isEqualTo(Fence.Kind.NEVER_SYNCED);
  }

  @Test
  void aSingleAnsweringMasterIsTrustedUnlessTheMinimumSaysOtherwise() {
    assertThat(sync(List.of(honest("m1", clock, 1_000, 500))).agreed()).isTrue();
    ClockModel strict = new ClockModel(TrueTimeConfig.defaults().withMinMastersAnswering(2));
    SyncOutcome outcome = strict.onSync(List.of(honest("m1", clock, 1_000, 500)),
        List.of("m2"), clock.wallMicros(), clock.monotonicMicros());
    assertThat(outcome.result()).isEqualTo(SyncOutcome.Result.NO_MAJORITY);
    assertThat(outcome.masters()).extracting(MasterView::state)
        .containsExactly(MasterView.State.UNDECIDED, MasterView.State.UNREACHABLE);
  }

  @Test
  void anInvalidReadingCountsAsAnsweredButCannotAgree() {
    MasterReading stepped = new MasterReading("m2", clock.wallMicros(), clock.wallMicros() - 10,
        clock.trueMicros(), 500);
    SyncOutcome outcome = sync(List.of(honest("m1", clock, 1_000, 500), stepped));
    assertThat(outcome.answeredCount()).isEqualTo(2);
    assertThat(outcome.result()).isEqualTo(SyncOutcome.Result.NO_MAJORITY);
    assertThat(outcome.masters().get(1).state()).isEqualTo(MasterView.State.INVALID);
    assertThat(outcome.masters().get(1).detail()).contains("negative round trip");
  }

  @Test
  void noAnswersChangesNothingButIsReported() {
    SyncOutcome outcome = model.onSync(List.of(), List.of("m1", "m2"), clock.wallMicros(),
        clock.monotonicMicros());
    assertThat(outcome.result()).isEqualTo(SyncOutcome.Result.NO_ANSWERS);
    TrueTimeStatus status = model.status(clock.wallMicros(), clock.monotonicMicros());
    assertThat(status.masters()).extracting(MasterView::state)
        .containsOnly(MasterView.State.UNREACHABLE);
    assertThat(status.fence()).get().extracting(Fence::kind).isEqualTo(Fence.Kind.NEVER_SYNCED);
    assertThat(status.epsilonMicros()).isEmpty();
  }

  @Test
  void readingsAgeWithDriftUntilTheSync() {
    MasterReading early = honest("m1", clock, 1_000, 500);
    clock.advanceMicros(100_000); // 100 ms between receive and sync: 20 us of drift budget
    SyncOutcome outcome = sync(List.of(early));
    assertThat(outcome.syncEpsilonMicros()).hasValue(500 + 500 + 21 + 2);
    granted();
  }

  @Test
  void aMasterCountsItsOwnClockAsASource() {
    ClockModel master = ClockModel.forMaster(TrueTimeConfig.defaults(), "self");
    SyncOutcome outcome = master.onSync(List.of(honest("m2", clock, 1_000, 500)), List.of(),
        clock.wallMicros(), clock.monotonicMicros());
    assertThat(outcome.answeredCount()).isEqualTo(2);
    assertThat(outcome.agreed()).isTrue();
    assertThat(outcome.masters()).filteredOn(MasterView::self).singleElement()
        .extracting(MasterView::masterId, MasterView::state)
        .containsExactly("self", MasterView.State.AGREED);
    // Alone, a master trusts itself: epsilon is its own.
    ClockModel lone = ClockModel.forMaster(TrueTimeConfig.defaults(), "self");
    SyncOutcome alone = lone.onSync(List.of(), List.of(), clock.wallMicros(),
        clock.monotonicMicros());
    assertThat(alone.syncEpsilonMicros()).hasValue(500);
  }
}

package meridian.truetime;

import static meridian.truetime.SimulatedMasters.T0_MICROS;
import static meridian.truetime.SimulatedMasters.threeHonest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link TrueTime#waitUntilAfter}: never early, bounded, fenced when the clock is. */
class CommitWaitTest {

  private static final long SECOND = 1_000_000;

  private final ManualClock clock = new ManualClock(T0_MICROS);

  private TrueTime syncedTrueTime(Sleeper sleeper) {
    TrueTime trueTime = new TrueTime(clock, TrueTimeConfig.defaults(), sleeper);
    assertThat(trueTime.sync(threeHonest(clock)).agreed()).isTrue();
    return trueTime;
  }

  @Test
  void waitsAboutTwiceEpsilonAndNeverReturnsEarly() throws InterruptedException {
    TrueTime trueTime = syncedTrueTime(clock.sleeper());
    TTInterval chosen = trueTime.now();
    long s = chosen.latestMicros();
    long startTrue = clock.trueMicros();
    trueTime.waitUntilAfter(s, SECOND);
    assertThat(trueTime.after(s)).isTrue();
    assertThat(clock.trueMicros()).isGreaterThan(s);
    long waited = clock.trueMicros() - startTrue;
    assertThat(waited).isBetween(2 * chosen.epsilonMicros(), 2 * chosen.epsilonMicros() + 10);
  }

  @Test
  void neverReturnsBeforeAfterHoldsEvenWithEarlyWakeUps() throws InterruptedException {
    long seed = Seeds.seed("CommitWaitTest.neverReturnsBeforeAfterHolds", 0x5EED_0002L);
    Random random = new Random(seed);
    // Wakes up after a random part of what was asked: a sleeper may return early.
    Sleeper early = micros -> clock.advanceMicros(1 + (long) (random.nextDouble() * micros));
    TrueTime trueTime = syncedTrueTime(early);
    for (int round = 0; round < 500; round++) {
      if (round % 50 == 0) {
        trueTime.sync(threeHonest(clock));
      }
      TTInterval now = trueTime.now();
      long s = now.earliestMicros() + random.nextLong(-1_000, 4 * now.epsilonMicros() + 1_000);
      trueTime.waitUntilAfter(s, 10 * SECOND);
      assertThat(trueTime.after(s)).as("seed=%d round=%d", seed, round).isTrue();
      assertThat(clock.trueMicros()).as("seed=%d round=%d", seed, round).isGreaterThan(s);
      trueTime.checkInvariants();
    }
  }

  @Test
  void timesOutWhenTheBoundPassesFirst() {
    TrueTime trueTime = syncedTrueTime(clock.sleeper());
    long s = trueTime.now().latestMicros() + 10 * SECOND;
    long startTrue = clock.trueMicros();
    assertThatThrownBy(() -> trueTime.waitUntilAfter(s, 1_000))
        .isInstanceOf(CommitWaitTimeoutException.class)
        .hasMessageContaining("timed out after 1000 us");
    assertThat(clock.trueMicros() - startTrue).isEqualTo(1_000);
  }

  @Test
  void returnsAtOnceWhenAlreadyAfterEvenWithNoTimeLeft() throws InterruptedException {
    TrueTime trueTime = syncedTrueTime(clock.sleeper());
    long s = trueTime.now().earliestMicros() - 1;
    long startTrue = clock.trueMicros();
    trueTime.waitUntilAfter(s, 0);
    assertThat(clock.trueMicros()).isEqualTo(startTrue);
  }

  @Test
  void refusesWhenFenced() {
    TrueTime neverSynced = new TrueTime(clock, TrueTimeConfig.defaults(), clock.sleeper());
    assertThatThrownBy(() -> neverSynced.waitUntilAfter(T0_MICROS, SECOND))
        .isInstanceOf(TrueTimeFencedException.class);
  }

  @Test
  void becomesFencedWhileWaiting() {
    // The wall clock steps five minutes during the first sleep.
    Sleeper stepping = micros -> {
      clock.advanceMicros(micros);
      clock.jumpWallMicros(300 * SECOND);
    };
    TrueTime trueTime = syncedTrueTime(stepping);
    long s = trueTime.now().latestMicros();
    assertThatThrownBy(() -> trueTime.waitUntilAfter(s, SECOND))
        .isInstanceOf(TrueTimeFencedException.class)
        .hasMessageContaining("clock stepped");
  }

  @Test
  void doesNotHoldTheLockWhileSleeping() throws Exception {
    TrueTime[] holder = new TrueTime[1];
    Sleeper probing = micros -> {
      // Another thread must be able to use TrueTime while this one sleeps.
      try {
        CompletableFuture.supplyAsync(() -> holder[0].status()).get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("TrueTime was locked during the sleep", e);
      }
      clock.advanceMicros(micros);
    };
    holder[0] = syncedTrueTime(probing);
    holder[0].waitUntilAfter(holder[0].now().latestMicros(), SECOND);
  }
}

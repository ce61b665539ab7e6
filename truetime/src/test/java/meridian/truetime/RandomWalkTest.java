package meridian.truetime;

import static meridian.truetime.SimulatedMasters.T0_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * True time is always inside {@code now()}: a seeded random walk of a node whose clock starts 40 ms
 * off and drifts within the bound, polling three masters with random round trips and errors.
 */
class RandomWalkTest {

  private static final long MASTER_EPSILON_MICROS = 500;

  @Test
  void trueTimeIsAlwaysInsideNowWhileTheDriftBoundHolds() {
    long seed = Seeds.seed("RandomWalkTest.withinBound", 0x5EED_0003L);
    Walk walk = new Walk(seed, false);
    walk.run(400);
    assertThat(walk.fencedReadings).as("seed=%d: fenced readings", seed).isZero();
    assertThat(walk.grantedReadings).isGreaterThan(1_000);
    // Half of a round trip up to 6 ms, the masters' 500 us, 3 s of drift budget (600 us), and the
    // spread of three masters, each wrong by up to its epsilon.
    assertThat(walk.maxEpsilonMicros).as("seed=%d", seed).isLessThan(6_000);
  }

  @Test
  void trueTimeIsInsideEveryGrantedIntervalDespiteStepsAndLiars() {
    long seed = Seeds.seed("RandomWalkTest.withFaults", 0x5EED_0004L);
    Walk walk = new Walk(seed, true);
    walk.run(400);
    assertThat(walk.grantedReadings).as("seed=%d", seed).isGreaterThan(walk.fencedReadings);
  }

  /**
   * The edge: drift exactly at the bound, flipping sign, masters with epsilons of 0-2 us and round
   * trips of tens of microseconds, readings aged by slow polls. Off-by-one errors in rounding show
   * up here first (a reading's truncation to whole microseconds once did).
   */
  @Test
  void trueTimeIsInsideNowAtTheDriftBoundWithTinyEpsilons() {
    long seed = Seeds.seed("RandomWalkTest.atTheBound", 0x5EED_0005L);
    Random random = new Random(seed);
    for (int walk = 0; walk < 40; walk++) {
      ManualClock clock = new ManualClock(T0_MICROS);
      TrueTime trueTime = new TrueTime(clock, TrueTimeConfig.defaults(), clock.sleeper());
      clock.setOffsetMicros(random.nextLong(-100_000, 100_000));
      for (int round = 0; round < 300; round++) {
        List<MasterReading> readings = new ArrayList<>();
        int masters = 1 + random.nextInt(5);
        for (int i = 0; i < masters; i++) {
          long send = clock.wallMicros();
          clock.advanceMicros(random.nextLong(50));
          long epsilon = random.nextLong(0, 3);
          long masterTime = clock.trueMicros() + random.nextLong(-epsilon, epsilon + 1);
          clock.advanceMicros(random.nextLong(50));
          readings.add(new MasterReading("m" + i, send, clock.wallMicros(), masterTime, epsilon));
          if (random.nextBoolean()) {
            clock.advanceMicros(random.nextLong(100_000));
          }
          if (random.nextInt(4) == 0) {
            clock.setDriftPpm(random.nextBoolean() ? 200 : -200);
          }
        }
        trueTime.sync(readings);
        trueTime.checkInvariants();
        int checks = 1 + random.nextInt(6);
        for (int k = 0; k < checks; k++) {
          clock.advanceMicros(random.nextInt(3) == 0 ? random.nextLong(20)
              : random.nextLong(2_000_000));
          if (random.nextInt(3) == 0) {
            clock.setDriftPpm(random.nextBoolean() ? 200 : -200);
          }
          if (random.nextInt(30) == 0) {
            clock.jumpWallMicros(random.nextLong(-10_000, 10_001));
          }
          if (trueTime.tryNow() instanceof NowResult.Granted granted) {
            assertThat(granted.interval().contains(clock.trueMicros()))
                .as("seed=%d walk=%d round=%d: true time %d in %s", seed, walk, round,
                    clock.trueMicros(), granted.interval())
                .isTrue();
          }
          trueTime.checkInvariants();
        }
      }
    }
  }

  private static final class Walk {
    final long seed;
    final boolean faults;
    final Random random;
    final ManualClock clock = new ManualClock(T0_MICROS);
    final TrueTime trueTime;
    int grantedReadings;
    int fencedReadings;
    long maxEpsilonMicros;

    Walk(long seed, boolean faults) {
      this.seed = seed;
      this.faults = faults;
      this.random = new Random(seed);
      this.trueTime = new TrueTime(clock, TrueTimeConfig.defaults(), clock.sleeper());
      clock.setOffsetMicros(40_000);
      clock.setDriftPpm(150);
    }

    void run(int syncRounds) {
      for (int round = 0; round < syncRounds; round++) {
        SyncOutcome outcome = trueTime.sync(poll(), List.of());
        trueTime.checkInvariants();
        if (!faults) {
          assertThat(outcome.agreed()).as("seed=%d round=%d", seed, round).isTrue();
        }
        int readings = 1 + random.nextInt(5);
        for (int i = 0; i < readings; i++) {
          clock.advanceMicros(random.nextLong(600_000));
          maybeChangeClock();
          check(round);
        }
      }
    }

    /** Polls m1..m3 one after another, time passing during each round trip. */
    List<MasterReading> poll() {
      List<MasterReading> readings = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        long send = clock.wallMicros();
        clock.advanceMicros(random.nextLong(3_000));
        long error = random.nextLong(-MASTER_EPSILON_MICROS, MASTER_EPSILON_MICROS + 1);
        if (faults && i == 2 && random.nextInt(4) == 0) {
          error = random.nextBoolean() ? 1_000_000 : -1_000_000;
        }
        long masterTime = clock.trueMicros() + error;
        clock.advanceMicros(random.nextLong(3_000));
        readings.add(new MasterReading("m" + i, send, clock.wallMicros(), masterTime,
            MASTER_EPSILON_MICROS));
      }
      return readings;
    }

    void maybeChangeClock() {
      if (random.nextInt(5) == 0) {
        clock.setDriftPpm(random.nextLong(-150, 151));
      }
      if (faults && random.nextInt(20) == 0) {
        clock.jumpWallMicros(random.nextLong(-3_000, 3_001));
      }
      if (faults && random.nextInt(200) == 0) {
        clock.jumpWallMicros(random.nextLong(-60_000_000, 60_000_001));
      }
    }

    void check(int round) {
      switch (trueTime.tryNow()) {
        case NowResult.Granted granted -> {
          grantedReadings++;
          TTInterval interval = granted.interval();
          maxEpsilonMicros = Math.max(maxEpsilonMicros, interval.epsilonMicros());
          assertThat(interval.contains(clock.trueMicros()))
              .as("seed=%d round=%d: true time %d in %s", seed, round, clock.trueMicros(),
                  interval)
              .isTrue();
        }
        case NowResult.Fenced fenced -> fencedReadings++;
      }
      trueTime.checkInvariants();
    }
  }
}

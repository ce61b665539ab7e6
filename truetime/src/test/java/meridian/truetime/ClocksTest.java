package meridian.truetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClocksTest {

  private static final long T0 = SimulatedMasters.T0_MICROS;

  @Test
  void manualClockOffsetDriftAndJump() throws InterruptedException {
    ManualClock clock = new ManualClock(T0);
    long monotonicStart = clock.monotonicMicros();
    clock.setOffsetMicros(40_000);
    clock.setDriftPpm(150);
    clock.advanceMicros(1_000_000);
    assertThat(clock.wallMicros()).isEqualTo(T0 + 1_000_000 + 40_000 + 150);
    clock.setDriftPpm(-100); // continuous: no jump
    assertThat(clock.wallMicros()).isEqualTo(T0 + 1_000_000 + 40_000 + 150);
    clock.advanceMicros(2_000_000);
    assertThat(clock.wallMicros()).isEqualTo(T0 + 3_000_000 + 40_000 + 150 - 200);
    clock.jumpWallMicros(-7);
    assertThat(clock.wallMicros()).isEqualTo(T0 + 3_000_000 + 40_000 + 150 - 200 - 7);
    assertThat(clock.monotonicMicros() - monotonicStart).isEqualTo(3_000_000);
    clock.sleeper().sleepMicros(5);
    assertThat(clock.trueMicros()).isEqualTo(T0 + 3_000_005);
    assertThatThrownBy(() -> clock.advanceMicros(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void skewableClockAddsOffsetAndContinuousDriftAndLeavesMonotonicAlone() {
    ManualClock base = new ManualClock(T0);
    SkewableClock clock = new SkewableClock(base);
    assertThat(clock.wallMicros()).isEqualTo(T0);
    clock.setSkew(5_000, 1_000);
    assertThat(clock.wallMicros()).isEqualTo(T0 + 5_000);
    base.advanceMicros(2_000_000);
    assertThat(clock.wallMicros()).isEqualTo(T0 + 2_000_000 + 5_000 + 2_000);
    long before = clock.wallMicros();
    clock.setSkew(5_000, -500); // same offset, new drift: no jump
    assertThat(clock.wallMicros()).isEqualTo(before);
    base.advanceMicros(1_000_000);
    assertThat(clock.wallMicros()).isEqualTo(before + 1_000_000 - 500);
    assertThat(clock.offsetMicros()).isEqualTo(5_000);
    assertThat(clock.driftPpm()).isEqualTo(-500);
    assertThat(clock.accumulatedDriftMicros()).isEqualTo(1_500);
    assertThat(clock.monotonicMicros()).isEqualTo(base.monotonicMicros());
    clock.reset();
    assertThat(clock.wallMicros()).isEqualTo(base.wallMicros());
  }

  @Test
  void systemClockReadsPlausibleTime() {
    SystemClock clock = new SystemClock();
    long wall = clock.wallMicros();
    assertThat(wall).isGreaterThan(T0); // after November 2023
    long first = clock.monotonicMicros();
    assertThat(clock.monotonicMicros()).isGreaterThanOrEqualTo(first);
  }

  @Test
  void ppmArithmeticRoundsAsNamed() {
    assertThat(Ppm.floorOf(1_000_000, 200)).isEqualTo(200);
    assertThat(Ppm.floorOf(1, 200)).isZero();
    assertThat(Ppm.ceilOf(1, 200)).isEqualTo(1);
    assertThat(Ppm.floorOf(-1, 200)).isEqualTo(-1);
    assertThat(Ppm.ceilOf(Long.MAX_VALUE / 2, 1_000)).isPositive(); // no overflow
  }
}

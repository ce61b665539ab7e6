package meridian.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A long soak of the simulator, skipped unless {@code meridian.sim.minutes} is set:
 *
 * <pre>
 *   ./mvnw -q -B -o -pl tests test -Dtest=PaxosSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dmeridian.sim.minutes=30 [-Dmeridian.sim.startSeed=S] [-Dmeridian.sim.replicas=3|5]
 * </pre>
 *
 * Progress goes to the surefire report ({@code tests/target/surefire-reports/*-output.txt}); for
 * live progress on the console use {@code tests/sim-soak}, which runs {@link Soak} directly.
 */
class PaxosSoakTest {
  @Test
  @EnabledIfSystemProperty(named = "meridian.sim.minutes", matches = "\\d+")
  void soak() {
    boolean passed = Soak.soak(Long.getLong("meridian.sim.minutes"), -1, Long.getLong("meridian.sim.startSeed", 1),
        Integer.getInteger("meridian.sim.replicas", 0), Boolean.getBoolean("meridian.sim.membership"),
        Long.getLong("meridian.sim.faultMillis", 60_000), Runtime.getRuntime().availableProcessors(), true, System.out);
    assertThat(passed).as("every soak seed passed (see the output for the failing seed)").isTrue();
  }
}

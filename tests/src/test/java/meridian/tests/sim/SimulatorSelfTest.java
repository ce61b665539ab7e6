package meridian.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator's checkers are not vacuous: break an assumption the core is entitled to, and they
 * fire. Clocks that run ahead of their bound, hosts that send before the fsync, and hosts that
 * write lease extensions unsynced but do not re-extend the vote on restart (the server's policy
 * minus its safeguard) each end in a violation in some seed.
 */
class SimulatorSelfTest {
  @Test
  void lyingClocksAreCaught() {
    List<String> caught = new ArrayList<>();
    for (long seed = 1; seed <= 100 && caught.isEmpty(); seed++) {
      SimConfig config = SimConfig.forSeed(seed, new SimConfig.Shape(3, false, 10_000_000)).withLyingClocks(500_000);
      try {
        new SimCluster(config, null).run();
      } catch (SimulationFailure f) {
        String why = String.valueOf(f.getCause().getMessage());
        if (why.contains("leases overlap")) {
          caught.add("seed " + seed + ": " + why);
        } else {
          System.out.println("other failure, seed " + seed + ": " + why.lines().findFirst().orElse(""));
        }
      }
    }
    System.out.println("caught with lying clocks:\n" + String.join("\n", caught));
    assertThat(caught).as("lease overlaps caught with lying clocks").isNotEmpty();
  }

  @Test
  void hostsThatSendBeforeFsyncAreCaught() {
    List<String> caught = new ArrayList<>();
    for (long seed = 1; seed <= 300 && caught.isEmpty(); seed++) {
      SimConfig config =
          SimConfig.forSeed(seed, new SimConfig.Shape(3, false, 10_000_000))
              .withDiskPolicy(SimConfig.DiskPolicy.SEND_BEFORE_FSYNC);
      try {
        new SimCluster(config, null).run();
      } catch (SimulationFailure f) {
        caught.add("seed " + seed + ": " + String.valueOf(f.getCause().getMessage()).lines().findFirst().orElse(""));
      }
    }
    System.out.println("caught with hosts sending before fsync:\n" + String.join("\n", caught));
    assertThat(caught).as("violations caught when hosts send before fsync").isNotEmpty();
  }

  @Test
  void lazyLeaseExtensionsWithoutReextensionAreCaught() {
    List<String> caught = new ArrayList<>();
    long seed = 650; // seed 659 hits it with today's core; the search goes on if the core changes
    for (; seed <= 3000 && caught.isEmpty(); seed++) {
      SimConfig config = SimConfig.forSeed(seed, new SimConfig.Shape(3, false, 20_000_000))
          .withDiskPolicy(SimConfig.DiskPolicy.LAZY_WITHOUT_REEXTENSION);
      try {
        new SimCluster(config, null).run();
      } catch (SimulationFailure f) {
        caught.add("seed " + seed + ": " + String.valueOf(f.getCause().getMessage()).lines().findFirst().orElse(""));
      }
    }
    System.out.println("caught with lazy lease extensions and no re-extension after " + (seed - 1) + " seeds:\n"
        + String.join("\n", caught));
    assertThat(caught).isNotEmpty();
  }
}

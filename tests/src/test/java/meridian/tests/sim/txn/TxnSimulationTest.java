package meridian.tests.sim.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two-phase commit over the txn core under the deterministic simulator (see the package docs).
 *
 * <p>Properties: {@code meridian.txnsim.seeds} (default 300) and {@code meridian.txnsim.startSeed}
 * (default 1) pick the seeds; {@code meridian.txnsim.seed=N} runs that seed alone, printing every
 * trace line when {@code meridian.txnsim.verbose=true}; {@code meridian.txnsim.minutes=M} runs
 * random seeds for M minutes ({@link #soak}).
 */
class TxnSimulationTest {
  @Test
  void manySeeds() {
    Long only = Long.getLong("meridian.txnsim.seed");
    if (only != null) {
      boolean verbose = Boolean.getBoolean("meridian.txnsim.verbose");
      System.out.println(new TxnSim(TxnSimConfig.forSeed(only), verbose ? System.out : null).run());
      return;
    }
    long start = Long.getLong("meridian.txnsim.startSeed", 1);
    long seeds = Long.getLong("meridian.txnsim.seeds", 300);
    TxnSoak.Outcome o = TxnSoak.run(start, seeds, Long.MAX_VALUE);
    System.out.println(o);
    o.throwIfFailed();
  }

  @Test
  void aSeedReplaysToTheSameTrace() {
    for (long seed : new long[] {3, 4, 5}) {
      TxnSim.Result first = new TxnSim(TxnSimConfig.forSeed(seed), null).run();
      TxnSim.Result second = new TxnSim(TxnSimConfig.forSeed(seed), null).run();
      assertThat(second).isEqualTo(first);
      assertThat(new TxnSim(TxnSimConfig.forSeed(seed + 10), null).run().traceHash()).isNotEqualTo(first.traceHash());
    }
  }

  /**
   * The checkers are not vacuous: each deliberately broken host is caught in some seed, by the
   * check aimed at it.
   */
  @Test
  void brokenHostsAreCaught() {
    caught(TxnSimConfig.Breakage.IGNORE_PREPARE_FLOOR, "below its prepare timestamp");
    caught(TxnSimConfig.Breakage.APPLY_AT_OUTCOME_ENTRY, "holds a version");
    caught(TxnSimConfig.Breakage.NO_COMMIT_WAIT, "commit wait was skipped");
    caught(TxnSimConfig.Breakage.GRANT_COUNTS_ONLY, "the newest version below its commit timestamp");
    caught(TxnSimConfig.Breakage.TIMESTAMPS_FROM_EARLIEST, "external consistency");
  }

  private static final long SELF_TEST_SEEDS_MAX = 2000;

  private static void caught(TxnSimConfig.Breakage breakage, String expected) {
    List<String> other = new ArrayList<>();
    for (long seed = 1; seed <= SELF_TEST_SEEDS_MAX; seed++) {
      try {
        new TxnSim(TxnSimConfig.forSeed(seed).with(breakage), null).run();
      } catch (TxnSimFailure f) {
        String why = String.valueOf(f.getCause().getMessage());
        if (why.contains(expected)) {
          System.out.println(breakage + " caught at seed " + seed + ": " + why.lines().findFirst().orElse(""));
          return;
        }
        other.add("seed " + seed + ": " + why.lines().findFirst().orElse(""));
      }
    }
    throw new AssertionError(breakage + " was not caught by '" + expected + "'; other failures: " + other);
  }

  @Test
  @EnabledIfSystemProperty(named = "meridian.txnsim.minutes", matches = "\\d+")
  void soak() {
    long minutes = Long.getLong("meridian.txnsim.minutes");
    long start = Long.getLong("meridian.txnsim.startSeed", System.nanoTime() & 0xFFFF_FFFFL);
    TxnSoak.Outcome o = TxnSoak.run(start, Long.MAX_VALUE, System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes));
    System.out.println(o);
    o.throwIfFailed();
  }
}

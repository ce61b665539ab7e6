package meridian.tests.sim.txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs seeds of the two-phase commit simulator one after another (each seed is one thread's
 * deterministic run), for CI or for as long as asked:
 *
 * <pre>
 *   java ... meridian.tests.sim.txn.TxnSoak --minutes 30 [--start-seed S]
 *   java ... meridian.tests.sim.txn.TxnSoak --replay N      # one seed, every trace line
 * </pre>
 *
 * Stops at the first failing seed and prints it with its replay command. From Maven, the same soak
 * runs as {@code TxnSimulationTest#soak} with {@code -Dmeridian.txnsim.minutes=M}.
 */
public final class TxnSoak {
  /** What a batch of seeds came to. */
  record Outcome(long firstSeed, long seedsRun, long events, long wallMillis, Map<String, Long> driverResults,
      Map<String, Long> counters, long commits, List<TxnSimFailure> failures) {
    void throwIfFailed() {
      if (!failures.isEmpty()) {
        throw failures.getFirst();
      }
    }

    @Override
    public String toString() {
      return "txnsim: " + seedsRun + " seeds from " + firstSeed + " in " + wallMillis + " ms, " + events + " events, "
          + commits + " commits, driver results " + driverResults + ", counters " + counters
          + (failures.isEmpty() ? ": all passed" : ": FAILED seed " + failures.getFirst().seed);
    }
  }

  private TxnSoak() {}

  /**
   * Runs seeds {@code startSeed, startSeed + 1, ...}: {@code seeds} of them or until the deadline,
   * stopping at the first failure. {@code storm}: every seed in a storm; otherwise the odd seeds of
   * an unbounded soak (seeds == Long.MAX_VALUE) are.
   */
  static Outcome run(long startSeed, long seeds, long deadlineNanos, boolean storm) {
    long startNanos = System.nanoTime();
    long events = 0;
    long commits = 0;
    long run = 0;
    Map<String, Long> results = new TreeMap<>();
    Map<String, Long> counters = new TreeMap<>();
    List<TxnSimFailure> failures = new ArrayList<>();
    for (long seed = startSeed; seed - startSeed < seeds && System.nanoTime() < deadlineNanos; seed++) {
      run++;
      try {
        TxnSimConfig config = TxnSimConfig.forSeed(seed);
        boolean stormy = storm || seeds == Long.MAX_VALUE && (seed & 1) == 1;
        TxnSim sim = new TxnSim(stormy ? config.stormy() : config, null);
        TxnSim.Result r = sim.run();
        events += r.events();
        sim.history.results.forEach((k, v) -> results.merge(k, (long) v, Long::sum));
        sim.counters.forEach((k, v) -> counters.merge(k, v, Long::sum));
        commits += sim.history.results.getOrDefault("COMMITTED", 0);
      } catch (TxnSimFailure f) {
        failures.add(f);
        break;
      }
    }
    return new Outcome(startSeed, run, events, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), results,
        counters, commits, failures);
  }

  public static void main(String[] args) {
    long minutes = 10;
    long startSeed = System.nanoTime() & 0xFFFF_FFFFL;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Long.parseLong(args[++i]);
        case "--start-seed" -> startSeed = Long.parseLong(args[++i]);
        case "--replay" -> {
          System.out.println(new TxnSim(TxnSimConfig.forSeed(Long.parseLong(args[++i])), System.out).run());
          return;
        }
        default -> {
          System.err.println("unknown option " + args[i] + "; see the TxnSoak class comment");
          System.exit(2);
        }
      }
    }
    Outcome o = run(startSeed, Long.MAX_VALUE, System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes), false);
    System.out.println(o);
    if (!o.failures().isEmpty()) {
      System.out.println(o.failures().getFirst().getMessage());
      System.exit(1);
    }
  }
}

package meridian.tests.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;

/**
 * Runs many seeds of the simulator: for CI ({@link PaxosSimulationTest}) and for long soaks.
 * Each seed is one single-threaded, deterministic simulation; independent seeds run side by side on
 * a small pool, which changes nothing inside any of them.
 *
 * <pre>
 *   tests/sim-soak --minutes 30                 # all shapes, until the time is up
 *   tests/sim-soak --seeds 100000 --start-seed 5000 --replicas 5
 * </pre>
 *
 * Options: {@code --minutes M} or {@code --seeds N} (default: 10 minutes), {@code --start-seed S}
 * (default 1), {@code --replicas 3|5} (default: the mix of {@link SimConfig.Shape#forSeed}), {@code
 * --membership} (with --replicas: membership changes too), {@code --fault-millis F} (default
 * 60000), {@code --threads T} (default: available processors), {@code --keep-going} (run every
 * seed, list the failures at the end), {@code --replay N} (run seed N alone and print its whole
 * trace; give the same --replicas/--membership/--fault-millis). Exits 1 on the first failure,
 * after printing its seed, replay command and trace tail.
 */
public final class Soak {
  /** What a batch of seeds came to. */
  record Outcome(long seedsRun, long simulatedMicros, long events, long wallMillis, long recoveryMicrosMax,
      List<SimulationFailure> failures) {}

  private Soak() {}

  /**
   * Runs seeds {@code startSeed, startSeed + 1, ...}: {@code seeds} of them, or until {@code
   * deadlineNanos} (System.nanoTime) passes. Stops early after the first failure when {@code
   * stopOnFailure}; progress goes to {@code progress} every 10 s when not null.
   */
  static Outcome run(long startSeed, long seeds, long deadlineNanos, int threads, LongFunction<SimConfig.Shape> shapes,
      boolean stopOnFailure, PrintStream progress) {
    long startNanos = System.nanoTime();
    AtomicLong next = new AtomicLong(startSeed);
    AtomicLong done = new AtomicLong();
    AtomicLong simulated = new AtomicLong();
    AtomicLong events = new AtomicLong();
    AtomicLong recoveryMax = new AtomicLong();
    AtomicReference<Long> lastReport = new AtomicReference<>(startNanos);
    List<SimulationFailure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          while (true) {
            if (stopOnFailure && !failures.isEmpty() || System.nanoTime() > deadlineNanos) {
              return;
            }
            long seed = next.getAndIncrement();
            if (seed - startSeed >= seeds) {
              return;
            }
            try {
              SimCluster.Result r = new SimCluster(SimConfig.forSeed(seed, shapes.apply(seed)), null).run();
              simulated.addAndGet(r.simulatedMicros());
              events.addAndGet(r.events());
              recoveryMax.accumulateAndGet(r.recoveryMicros(), Math::max);
            } catch (SimulationFailure f) {
              failures.add(f);
              if (progress != null) {
                progress.println("FAILED seed=" + f.seed + "\n" + f.getMessage());
              }
            }
            done.incrementAndGet();
            long now = System.nanoTime();
            Long last = lastReport.get();
            if (progress != null && now - last > 10_000_000_000L && lastReport.compareAndSet(last, now)) {
              progress.printf("%4ds: %d seeds (up to %d), %d simulated s, %d events, %d failures%n",
                  (now - startNanos) / 1_000_000_000L, done.get(), next.get() - 1, simulated.get() / 1_000_000,
                  events.get(), failures.size());
            }
          }
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("soak worker failed", e);
    } finally {
      pool.shutdownNow();
    }
    long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    List<SimulationFailure> sorted = new ArrayList<>(failures);
    sorted.sort(java.util.Comparator.comparingLong(f -> f.seed));
    return new Outcome(done.get(), simulated.get(), events.get(), wallMillis, recoveryMax.get(), sorted);
  }

  public static void main(String[] args) {
    long minutes = -1;
    long seeds = -1;
    long startSeed = 1;
    int replicas = 0;
    boolean membership = false;
    long faultMillis = 60_000;
    int threads = Runtime.getRuntime().availableProcessors();
    long replay = -1;
    boolean keepGoing = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Long.parseLong(args[++i]);
        case "--seeds" -> seeds = Long.parseLong(args[++i]);
        case "--start-seed" -> startSeed = Long.parseLong(args[++i]);
        case "--replicas" -> replicas = Integer.parseInt(args[++i]);
        case "--membership" -> membership = true;
        case "--fault-millis" -> faultMillis = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--replay" -> replay = Long.parseLong(args[++i]);
        case "--keep-going" -> keepGoing = true;
        default -> {
          System.err.println("unknown option " + args[i] + "; see the Soak class comment");
          System.exit(2);
        }
      }
    }
    if (replay >= 0) {
      long f = faultMillis * 1000;
      SimConfig.Shape shape =
          replicas == 0 ? SimConfig.Shape.forSeed(replay, f) : new SimConfig.Shape(replicas, membership, f);
      System.out.println(new SimCluster(SimConfig.forSeed(replay, shape), System.out).run());
      return;
    }
    if (minutes < 0 && seeds < 0) {
      minutes = 10;
    }
    System.exit(soak(minutes, seeds, startSeed, replicas, membership, faultMillis, threads, !keepGoing, System.out)
        ? 0 : 1);
  }

  /** The soak loop shared by {@link #main} and {@link PaxosSoakTest}; true when every seed passed. */
  static boolean soak(long minutes, long seeds, long startSeed, int replicas, boolean membership, long faultMillis,
      int threads, boolean stopOnFailure, PrintStream out) {
    long deadline = minutes < 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    long faultMicros = faultMillis * 1000;
    LongFunction<SimConfig.Shape> shapes = replicas == 0
        ? seed -> SimConfig.Shape.forSeed(seed, faultMicros)
        : seed -> new SimConfig.Shape(replicas, membership, faultMicros);
    out.println("soak: " + (minutes < 0 ? seeds + " seeds" : minutes + " minutes") + " from seed " + startSeed
        + ", replicas " + (replicas == 0 ? "mixed" : replicas) + ", fault phase " + faultMillis + " ms, " + threads
        + " threads");
    Outcome o = run(startSeed, seeds < 0 ? Long.MAX_VALUE : seeds, deadline, threads, shapes, stopOnFailure,
        stopOnFailure ? out : null);
    out.printf("soak: %d seeds in %d s (%d simulated s, %d events, slowest recovery after healing %d ms): %s%n",
        o.seedsRun(), o.wallMillis() / 1000, o.simulatedMicros() / 1_000_000, o.events(), o.recoveryMicrosMax() / 1000,
        o.failures().isEmpty() ? "all passed"
            : "FAILED seeds " + o.failures().stream().map(f -> f.seed).toList());
    for (SimulationFailure f : o.failures()) {
      String cause = String.valueOf(f.getCause());
      out.println("seed " + f.seed + ": " + cause.substring(0, Math.min(200, cause.length())).replace('\n', ' '));
      out.println("  replay: " + SimulationFailure.replayCommand(f.config));
    }
    return o.failures().isEmpty();
  }
}

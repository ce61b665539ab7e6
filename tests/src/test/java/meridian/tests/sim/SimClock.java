package meridian.tests.sim;

import java.util.SplittableRandom;
import meridian.truetime.TTInterval;

/**
 * One replica's TrueTime, simulated: the paper's sawtooth. At each sync the uncertainty drops to
 * {@code epsilonSync} (drawn from a range) and the clock's error (midpoint minus true time) is
 * redrawn within it, often at an edge, so that true time sits exactly at {@code earliest} or
 * {@code latest}. Between syncs the uncertainty grows by {@code driftPpm} and the error moves at a
 * rate within the same bound, so it can never leave the interval.
 *
 * <p>Guarantee (checked on every reading): the returned interval contains true time. Intervals are
 * <em>not</em> monotonic: at a sync {@code earliest} may move back and {@code latest} forward or
 * back, as with real TrueTime; the core may rely only on containment.
 */
final class SimClock {
  private final SplittableRandom random;
  private final long epsilonSyncMinMicros;
  private final long epsilonSyncMaxMicros;
  private final long syncIntervalMicros;
  private final long driftPpm;
  // > 0 only in the simulator's self-test: the clock then breaks its bound by up to this much.
  private final long lieMicros;

  private long syncTrueMicros;
  private long nextSyncTrueMicros;
  // Invariant: |errorAtSyncMicros| <= epsilonSyncMicros and |errorRatePpm| <= driftPpm.
  private long epsilonSyncMicros;
  private long errorAtSyncMicros;
  private long errorRatePpm;

  SimClock(SplittableRandom random, long startTrueMicros, long epsilonSyncMinMicros, long epsilonSyncMaxMicros,
      long syncIntervalMicros, long driftPpm) {
    this(random, startTrueMicros, epsilonSyncMinMicros, epsilonSyncMaxMicros, syncIntervalMicros, driftPpm, 0);
  }

  /**
   * A clock that lies: at some syncs its error is pushed up to {@code lieMicros} beyond its
   * epsilon (ahead), so its intervals miss true time. Only for checking that the checkers catch what
   * follows (the core's guarantees rest on the clock bound).
   */
  SimClock(SplittableRandom random, long startTrueMicros, long epsilonSyncMinMicros, long epsilonSyncMaxMicros,
      long syncIntervalMicros, long driftPpm, long lieMicros) {
    if (epsilonSyncMinMicros < 0 || epsilonSyncMinMicros > epsilonSyncMaxMicros || syncIntervalMicros <= 0
        || driftPpm < 0) {
      throw new IllegalArgumentException("bad clock parameters");
    }
    this.random = random;
    this.epsilonSyncMinMicros = epsilonSyncMinMicros;
    this.epsilonSyncMaxMicros = epsilonSyncMaxMicros;
    this.syncIntervalMicros = syncIntervalMicros;
    this.driftPpm = driftPpm;
    this.lieMicros = lieMicros;
    sync(startTrueMicros);
  }

  /** The largest epsilon this clock can report: the bound a configuration must allow for. */
  long epsilonMaxMicros() {
    return epsilonSyncMaxMicros + syncIntervalMicros * driftPpm / 1_000_000 + 1;
  }

  /** TrueTime at true time {@code trueMicros} (which must not go back between calls). */
  TTInterval now(long trueMicros) {
    if (trueMicros < syncTrueMicros) {
      throw new IllegalArgumentException("true time went back");
    }
    while (trueMicros >= nextSyncTrueMicros) {
      sync(nextSyncTrueMicros);
    }
    long elapsed = trueMicros - syncTrueMicros;
    long budget = elapsed * driftPpm / 1_000_000;
    long epsilon = epsilonSyncMicros + budget;
    // Division truncates toward zero, so |elapsed * rate / 1e6| <= budget when |rate| <= driftPpm.
    long error = errorAtSyncMicros + elapsed * errorRatePpm / 1_000_000;
    TTInterval interval = new TTInterval(trueMicros + error - epsilon, trueMicros + error + epsilon);
    if (lieMicros == 0 && !interval.contains(trueMicros)) {
      throw new AssertionError("simulated clock lost true time: " + interval + " at " + trueMicros);
    }
    return interval;
  }

  /** A nemesis step: sync at once to a fresh error, at an edge of a fresh (possibly wide) epsilon. */
  void jump(long trueMicros) {
    now(trueMicros); // run any syncs due before this instant, in order
    sync(trueMicros);
    errorAtSyncMicros = random.nextBoolean() ? epsilonSyncMicros : -epsilonSyncMicros;
  }

  private void sync(long atTrueMicros) {
    syncTrueMicros = atTrueMicros;
    nextSyncTrueMicros = atTrueMicros + syncIntervalMicros / 2 + random.nextLong(syncIntervalMicros / 2 + 1);
    epsilonSyncMicros = epsilonSyncMinMicros + random.nextLong(epsilonSyncMaxMicros - epsilonSyncMinMicros + 1);
    errorAtSyncMicros = switch (random.nextInt(3)) {
      case 0 -> epsilonSyncMicros;
      case 1 -> -epsilonSyncMicros;
      default -> random.nextLong(-epsilonSyncMicros, epsilonSyncMicros + 1);
    };
    if (lieMicros > 0 && random.nextBoolean()) {
      // Ahead only: a voter whose clock runs ahead lets its vote expire early, while timestamps
      // taken from it stay above true time.
      errorAtSyncMicros = epsilonSyncMicros + 1 + random.nextLong(lieMicros);
    }
    errorRatePpm = switch (random.nextInt(3)) {
      case 0 -> driftPpm;
      case 1 -> -driftPpm;
      default -> random.nextLong(-driftPpm, driftPpm + 1);
    };
  }
}

package meridian.tests.sim.txn;

import java.util.SplittableRandom;
import meridian.txn.TxnLimits;

/**
 * One run of the two-phase commit simulator, drawn from its seed. Two calls with one seed give equal
 * configs.
 *
 * @param groups Paxos groups G1..Gn, 3 replicas each
 * @param drivers concurrent clients, each running one transaction at a time
 * @param keys the key space (small: contention is the point); key {@code i} lives in a fixed group
 * @param lateFraction the share of messages delayed by up to a second during the chaos (a resent
 *     request then races its own late answer)
 * @param epsilonMicros TrueTime uncertainty of every node; each node's skew stays within it
 * @param chaosMicros how long faults are injected and transactions started; then everything heals
 * @param quietMicros how long the healed world runs for everything to settle
 * @param storm made by {@link #stormy}
 */
record TxnSimConfig(
    long seed,
    int groups,
    int drivers,
    int keys,
    int opsMax,
    double readFraction,
    long epsilonMicros,
    long delayMinMicros,
    long delayMaxMicros,
    double loss,
    double duplication,
    double lateFraction,
    long paxosDelayMaxMicros,
    long applyLagMaxMicros,
    long leaderChangeGapMaxMicros,
    long driverCrashGapMaxMicros,
    long thinkMaxMicros,
    long resendAfterMicros,
    int retriesMax,
    long chaosMicros,
    long quietMicros,
    TxnLimits limits,
    Breakage breakage,
    boolean storm) {

  /** Epoch of simulated true time: 2026-01-01T00:00:00Z, so timestamps look like real ones. */
  static final long START_MICROS = 1_767_225_600_000_000L;

  /** A deliberately broken host, for the self-test only: the checkers must catch each. */
  enum Breakage {
    NONE,
    /** The coordinator passes no prepare timestamps into the commit floor. */
    IGNORE_PREPARE_FLOOR,
    /** A participant applies the writes at its Outcome entry's own timestamp instead of {@code s}. */
    APPLY_AT_OUTCOME_ENTRY,
    /** The coordinator answers a commit without waiting until {@code TT.after(s)}. */
    NO_COMMIT_WAIT,
    /**
     * Leaders trust the drivers' grant counts alone, whichever leadership granted them: the txn core
     * before the simulator found that a resent lock request can stand in for a lost lock.
     */
    GRANT_COUNTS_ONLY,
    /** Leaders take timestamps from {@code TT.now().earliest} instead of {@code latest}. */
    TIMESTAMPS_FROM_EARLIEST,
    /** A scan locks the keys it finds, not its range: a key written later in the range is a phantom. */
    POINT_LOCKS_FOR_SCANS
  }

  static TxnSimConfig forSeed(long seed) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x7A5_5EEDL);
    // One seed in four is stormy: leaders change every few hundred ms and one message in ten is late.
    boolean stormy = r.nextInt(4) == 0;
    long delayMin = r.nextLong(100, 2_000);
    long delayMax = delayMin + r.nextLong(500, 20_000);
    return new TxnSimConfig(
        seed,
        3 + r.nextInt(3),
        2 + r.nextInt(5),
        3 + r.nextInt(r.nextBoolean() ? 4 : 20),
        1 + r.nextInt(5),
        r.nextDouble(0.3, 0.8),
        r.nextLong(0, 8_000),
        delayMin,
        delayMax,
        r.nextInt(4) == 0 ? 0 : r.nextDouble(0, 0.15),
        r.nextDouble(0, 0.15),
        stormy ? 0.1 : 0.01,
        r.nextLong(500, 10_000),
        r.nextLong(0, 50_000),
        stormy ? r.nextLong(20_000, 300_000) : r.nextLong(200_000, 6_000_000),
        r.nextLong(200_000, 3_000_000),
        r.nextLong(0, 50_000),
        r.nextLong(2 * delayMax, 10 * delayMax + 100_000),
        8,
        6_000_000,
        12_000_000,
        // locks, txns, waiters; lock wait 300 ms, idle 1 s, inquiry 500 ms, tombstones 20 s
        new TxnLimits(10_000, 1_000, 1_000, 300_000, 1_000_000, 500_000, 20_000_000, 10_000),
        Breakage.NONE,
        false);
  }

  TxnSimConfig with(Breakage b) {
    return new TxnSimConfig(seed, groups, drivers, keys, opsMax, readFraction, epsilonMicros, delayMinMicros,
        delayMaxMicros, loss, duplication, lateFraction, paxosDelayMaxMicros, applyLagMaxMicros, leaderChangeGapMaxMicros,
        driverCrashGapMaxMicros, thinkMaxMicros, resendAfterMicros, retriesMax, chaosMicros, quietMicros, limits, b, storm);
  }

  /**
   * This config in a storm: six drivers on at most five keys for four times as long, no loss (a
   * lost answer is harmless here), leaders change every 100 ms at most, one message in five is
   * late and requests are resent soon. Races between a resent request and its own late answer are then
   * common rather than rare.
   */
  TxnSimConfig stormy() {
    return new TxnSimConfig(seed, groups, 6, Math.min(keys, 5), opsMax, 0.7, epsilonMicros, delayMinMicros,
        delayMaxMicros, 0, duplication, 0.2, paxosDelayMaxMicros, applyLagMaxMicros, 100_000,
        driverCrashGapMaxMicros, thinkMaxMicros, 2 * delayMaxMicros, retriesMax, 4 * chaosMicros, quietMicros, limits,
        breakage, true);
  }

  @Override
  public String toString() {
    return "seed=" + seed + " groups=" + groups + " drivers=" + drivers + " keys=" + keys + " opsMax=" + opsMax
        + " reads=" + String.format("%.2f", readFraction) + " eps=" + epsilonMicros + "us delay=" + delayMinMicros
        + ".." + delayMaxMicros + "us loss=" + String.format("%.3f", loss) + " dup="
        + String.format("%.3f", duplication) + " late=" + lateFraction + " paxos<=" + paxosDelayMaxMicros + "us lag<=" + applyLagMaxMicros
        + "us leaderChangeGap<=" + leaderChangeGapMaxMicros / 1000 + "ms driverCrashGap<="
        + driverCrashGapMaxMicros / 1000 + "ms resendAfter=" + resendAfterMicros / 1000 + "ms chaos="
        + chaosMicros / 1000 + "ms quiet=" + quietMicros / 1000 + "ms"
        + (storm ? " STORM" : "") + (breakage == Breakage.NONE ? "" : " BROKEN " + breakage);
  }
}

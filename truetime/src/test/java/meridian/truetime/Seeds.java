package meridian.truetime;

/**
 * Seeds for the randomized tests: fixed by default so that every run is the same, overridable with
 * {@code -Dmeridian.seed=N} to explore; always printed so a failure can be replayed.
 */
final class Seeds {

  private Seeds() {}

  static long seed(String testName, long defaultSeed) {
    long seed = Long.getLong("meridian.seed", defaultSeed);
    System.out.println(testName + " seed=" + seed + " (replay with -Dmeridian.seed=" + seed + ")");
    return seed;
  }
}

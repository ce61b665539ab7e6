package meridian.checker.report;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * Which operations get a dot when there are more than a plot can hold. Deterministic: an outcome
 * with few operations (at most a tenth of the budget) is drawn whole, since fails and timeouts are
 * what a reader looks for; the other outcomes are thinned to about one in {@code stride}, the same
 * {@code stride} for all, so their densities stay comparable.
 *
 * <p>An operation is kept when a hash of its index is divisible by the stride, not when its index
 * is: taking every k-th operation would alias with a workload that cycles through its kinds of
 * {@code f} or its clients (every 3rd operation of a read/write/cas cycle is always a read). Each
 * thinned outcome keeps at most {@code ceil(count / stride)} dots, so the total never exceeds the
 * budget.
 *
 * @param kept the indices of the operations drawn
 * @param stride 1 when nothing was thinned
 * @param thinned per outcome code, whether it was thinned
 */
record DotSample(BitSet kept, int stride, boolean[] thinned, int[] counts, int operations) {

  static final String[] OUTCOME_NAMES = {"ok", "info", "fail", "never completed"};

  static DotSample choose(Timeline t, int dotsMax) {
    if (dotsMax < 1) {
      throw new IllegalArgumentException("dotsMax " + dotsMax);
    }
    int[] counts = t.outcomeCounts.clone();
    boolean[] thinned = new boolean[counts.length];
    BitSet kept = new BitSet(t.operations);
    if (t.operations <= dotsMax) {
      kept.set(0, t.operations);
      return new DotSample(kept, 1, thinned, counts, t.operations);
    }
    long budget = dotsMax;
    long thinnedTotal = 0;
    for (int o = 0; o < counts.length; o++) {
      thinned[o] = counts[o] > dotsMax / 10;
      if (thinned[o]) {
        thinnedTotal += counts[o];
      } else {
        budget -= counts[o];
      }
    }
    // Invariant: budget >= dotsMax * 6 / 10 > 0, since at most four outcomes are drawn whole.
    int stride = (int) Math.max(1, (thinnedTotal + budget - 1) / budget);
    int[] quota = new int[counts.length];
    for (int o = 0; o < counts.length; o++) {
      quota[o] = thinned[o] ? (counts[o] + stride - 1) / stride : counts[o];
    }
    for (int i = 0; i < t.operations; i++) {
      int o = t.outcome[i];
      if (quota[o] > 0 && (!thinned[o] || Long.remainderUnsigned(mix(i), stride) == 0)) {
        kept.set(i);
        quota[o]--;
      }
    }
    return new DotSample(kept, stride, thinned, counts, t.operations);
  }

  /** {@code 1234567} as {@code 1,234,567}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** SplitMix64's finalizer: a fixed bijection that scatters consecutive indices. */
  private static long mix(long x) {
    x += 0x9e3779b97f4a7c15L;
    x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
    x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
    return x ^ (x >>> 31);
  }

  boolean keeps(int operation) {
    return kept.get(operation);
  }

  int drawn() {
    return kept.cardinality();
  }

  /** For the caption: "all 120 operations drawn" or what was thinned. */
  String describe() {
    if (stride == 1) {
      return "all " + count(operations) + " operations drawn";
    }
    List<String> thinnedNames = new ArrayList<>();
    List<String> whole = new ArrayList<>();
    for (int o = 0; o < counts.length; o++) {
      if (thinned[o]) {
        thinnedNames.add(OUTCOME_NAMES[o]);
      } else if (counts[o] > 0) {
        whole.add(OUTCOME_NAMES[o]);
      }
    }
    return count(drawn()) + " of " + count(operations) + " operations drawn: about 1 in " + stride
        + " " + String.join(" and ", thinnedNames) + " (by a hash of the index)"
        + (whole.isEmpty() ? "" : ", all " + String.join(" and ", whole))
        + "; throughput counts all";
  }
}

package meridian.truetime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Marzullo's algorithm: given intervals from several sources, each claiming the true value lies
 * inside it, find the region covered by the most sources. Sources that do not cover it are liars.
 *
 * <p>Sort the 2n endpoints (a start before an end at the same value, so that closed intervals that
 * touch do intersect), sweep them counting the intervals open, and remember the first point where
 * the count is highest: the best region runs from that start to the next endpoint. O(n log n),
 * pure, no state.
 *
 * <p>Ties: when several disjoint regions share the highest count, the first (lowest) is reported
 * and {@link Agreement#regionsWithCount()} says how many there were. If that count is below the
 * quorum there is no agreement. If it reaches the quorum in two places at once (impossible when the
 * quorum is a strict majority, since two disjoint majorities would share a source) the first wins;
 * the caller chose a quorum that allows it.
 */
public final class Marzullo {

  private record Endpoint(long valueMicros, boolean start) {}

  // Starts sort before ends at the same value: touching closed intervals intersect.
  private static final Comparator<Endpoint> SWEEP_ORDER =
      Comparator.comparingLong(Endpoint::valueMicros).thenComparing(e -> e.start() ? 0 : 1);

  private Marzullo() {}

  /**
   * Intersects {@code sources} and checks the best region against {@code quorum} (>= 1).
   *
   * @return the best region, who agrees and who lies, and the span trusted when the quorum holds
   */
  public static Agreement intersect(List<SourceInterval> sources, int quorum) {
    Objects.requireNonNull(sources, "sources");
    if (quorum < 1) {
      throw new IllegalArgumentException("quorum must be at least 1, got " + quorum);
    }
    if (sources.isEmpty()) {
      return new Agreement(
          Optional.empty(), 0, quorum, 0, List.of(), List.of(), Optional.empty());
    }
    Endpoint[] endpoints = new Endpoint[sources.size() * 2];
    for (int i = 0; i < sources.size(); i++) {
      SourceInterval source = sources.get(i);
      endpoints[2 * i] = new Endpoint(source.lowMicros(), true);
      endpoints[2 * i + 1] = new Endpoint(source.highMicros(), false);
    }
    Arrays.sort(endpoints, SWEEP_ORDER);

    int open = 0;
    int best = 0;
    int regionsWithBest = 0;
    long bestLow = 0;
    long bestHigh = 0;
    long spanLow = Long.MAX_VALUE;
    long spanHigh = Long.MIN_VALUE;
    for (int i = 0; i < endpoints.length; i++) {
      Endpoint endpoint = endpoints[i];
      if (endpoint.start()) {
        open++;
        if (open > best) {
          best = open;
          regionsWithBest = 1;
          bestLow = endpoint.valueMicros();
          // Every start has its end later in the order, so i + 1 exists; it is an end, or the
          // count would rise further and replace this region.
          bestHigh = endpoints[i + 1].valueMicros();
        } else if (open == best) {
          regionsWithBest++;
        }
        if (open >= quorum && spanLow == Long.MAX_VALUE) {
          spanLow = endpoint.valueMicros();
        }
      } else {
        if (open >= quorum) {
          spanHigh = endpoint.valueMicros();
        }
        open--;
      }
    }
    assert open == 0 : "unbalanced sweep: " + open;

    List<SourceInterval> agreed = new ArrayList<>(best);
    List<SourceInterval> liars = new ArrayList<>(sources.size() - best);
    for (SourceInterval source : sources) {
      (source.covers(bestLow, bestHigh) ? agreed : liars).add(source);
    }
    Optional<OffsetRange> span =
        best >= quorum ? Optional.of(new OffsetRange(spanLow, spanHigh)) : Optional.empty();
    return new Agreement(
        Optional.of(new OffsetRange(bestLow, bestHigh)),
        best,
        quorum,
        regionsWithBest,
        agreed,
        liars,
        span);
  }
}

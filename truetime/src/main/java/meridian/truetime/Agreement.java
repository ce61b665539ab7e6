package meridian.truetime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Marzullo#intersect} found.
 *
 * @param region the best region: the first (lowest) region covered by the most sources; empty only
 *     when there were no sources
 * @param count how many sources cover the region
 * @param quorum the quorum asked for
 * @param regionsWithCount how many disjoint regions reach {@code count}; above 1 is a tie, and the
 *     region reported is the first of them
 * @param agreed the sources that cover the region ({@code count} of them), in input order
 * @param liars the sources disjoint from the region, in input order
 * @param quorumSpan when the quorum is reached: the smallest range holding every point covered by
 *     at least {@code quorum} sources. It, not the region, is what a clock should trust: if at least
 *     {@code quorum} sources tell the truth, the truth is inside the span, while a liar that
 *     overlaps the honest sources can drag the (narrower) region away from it.
 */
public record Agreement(
    Optional<OffsetRange> region,
    int count,
    int quorum,
    int regionsWithCount,
    List<SourceInterval> agreed,
    List<SourceInterval> liars,
    Optional<OffsetRange> quorumSpan) {

  public Agreement {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(quorumSpan, "quorumSpan");
    agreed = List.copyOf(agreed);
    liars = List.copyOf(liars);
    if (agreed.size() != count) {
      throw new IllegalArgumentException(agreed.size() + " agreed sources, count " + count);
    }
    if (quorumSpan.isPresent() != (region.isPresent() && count >= quorum)) {
      throw new IllegalArgumentException("a quorum span exists exactly when the quorum is reached");
    }
  }

  /** Whether at least {@code quorum} sources share a region. */
  public boolean reached() {
    return region.isPresent() && count >= quorum;
  }

  /** Whether two or more disjoint regions share the highest count. */
  public boolean tied() {
    return regionsWithCount > 1;
  }
}

package meridian.truetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MarzulloTest {

  private static SourceInterval s(String id, long low, long high) {
    return new SourceInterval(id, low, high);
  }

  private static List<String> ids(List<SourceInterval> sources) {
    return sources.stream().map(SourceInterval::sourceId).toList();
  }

  @Test
  void allAgree() {
    Agreement a = Marzullo.intersect(List.of(s("a", 0, 10), s("b", 2, 12), s("c", 4, 8)), 2);
    assertThat(a.region()).contains(new OffsetRange(4, 8));
    assertThat(a.count()).isEqualTo(3);
    assertThat(a.reached()).isTrue();
    assertThat(ids(a.agreed())).containsExactly("a", "b", "c");
    assertThat(a.liars()).isEmpty();
    assertThat(a.tied()).isFalse();
  }

  @Test
  void oneLiarAmongThreeIsReported() {
    Agreement a = Marzullo.intersect(
        List.of(s("a", 0, 10), s("liar", 1_000_000, 1_000_010), s("c", 5, 15)), 2);
    assertThat(a.reached()).isTrue();
    assertThat(a.region()).contains(new OffsetRange(5, 10));
    assertThat(ids(a.agreed())).containsExactly("a", "c");
    assertThat(ids(a.liars())).containsExactly("liar");
  }

  @Test
  void twoLiarsAmongFive() {
    Agreement a = Marzullo.intersect(List.of(
        s("a", 0, 10), s("x", -500, -400), s("b", 3, 9), s("y", 400, 500), s("c", 8, 20)), 3);
    assertThat(a.reached()).isTrue();
    assertThat(a.region()).contains(new OffsetRange(8, 9));
    assertThat(ids(a.liars())).containsExactly("x", "y");
  }

  @Test
  void twoDisjointPairsAmongFourHaveNoMajority() {
    Agreement a = Marzullo.intersect(
        List.of(s("a", 0, 10), s("b", 5, 15), s("c", 100, 110), s("d", 105, 120)), 3);
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.tied()).isTrue();
    assertThat(a.regionsWithCount()).isEqualTo(2);
    assertThat(a.reached()).isFalse();
    assertThat(a.quorumSpan()).isEmpty();
    // The first region is reported, for status.
    assertThat(a.region()).contains(new OffsetRange(5, 10));
  }

  @Test
  void tieReachingAQuorumBelowMajorityPicksTheFirst() {
    Agreement a = Marzullo.intersect(
        List.of(s("a", 0, 10), s("b", 5, 15), s("c", 100, 110), s("d", 105, 120)), 2);
    assertThat(a.reached()).isTrue();
    assertThat(a.region()).contains(new OffsetRange(5, 10));
    assertThat(ids(a.liars())).containsExactly("c", "d");
  }

  @Test
  void touchingEndpointsIntersect() {
    Agreement a = Marzullo.intersect(List.of(s("a", 0, 5), s("b", 5, 10)), 2);
    assertThat(a.reached()).isTrue();
    assertThat(a.region()).contains(new OffsetRange(5, 5));
    assertThat(a.count()).isEqualTo(2);
  }

  @Test
  void singleSource() {
    Agreement a = Marzullo.intersect(List.of(s("only", -3, 3)), 1);
    assertThat(a.reached()).isTrue();
    assertThat(a.region()).contains(new OffsetRange(-3, 3));
    assertThat(a.quorumSpan()).contains(new OffsetRange(-3, 3));
  }

  @Test
  void emptyInput() {
    Agreement a = Marzullo.intersect(List.of(), 1);
    assertThat(a.region()).isEmpty();
    assertThat(a.count()).isZero();
    assertThat(a.reached()).isFalse();
    assertThatThrownBy(() -> Marzullo.intersect(List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void quorumSpanKeepsTheTruthWhenAnOverlappingLiarNarrowsTheRegion() {
    // Truth is 0. The honest a and b contain it; the liar overlaps them on [5, 10] only.
    Agreement a = Marzullo.intersect(List.of(s("a", -10, 10), s("b", -10, 10), s("liar", 5, 30)), 2);
    assertThat(a.region()).contains(new OffsetRange(5, 10));
    assertThat(a.region().orElseThrow().contains(0)).isFalse();
    assertThat(a.quorumSpan()).contains(new OffsetRange(-10, 10));
  }

  @Test
  void randomProperty() {
    long seed = Seeds.seed("MarzulloTest.randomProperty", 0x5EED_0001L);
    Random random = new Random(seed);
    for (int round = 0; round < 2_000; round++) {
      int n = 1 + random.nextInt(9);
      List<SourceInterval> sources = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long low = random.nextInt(200) - 100;
        sources.add(s("s" + i, low, low + random.nextInt(60)));
      }
      int quorum = 1 + random.nextInt(n);
      Agreement a = Marzullo.intersect(sources, quorum);
      String context = "seed=" + seed + " round=" + round + " sources=" + sources;
      OffsetRange region = a.region().orElseThrow();
      for (SourceInterval agreed : a.agreed()) {
        assertThat(agreed.covers(region.lowMicros(), region.highMicros())).as(context).isTrue();
      }
      for (SourceInterval liar : a.liars()) {
        assertThat(liar.intersects(region.lowMicros(), region.highMicros())).as(context).isFalse();
      }
      assertThat(a.agreed().size() + a.liars().size()).as(context).isEqualTo(n);
      // No point is covered by more sources; the maximum is reached at some interval start.
      int maxCoverage = 0;
      long firstMaxPoint = Long.MAX_VALUE;
      for (SourceInterval candidate : sources) {
        int coverage = coverage(sources, candidate.lowMicros());
        if (coverage > maxCoverage
            || (coverage == maxCoverage && candidate.lowMicros() < firstMaxPoint)) {
          maxCoverage = coverage;
          firstMaxPoint = candidate.lowMicros();
        }
      }
      assertThat(a.count()).as(context).isEqualTo(maxCoverage);
      assertThat(region.lowMicros()).as(context).isEqualTo(firstMaxPoint);
      assertThat(a.reached()).as(context).isEqualTo(maxCoverage >= quorum);
      if (a.reached()) {
        OffsetRange span = a.quorumSpan().orElseThrow();
        assertThat(coverage(sources, span.lowMicros())).as(context).isGreaterThanOrEqualTo(quorum);
        assertThat(coverage(sources, span.highMicros())).as(context).isGreaterThanOrEqualTo(quorum);
        for (long p = -110; p <= 170; p++) {
          if (coverage(sources, p) >= quorum) {
            assertThat(span.contains(p)).as(context + " point " + p).isTrue();
          }
        }
      }
    }
  }

  private static int coverage(List<SourceInterval> sources, long point) {
    int count = 0;
    for (SourceInterval source : sources) {
      if (source.lowMicros() <= point && point <= source.highMicros()) {
        count++;
      }
    }
    return count;
  }
}

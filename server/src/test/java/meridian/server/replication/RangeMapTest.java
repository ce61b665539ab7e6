package meridian.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeMapTest {
  @Test
  void groupsCoverTheKeySpaceInOrder() {
    RangeMap ranges = RangeMap.initial(4, g -> java.util.List.of("n1"));
    assertThat(ranges.groupOf(new byte[0])).isEqualTo(1);
    assertThat(ranges.groupOf(new byte[] {0x3f})).isEqualTo(1);
    assertThat(ranges.groupOf(new byte[] {0x40})).isEqualTo(2);
    assertThat(ranges.groupOf(new byte[] {(byte) 0xff, 0x00})).isEqualTo(4);
    for (long g = 1; g <= 4; g++) {
      assertThat(ranges.groupOf(ranges.startKey(g))).isEqualTo(g);
    }
    assertThat(ranges.endKey(4)).isNull();
    assertThat(ranges.endKey(1)).isEqualTo(ranges.startKey(2));
  }

  @Test
  void overlappingGroupsOfARange() {
    RangeMap ranges = RangeMap.initial(4, g -> java.util.List.of("n1"));
    assertThat(ranges.groupsOverlapping(new byte[0], null)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(ranges.groupsOverlapping(new byte[] {0x10}, new byte[] {0x41})).containsExactly(1L, 2L);
    assertThat(ranges.groupsOverlapping(new byte[] {0x10}, new byte[] {0x40})).containsExactly(1L);
    assertThat(ranges.groupsOverlapping(new byte[] {(byte) 0x90}, null)).containsExactly(3L, 4L);
  }

  @Test
  void oneGroupHoldsEverythingAndBoundsAreChecked() {
    assertThat(RangeMap.initial(1, g -> java.util.List.of("n1")).groupsOverlapping(new byte[] {0x7f}, null)).containsExactly(1L);
    assertThatThrownBy(() -> RangeMap.initial(0, g -> java.util.List.of("n1"))).hasMessageContaining("--ranges must be between 1 and 256");
    assertThat(RangeMap.initial(256, g -> java.util.List.of("n1")).groupOf(new byte[] {(byte) 0xff})).isEqualTo(256);
  }

  @Test
  void aSplitCutsOneRangeAndKeepsTheRest() {
    RangeMap start = RangeMap.initial(2, g -> java.util.List.of("n1", "n2", "n3"));
    RangeMap split = start.withSplit(new byte[] {0x20}, 7, java.util.List.of("n1", "n2", "n3"));
    assertThat(split.groupIds()).containsExactly(1L, 7L, 2L);
    assertThat(split.groupOf(new byte[] {0x1f, (byte) 0xff})).isEqualTo(1);
    assertThat(split.groupOf(new byte[] {0x20})).isEqualTo(7);
    assertThat(split.groupOf(new byte[] {0x7f})).isEqualTo(7);
    assertThat(split.groupOf(new byte[] {(byte) 0x80})).isEqualTo(2);
    assertThat(split.endKey(1)).containsExactly(0x20);
    assertThat(split.endKey(7)).containsExactly(0x80);
    assertThat(split.groupsOverlapping(new byte[] {0x10}, new byte[] {0x21})).containsExactly(1L, 7L);
    assertThat(split.largestGroupId()).isEqualTo(7);
    assertThat(split.withSplit(new byte[] {0x20}, 8, java.util.List.of("n1"))).isSameAs(split);
    assertThatThrownBy(() -> split.withSplit(new byte[] {0x30}, 2, java.util.List.of("n1"))).hasMessageContaining("already holds");
    assertThat(start.groupIds()).containsExactly(1L, 2L);
  }

  @Test
  void rangesRoundTripThroughTheirDescriptors() {
    RangeMap map = RangeMap.initial(3, g -> java.util.List.of("n" + g));
    for (RangeMap.Range r : map.ranges()) {
      RangeMap.Range back = RangeMap.Range.fromProto(r.toProto());
      assertThat(back.start()).isEqualTo(r.start());
      assertThat(back.end()).isEqualTo(r.end());
      assertThat(back.groupId()).isEqualTo(r.groupId());
      assertThat(back.replicas()).isEqualTo(r.replicas());
    }
  }
}

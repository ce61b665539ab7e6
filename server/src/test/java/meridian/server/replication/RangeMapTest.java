package meridian.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RangeMapTest {
  @Test
  void groupsCoverTheKeySpaceInOrder() {
    RangeMap ranges = new RangeMap(4);
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
    RangeMap ranges = new RangeMap(4);
    assertThat(ranges.groupsOverlapping(new byte[0], null)).containsExactly(1L, 2L, 3L, 4L);
    assertThat(ranges.groupsOverlapping(new byte[] {0x10}, new byte[] {0x41})).containsExactly(1L, 2L);
    assertThat(ranges.groupsOverlapping(new byte[] {0x10}, new byte[] {0x40})).containsExactly(1L);
    assertThat(ranges.groupsOverlapping(new byte[] {(byte) 0x90}, null)).containsExactly(3L, 4L);
  }

  @Test
  void oneGroupHoldsEverythingAndBoundsAreChecked() {
    assertThat(new RangeMap(1).groupsOverlapping(new byte[] {0x7f}, null)).containsExactly(1L);
    assertThatThrownBy(() -> new RangeMap(0)).hasMessageContaining("between 1 and 256");
    assertThat(new RangeMap(256).groupOf(new byte[] {(byte) 0xff})).isEqualTo(256);
  }
}

package meridian.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import meridian.testcontainers.ClusterLayout.Link;
import org.junit.jupiter.api.Test;

class ClusterLayoutTest {
  @Test
  void threeNodesGetACluster26AndThreeLinks() {
    ClusterLayout layout = ClusterLayout.inBlock("172.18.0.0/16", 3);

    assertThat(layout.clusterSubnet()).isEqualTo("172.18.0.0/26");
    assertThat(layout.clusterGateway()).isEqualTo("172.18.0.1");
    assertThat(layout.links()).containsExactly(new Link(1, 2), new Link(1, 3), new Link(2, 3));
    assertThat(layout.linkSubnet(new Link(1, 2))).isEqualTo("172.18.0.64/29");
    assertThat(layout.linkGateway(new Link(1, 2))).isEqualTo("172.18.0.65");
    assertThat(layout.linkAddress(new Link(1, 2), 1)).isEqualTo("172.18.0.66");
    assertThat(layout.linkAddress(new Link(1, 2), 2)).isEqualTo("172.18.0.67");
    assertThat(layout.linkSubnet(new Link(2, 3))).isEqualTo("172.18.0.80/29");
    assertThat(layout.linkAddress(new Link(2, 3), 3)).isEqualTo("172.18.0.83");
  }

  @Test
  void fiveNodesFitInOne24WithoutOverlaps() {
    ClusterLayout layout = ClusterLayout.inBlock("10.7.3.0/24", 5);

    List<Link> links = layout.links();
    assertThat(links).hasSize(10);
    Set<String> subnets = new HashSet<>();
    for (Link link : links) {
      subnets.add(layout.linkSubnet(link));
      long linkBase = ClusterLayout.parse(layout.linkSubnet(link).replace("/29", ""));
      assertThat(linkBase % 8).as("a /29 starts at a multiple of 8").isZero();
      assertThat(linkBase).isBetween(ClusterLayout.parse("10.7.3.64"), ClusterLayout.parse("10.7.3.248"));
    }
    assertThat(subnets).hasSize(10);
    assertThat(layout.linkSubnet(links.get(9))).isEqualTo("10.7.3.136/29");
  }

  @Test
  void aBlockIsCutDownToItsFirst24() {
    assertThat(ClusterLayout.inBlock("192.168.16.0/20", 2).clusterSubnet()).isEqualTo("192.168.16.0/26");
    assertThat(ClusterLayout.inBlock("172.20.5.9/16", 2).clusterSubnet()).isEqualTo("172.20.0.0/26");
  }

  @Test
  void narrowOrForeignBlocksAreRefused() {
    assertThatThrownBy(() -> ClusterLayout.inBlock("172.18.0.0/25", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("narrower than the /24");
    assertThatThrownBy(() -> ClusterLayout.inBlock("fd00::/64", 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusterLayout.inBlock("172.18.0.0/16", 6)).hasMessageContaining("nodes must be 1-5");
  }

  @Test
  void aLinkKnowsItsEnds() {
    Link link = Link.between(3, 1);
    assertThat(link).isEqualTo(new Link(1, 3));
    assertThat(link.other(1)).isEqualTo(3);
    assertThat(link.touches(2)).isFalse();
    assertThatThrownBy(() -> Link.between(2, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusterLayout.inBlock("172.18.0.0/16", 3).linkAddress(link, 2))
        .hasMessageContaining("n2 is not on link n1-n3");
  }
}

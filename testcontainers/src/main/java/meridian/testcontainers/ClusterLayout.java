package meridian.testcontainers;

import java.util.ArrayList;
import java.util.List;

/**
 * The address plan of one cluster, carved from one IPv4 block that Docker handed out: the cluster
 * network in the block's first 64 addresses, then one /29 link network per pair of nodes. A pure
 * value: no Docker here, so the arithmetic is unit-tested on its own.
 *
 * <pre>
 *   base + 0   .. base + 63    cluster network (/26; gateway base + 1; Docker picks node addresses)
 *   base + 64  .. base + 71    link n1-n2 (/29; gateway +1, n1 at +2, n2 at +3)
 *   base + 72  .. base + 79    link n1-n3
 *   ...                        10 links at most (5 nodes): the plan ends below base + 144
 * </pre>
 *
 * @param baseAddress the block's first address as an unsigned 32-bit value; a multiple of 256
 * @param nodes the node count, {@link MeridianCluster#NODES_MIN} to {@link MeridianCluster#NODES_MAX}
 */
record ClusterLayout(long baseAddress, int nodes) {
  static final int CLUSTER_PREFIX = 26;
  static final int LINK_PREFIX = 29;
  private static final int LINKS_OFFSET = 64;
  private static final int LINK_SIZE = 8;
  /** The widest prefix a block from Docker may have: the plan needs 144 addresses. */
  static final int BLOCK_PREFIX_MAX = 24;

  ClusterLayout {
    if (nodes < MeridianCluster.NODES_MIN || nodes > MeridianCluster.NODES_MAX) {
      throw new IllegalArgumentException("nodes must be " + MeridianCluster.NODES_MIN + "-" + MeridianCluster.NODES_MAX + ", not " + nodes);
    }
    if (baseAddress < 0 || baseAddress > 0xFFFF_FF00L || baseAddress % 256 != 0) {
      throw new IllegalArgumentException("the base address must start a /24: " + format(baseAddress));
    }
  }

  /**
   * The plan inside {@code block} ({@code a.b.c.d/prefix}, as Docker reports a network's subnet):
   * its first /24.
   *
   * @throws IllegalArgumentException when the block is not IPv4 or is narrower than a /24
   */
  static ClusterLayout inBlock(String block, int nodes) {
    int slash = block.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + block + "' is not an address block (a.b.c.d/prefix)");
    }
    int prefix = Integer.parseInt(block.substring(slash + 1));
    if (prefix > BLOCK_PREFIX_MAX) {
      throw new IllegalArgumentException(
          "Docker handed out " + block + ", narrower than the /" + BLOCK_PREFIX_MAX + " a cluster's networks need"
              + " (see the daemon's default-address-pools)");
    }
    long address = parse(block.substring(0, slash));
    long mask = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    return new ClusterLayout(address & mask, nodes);
  }

  String clusterSubnet() {
    return format(baseAddress) + "/" + CLUSTER_PREFIX;
  }

  String clusterGateway() {
    return format(baseAddress + 1);
  }

  /** Every link of the cluster: the pairs (a, b) with 1 <= a < b <= nodes, in a fixed order. */
  List<Link> links() {
    List<Link> links = new ArrayList<>();
    for (int a = 1; a <= nodes; a++) {
      for (int b = a + 1; b <= nodes; b++) {
        links.add(new Link(a, b));
      }
    }
    return links;
  }

  String linkSubnet(Link link) {
    return format(linkBase(link)) + "/" + LINK_PREFIX;
  }

  String linkGateway(Link link) {
    return format(linkBase(link) + 1);
  }

  /** The address {@code node} has on {@code link}: the one its peer dials. */
  String linkAddress(Link link, int node) {
    if (node == link.lower()) {
      return format(linkBase(link) + 2);
    }
    if (node == link.higher()) {
      return format(linkBase(link) + 3);
    }
    throw new IllegalArgumentException("n" + node + " is not on " + link);
  }

  private long linkBase(Link link) {
    checkNode(link.higher());
    return baseAddress + LINKS_OFFSET + (long) LINK_SIZE * links().indexOf(link);
  }

  private void checkNode(int node) {
    if (node < 1 || node > nodes) {
      throw new IllegalArgumentException("no node " + node + " in a cluster of " + nodes);
    }
  }

  static long parse(String dotted) {
    String[] parts = dotted.split("\\.");
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
    }
    long value = 0;
    for (String part : parts) {
      int octet = Integer.parseInt(part);
      if (octet < 0 || octet > 255) {
        throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
      }
      value = value << 8 | octet;
    }
    return value;
  }

  static String format(long address) {
    return (address >> 24 & 0xFF) + "." + (address >> 16 & 0xFF) + "." + (address >> 8 & 0xFF) + "." + (address & 0xFF);
  }

  /**
   * The link between two nodes (numbered from 1), lower first: one two-member network, so that
   * disconnecting one end cuts exactly this link.
   */
  record Link(int lower, int higher) {
    Link {
      if (lower < 1 || lower >= higher) {
        throw new IllegalArgumentException("a link joins two different nodes numbered from 1, not " + lower + " and " + higher);
      }
    }

    static Link between(int a, int b) {
      return new Link(Math.min(a, b), Math.max(a, b));
    }

    boolean touches(int node) {
      return lower == node || higher == node;
    }

    int other(int node) {
      return node == lower ? higher : lower;
    }

    @Override
    public String toString() {
      return "link n" + lower + "-n" + higher;
    }
  }
}

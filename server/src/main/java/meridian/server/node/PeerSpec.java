package meridian.server.node;

import java.util.ArrayList;
import java.util.List;
import meridian.client.NodeAddress;

/** Another node of the cluster: {@code id@host:port}. */
public record PeerSpec(String id, NodeAddress address) {

  /** Parses a comma-separated list of {@code id@host:port}; messages are fit for a user. */
  public static List<PeerSpec> parseList(String text) {
    List<PeerSpec> peers = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return peers;
    }
    for (String part : text.split(",")) {
      String item = part.trim();
      int at = item.indexOf('@');
      if (at <= 0) {
        throw new IllegalArgumentException("peer '" + item + "' is not id@host:port");
      }
      String id = item.substring(0, at);
      NodeConfig.checkId(id);
      peers.add(new PeerSpec(id, NodeAddress.parse(item.substring(at + 1))));
    }
    return List.copyOf(peers);
  }

  @Override
  public String toString() {
    return id + "@" + address;
  }
}

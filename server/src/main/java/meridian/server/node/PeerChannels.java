package meridian.server.node;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import meridian.client.NodeAddress;

/**
 * Channels from this node to its peers. When the node listens on one specific IP address, its
 * connections to peers leave from that address too, so that a peer (and a firewall rule) sees
 * which node is talking: several nodes on one host, each on its own loopback address, can then be
 * cut apart link by link. A node listening on a wildcard address or a host name leaves the choice
 * to the operating system.
 */
public final class PeerChannels {
  private PeerChannels() {}

  /** A plaintext channel builder to {@code peer}, leaving from {@code listenHost} when it is an IP. */
  public static NettyChannelBuilder to(NodeAddress peer, String listenHost) {
    NettyChannelBuilder builder = NettyChannelBuilder.forAddress(peer.host(), peer.port()).usePlaintext();
    InetAddress local = sourceAddress(listenHost);
    if (local != null) {
      builder.localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
        @Override
        public SocketAddress createSocketAddress(SocketAddress remoteAddress, io.grpc.Attributes attrs) {
          return new InetSocketAddress(local, 0);
        }
      });
    }
    return builder;
  }

  /** The address to bind outgoing connections to, or null to let the system pick. */
  static InetAddress sourceAddress(String listenHost) {
    if (listenHost == null || !listenHost.matches("[0-9.]+")) {
      return null; // a host name or an IPv6 literal: not ours to pin
    }
    try {
      InetAddress address = InetAddress.getByName(listenHost);
      return address.isAnyLocalAddress() ? null : address;
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }
}

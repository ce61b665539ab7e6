package meridian.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeAddressTest {
  @Test
  void parsesHostAndPort() {
    assertThat(NodeAddress.parse("127.0.0.1:7701")).isEqualTo(new NodeAddress("127.0.0.1", 7701));
    assertThat(NodeAddress.parse(" node-1.example:80 ")).isEqualTo(new NodeAddress("node-1.example", 80));
    assertThat(NodeAddress.parse("[::1]:7701")).isEqualTo(new NodeAddress("::1", 7701));
    assertThat(new NodeAddress("::1", 7701)).hasToString("[::1]:7701");
  }

  @Test
  void rejectsMalformedAddressesWithAReadableMessage() {
    assertThatThrownBy(() -> NodeAddress.parse("localhost")).hasMessage("'localhost' is not host:port");
    assertThatThrownBy(() -> NodeAddress.parse(":7701")).hasMessageContaining("is not host:port");
    assertThatThrownBy(() -> NodeAddress.parse("h:")).hasMessageContaining("is not host:port");
    assertThatThrownBy(() -> NodeAddress.parse("h:port")).hasMessage("'h:port' has no numeric port");
    assertThatThrownBy(() -> NodeAddress.parse("h:70000")).hasMessageContaining("outside 1..65535");
  }
}

package meridian.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import meridian.client.NodeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsThroughTheDirectory() {
    ClusterFile file =
        new ClusterFile(
            List.of(
                new ClusterFile.Entry(
                    "n1", "zone-1", new NodeAddress("127.0.0.1", 7701), 7801, true, 1234, dir.resolve("n1/data"),
                    dir.resolve("n1/node.log"), List.of("--id", "n1", "--peers", "n2@127.0.0.1:7702")),
                new ClusterFile.Entry(
                    "n2", "zone-2", new NodeAddress("127.0.0.1", 7702), 7802, false, 0, dir.resolve("n2/data"),
                    dir.resolve("n2/node.log"), List.of())),
            List.of("-Xmx512m"));
    file.write(dir);
    assertThat(ClusterFile.exists(dir)).isTrue();
    assertThat(ClusterFile.read(dir)).isEqualTo(file);
    assertThat(file.nodes().getFirst().withoutPid().pid()).isZero();
  }

  @Test
  void aRelativeDirectoryReadsAndWritesTheSameFile() {
    Path relative = Path.of("").toAbsolutePath().relativize(dir);
    ClusterFile file =
        new ClusterFile(
            List.of(
                new ClusterFile.Entry(
                    "n1", "zone-1", new NodeAddress("127.0.0.1", 7701), 7801, true, 1, dir.resolve("n1/data"),
                    dir.resolve("n1/node.log"), List.of("--id", "n1"))),
            List.of());
    file.write(relative);
    ClusterFile read = ClusterFile.read(relative);
    read.write(relative);
    assertThat(ClusterFile.read(dir)).isEqualTo(file);
  }

  @Test
  void aDamagedFileIsReportedNotGuessed() throws Exception {
    Files.writeString(ClusterFile.path(dir), "nodes=n1\nnode.n1.address=nonsense\n");
    assertThatThrownBy(() -> ClusterFile.read(dir)).hasMessageContaining("is damaged");
    Files.writeString(ClusterFile.path(dir), "nodes=\n");
    assertThatThrownBy(() -> ClusterFile.read(dir)).hasMessageContaining("lists no nodes");
  }
}

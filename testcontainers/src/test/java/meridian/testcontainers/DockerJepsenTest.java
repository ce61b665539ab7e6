package meridian.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import meridian.server.jepsen.JepsenRun;
import org.junit.jupiter.api.Test;

/**
 * The Jepsen-style suite's Docker backend: a register run over JDBC against three containers
 * while links are cut and a container is killed and started again. Any anomaly fails the build;
 * the run stays in {@code target/jepsen-docker} to be read.
 */
class DockerJepsenTest {

  @Test
  void registersStayLinearizableWhileContainersArePartitionedAndKilled() throws Exception {
    NodeImage.ensurePresent();
    Path out = Path.of("target", "jepsen-docker").toAbsolutePath();
    if (Files.exists(out)) {
      try (var paths = Files.walk(out)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    JepsenRun.Options options = new JepsenRun.Options("register", "partition,kill", Duration.ofSeconds(20), 6, 3, out, 0,
        Duration.ofSeconds(3), Duration.ofSeconds(5), 42, List.of());
    PrintWriter console = new PrintWriter(System.out, true);
    JepsenRun.Result result = JepsenRun.run(options, (dir, log) -> DockerClusterUnderTest.start(options.nodes()), console);

    assertThat(result.valid()).as("%s (see %s)", result.firstAnomaly(), out.resolve("results.json")).isEqualTo("true");
    assertThat(result.ok()).as("operations that succeeded").isGreaterThanOrEqualTo(10);
    assertThat(Files.readString(out.resolve("history.jsonl"))).contains("start-partition", "start-kill");
    assertThat(out.resolve("logs").resolve("n1.log")).isNotEmptyFile();
  }
}

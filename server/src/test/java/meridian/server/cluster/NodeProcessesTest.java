package meridian.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeProcessesTest {
  @Test
  void argumentsOfACommandLineLongerThanTheJdkReadsAreFound() throws Exception {
    String longArgument = "x".repeat(5000);
    Process process = new ProcessBuilder("/bin/sh", "-c", "sleep 30", "sh", longArgument).start();
    try {
      List<String> args = NodeProcesses.arguments(process.toHandle()).orElseThrow();
      assertThat(args).contains("sleep 30", longArgument);
    } finally {
      process.destroyForcibly();
      NodeProcesses.awaitExit(process.toHandle(), Duration.ofSeconds(10));
    }
  }
}

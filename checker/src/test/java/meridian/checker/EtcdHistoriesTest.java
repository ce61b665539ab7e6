package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The checker agrees with the known verdict of each of the 102 Jepsen etcd 0.4.1 histories. The
 * directory is {@code -Dmeridian.testdata=DIR}, by default {@code ../shared/testdata} from the
 * repository root; when it is missing the test fails (a skipped proof proves nothing).
 */
class EtcdHistoriesTest {

  static final int HISTORIES = 102;

  static Path testdata() {
    String explicit = System.getProperty("meridian.testdata");
    if (explicit != null) {
      return Path.of(explicit);
    }
    String repo = System.getProperty("meridian.repo");
    Path root = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent();
    return root.resolve("../shared/testdata").normalize();
  }

  @Test
  void everyVerdictMatchesExpected() throws Exception {
    Path dir = testdata().resolve("jepsen-etcd-0.4.1");
    assertThat(dir).as("test data (set -Dmeridian.testdata)").isDirectory();
    Map<Integer, Boolean> expected = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("expected.txt"))) {
      if (!line.isBlank()) {
        String[] parts = line.trim().split("\\s+");
        expected.put(Integer.parseInt(parts[0]), Boolean.parseBoolean(parts[1]));
      }
    }
    assertThat(expected).hasSize(HISTORIES);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.toString().endsWith(".jsonl")).count())
          .as("history files").isEqualTo(HISTORIES);
    }

    LinearizabilityChecker checker =
        new LinearizabilityChecker(CheckerConfig.defaults(), System::nanoTime);
    List<String> mismatches = new ArrayList<>();
    long statesMax = 0;
    String statesMaxFile = "";
    long slowestNanos = 0;
    String slowestFile = "";
    long started = System.nanoTime();
    for (var entry : expected.entrySet()) {
      String name = String.format("etcd_%03d.jsonl", entry.getKey());
      long fileStarted = System.nanoTime();
      Verdict verdict = checker.check(RegisterModel.INSTANCE, HistoryParser.parse(dir.resolve(name)));
      long fileNanos = System.nanoTime() - fileStarted;
      Validity want = entry.getValue() ? Validity.VALID : Validity.INVALID;
      if (verdict.valid() != want) {
        mismatches.add(name + ": expected " + want + ", got " + verdict.valid());
      }
      if (want == Validity.INVALID) {
        assertThat(verdict.anomalies()).as(name).singleElement()
            .extracting(Anomaly::key).isEqualTo(Value.of("r"));
      }
      long states = verdict.keys().stream().mapToLong(Verdict.KeyVerdict::states).sum();
      if (states > statesMax) {
        statesMax = states;
        statesMaxFile = name;
      }
      if (fileNanos > slowestNanos) {
        slowestNanos = fileNanos;
        slowestFile = name;
      }
    }
    long totalMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("checked %d etcd histories in %d ms (slowest %s, %d ms; most search states"
        + " %s, %d)%n", expected.size(), totalMillis, slowestFile, slowestNanos / 1_000_000,
        statesMaxFile, statesMax);
    assertThat(mismatches).isEmpty();
  }
}

package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MonotonicCheckerTest {

  private static final int SEEDS = 40;

  private static List<ObjectNode> generate(long seed) {
    Random random = new Random(seed);
    return SimulatedClients.run(seed, new SimulatedClients.Shape(2 + random.nextInt(6),
        100 + random.nextInt(300), random.nextInt(6)), new MonotonicWorkload(1 + random.nextInt(3)));
  }

  private static CheckResult check(List<ObjectNode> lines) throws MalformedHistoryException {
    return MonotonicChecker.check(SimulatedClients.parse(lines));
  }

  private static CheckResult check(String history) throws MalformedHistoryException {
    return MonotonicChecker.check(HistoryParser.parse(history));
  }

  private static boolean is(ObjectNode line, String f, String type) {
    return line.get("f").asText().equals(f) && line.get("type").asText().equals(type);
  }

  private static String processKey(ObjectNode line) {
    return line.get("process") + "/" + line.get("key");
  }

  @Test
  void linearizableCountersPass() throws Exception {
    long staleReads = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      CheckResult result = check(generate(seed));
      assertThat(result.valid()).as("seed %d: %s", seed, CheckResultJson.render(result))
          .isEqualTo(Validity.VALID);
      staleReads += result.counts().get("staleReadsOk");
    }
    assertThat(staleReads).isGreaterThan(1000);
  }

  @Test
  void aStaleReadBelowAnEarlierOneOfItsProcessWentBack() throws Exception {
    int injected = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      Map<String, Long> lastStale = new HashMap<>();
      for (ObjectNode line : lines) {
        if (is(line, "stale-read", "ok")) {
          Long before = lastStale.put(processKey(line), line.get("value").asLong());
          if (before != null && before >= 1) {
            line.put("value", before - 1);
            injected++;
            assertThat(check(lines).anomalies()).as("seed %d", seed)
                .extracting(Finding::type).containsExactly("stale-read-went-back");
            break;
          }
        }
      }
    }
    assertThat(injected).isGreaterThan(SEEDS / 2);
  }

  @Test
  void twoIncsReturningOneValueLostAnUpdate() throws Exception {
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      Map<String, Long> lastInc = new HashMap<>();
      for (ObjectNode line : lines) {
        if (is(line, "inc", "ok")) {
          Long before = lastInc.put(line.get("key").toString(), line.get("value").asLong());
          if (before != null) {
            line.put("value", before);
            break;
          }
        }
      }
      assertThat(check(lines).anomalies()).as("seed %d", seed)
          .extracting(Finding::type).contains("duplicate-inc-value");
    }
  }

  @Test
  void aStrongReadOlderThanACompletedIncViolatesRealTime() throws Exception {
    int injected = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      if (injectRealTimeViolation(lines)) {
        injected++;
        CheckResult result = check(lines);
        assertThat(result.anomalies()).as("seed %d", seed).extracting(Finding::type)
            .containsExactly("real-time-violation");
        assertThat(result.anomalies().get(0).operations()).hasSize(2)
            .extracting(op -> op.f()).containsExactly("inc", "read");
      }
    }
    assertThat(injected).isGreaterThan(SEEDS / 2);
  }

  /**
   * Lowers the first ok read it can below an inc of its key that completed (in another process)
   * before the read was invoked, but not below what the reader itself saw before.
   */
  private static boolean injectRealTimeViolation(List<ObjectNode> lines) {
    Map<String, Long> incCompleted = new HashMap<>();
    Map<String, Long> ownMax = new HashMap<>();
    Map<String, Long> boundAtInvoke = new HashMap<>();
    for (ObjectNode line : lines) {
      String key = line.get("key").toString();
      String process = line.get("process").toString();
      if (is(line, "read", "invoke")) {
        boundAtInvoke.put(process, incCompleted.getOrDefault(key, 0L));
      }
      if (!line.get("type").asText().equals("ok")) {
        continue;
      }
      long value = line.get("value").asLong();
      if (line.get("f").asText().equals("read")) {
        long bound = boundAtInvoke.get(process);
        if (bound >= 1 && ownMax.getOrDefault(processKey(line), 0L) <= bound - 1) {
          line.put("value", bound - 1);
          return true;
        }
      }
      ownMax.merge(processKey(line), value, Math::max);
      if (line.get("f").asText().equals("inc")) {
        incCompleted.merge(key, value, Math::max);
      }
    }
    return false;
  }

  @Test
  void withinAProcessStrongObservationsNeverGoBack() throws Exception {
    CheckResult result = check("""
        {"process": 0, "type": "invoke", "f": "stale-read", "key": 1, "value": null}
        {"process": 0, "type": "ok", "f": "stale-read", "key": 1, "value": 3}
        {"process": 0, "type": "invoke", "f": "inc", "key": 1, "value": null}
        {"process": 0, "type": "ok", "f": "inc", "key": 1, "value": 3}
        {"process": 0, "type": "invoke", "f": "read", "key": 1, "value": null}
        {"process": 0, "type": "ok", "f": "read", "key": 1, "value": null}
        {"process": 0, "type": "invoke", "f": "stale-read", "key": 1, "value": null}
        {"process": 0, "type": "ok", "f": "stale-read", "key": 1, "value": 2}
        {"process": 0, "type": "invoke", "f": "read", "key": 2, "value": null}
        {"process": 0, "type": "ok", "f": "read", "key": 2, "value": null}
        """);
    assertThat(result.anomalies()).extracting(Finding::type).containsExactly(
        "non-monotonic", "non-monotonic", "stale-read-went-back");
    assertThat(result.anomalies().get(0).message())
        .contains("inc key 1 observed 3 after the same process's op 0");
    assertThat(result.anomalies().get(1).message()).contains("observed 0");
  }

  @Test
  void withoutAnOkOperationNothingIsKnown() throws Exception {
    CheckResult result = check("""
        {"process": 0, "type": "invoke", "f": "inc", "key": 1, "value": null}
        {"process": 0, "type": "fail", "f": "inc", "key": 1, "value": null}
        """);
    assertThat(result.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(result.counts()).containsEntry("incsFail", 1L).containsEntry("readsOk", 0L);
  }

  @Test
  void staleReadsMayBeOlderThanStrongOnesAndInfoIncsConstrainNothing() throws Exception {
    List<String> lines = new ArrayList<>(List.of(
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"inc\", \"key\": 1, \"value\": null}",
        "{\"process\": 0, \"type\": \"ok\", \"f\": \"inc\", \"key\": 1, \"value\": 1}",
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"inc\", \"key\": 1, \"value\": null}",
        "{\"process\": 0, \"type\": \"info\", \"f\": \"inc\", \"key\": 1, \"value\": null}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"stale-read\", \"key\": 1, \"value\": null}",
        "{\"process\": 1, \"type\": \"ok\", \"f\": \"stale-read\", \"key\": 1, \"value\": null}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"read\", \"key\": 1, \"value\": null}",
        "{\"process\": 1, \"type\": \"ok\", \"f\": \"read\", \"key\": 1, \"value\": 1}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"stale-read\", \"key\": 1, \"value\": null}",
        "{\"process\": 1, \"type\": \"ok\", \"f\": \"stale-read\", \"key\": 1, \"value\": 0}"));
    assertThat(check(String.join("\n", lines)).valid()).isEqualTo(Validity.VALID);
  }
}

package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckResultJsonTest {

  private static final History HISTORY = parse("""
      {"process": 0, "type": "invoke", "f": "write", "key": "r", "value": 1, "time": 10}
      {"process": 0, "type": "ok", "f": "write", "key": "r", "value": 1, "time": 20}
      {"process": 1, "type": "invoke", "f": "read", "value": null, "time": 30}
      {"process": 1, "type": "ok", "f": "read", "value": 2, "time": 40}
      {"process": 2, "type": "invoke", "f": "write", "value": 3, "time": 50}
      """);

  private static History parse(String text) {
    try {
      return HistoryParser.parse(text);
    } catch (MalformedHistoryException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode json(CheckResult result) throws Exception {
    return new ObjectMapper().readTree(CheckResultJson.render(result));
  }

  @Test
  void operationsCarryWhereAndWhenTheyHappened() throws Exception {
    List<Operation> ops = HISTORY.operations();
    CheckResult result = CheckResult.of("set", List.of(new Finding("lost", "gone", ops)),
        Map.of("readsOk", 1L), Optional.empty());
    JsonNode root = json(result);
    assertThat(root.get("valid").asBoolean()).isFalse();
    assertThat(root.get("model").asText()).isEqualTo("set");
    assertThat(root.at("/anomalyTypes/lost").asInt()).isEqualTo(1);
    assertThat(root.get("truncated").asInt()).isZero();
    assertThat(root.at("/counts/readsOk").asLong()).isEqualTo(1);
    JsonNode finding = root.at("/anomalies/0");
    assertThat(finding.get("message").asText()).isEqualTo("gone");
    assertThat(finding.has("edges")).isFalse();
    assertThat(finding.get("operations").get(0).toString()).isEqualTo("{\"index\":0,"
        + "\"process\":0,\"f\":\"write\",\"key\":\"r\",\"value\":1,\"type\":\"ok\","
        + "\"invokeTime\":10,\"invokeLine\":1,\"completeTime\":20,\"completeLine\":2}");
    assertThat(finding.at("/operations/1/key").isNull()).isTrue();
    assertThat(finding.at("/operations/1/value").asInt()).as("a read's result").isEqualTo(2);
    JsonNode unterminated = finding.at("/operations/2");
    assertThat(unterminated.get("type").asText()).isEqualTo("info");
    assertThat(unterminated.get("completeTime").isNull()).isTrue();
    assertThat(unterminated.get("completeLine").isNull()).isTrue();
  }

  @Test
  void longReportsAreCutAndSayHowMuchWasLeftOut() throws Exception {
    Operation op = HISTORY.operations().get(0);
    List<Finding> findings = new ArrayList<>();
    List<Operation> many = Collections.nCopies(CheckResultJson.OPERATIONS_MAX + 7, op);
    findings.add(new Finding("G2", "long cycle", many,
        Collections.nCopies(many.size(), "rw")));
    for (int i = 0; i < CheckResultJson.ANOMALIES_MAX + 4; i++) {
      findings.add(new Finding(i % 2 == 0 ? "G1a" : "G1b", "finding " + i, List.of(op)));
    }
    JsonNode root = json(CheckResult.of("list-append", findings, Map.of(), Optional.empty()));
    assertThat(root.get("anomalies")).hasSize(CheckResultJson.ANOMALIES_MAX);
    assertThat(root.get("truncated").asInt()).isEqualTo(5);
    assertThat(root.get("anomalyTypes").toString()).isEqualTo("{\"G1a\":12,\"G1b\":12,\"G2\":1}");
    JsonNode cycle = root.at("/anomalies/0");
    assertThat(cycle.get("operations")).hasSize(CheckResultJson.OPERATIONS_MAX);
    assertThat(cycle.get("edges")).hasSize(CheckResultJson.OPERATIONS_MAX);
    assertThat(cycle.get("truncated").asInt()).isEqualTo(7);
  }

  @Test
  void unknownSaysWhy() throws Exception {
    JsonNode root = json(CheckResult.of("bank", List.of(), Map.of(), Optional.of("no reads")));
    assertThat(root.get("valid").asText()).isEqualTo("unknown");
    assertThat(root.get("unknownReason").asText()).isEqualTo("no reads");
    JsonNode valid = json(CheckResult.of("bank", List.of(), Map.of(), Optional.empty()));
    assertThat(valid.get("valid").asBoolean()).isTrue();
    assertThat(valid.has("unknownReason")).isFalse();
  }

  @Test
  void aRegisterVerdictBecomesOneFindingPerInvalidKey() throws Exception {
    Verdict verdict = new LinearizabilityChecker(CheckerConfig.defaults(), System::nanoTime)
        .check(RegisterModel.INSTANCE, parse("""
            {"process": 0, "type": "invoke", "f": "write", "value": 1}
            {"process": 0, "type": "ok", "f": "write", "value": 1}
            {"process": 0, "type": "invoke", "f": "write", "value": 2}
            {"process": 0, "type": "ok", "f": "write", "value": 2}
            {"process": 1, "type": "invoke", "f": "read", "value": null}
            {"process": 1, "type": "ok", "f": "read", "value": 1}
            """));
    CheckResult result = verdict.toCheckResult();
    assertThat(result.model()).isEqualTo("register");
    assertThat(result.valid()).isEqualTo(Validity.INVALID);
    Finding finding = result.anomalies().get(0);
    assertThat(finding.type()).isEqualTo("not-linearizable");
    assertThat(finding.operations()).extracting(Operation::index).containsExactly(2, 0, 1);
    assertThat(finding.message()).isEqualTo(((Anomaly.NotLinearizable) verdict.anomalies().get(0))
        .summary() + "; op 2: read 1 but the register holds 2");
    assertThat(result.counts()).containsEntry("operations", 3L).containsEntry("keys", 1L);

    Verdict unknown = new LinearizabilityChecker(
        new CheckerConfig(1, Duration.ofSeconds(10), 1), System::nanoTime)
        .check(RegisterModel.INSTANCE, parse("""
            {"process": 0, "type": "invoke", "f": "write", "key": "r", "value": 1}
            {"process": 0, "type": "ok", "f": "write", "key": "r", "value": 1}
            {"process": 1, "type": "invoke", "f": "read", "key": "r", "value": null}
            {"process": 1, "type": "ok", "f": "read", "key": "r", "value": 1}
            """));
    assertThat(unknown.toCheckResult().valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(unknown.toCheckResult().unknownReason())
        .hasValueSatisfying(r -> assertThat(r).startsWith("key \"r\": search-state budget"));
  }
}

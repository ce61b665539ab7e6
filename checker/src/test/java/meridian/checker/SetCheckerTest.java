package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SetCheckerTest {

  private static final int SEEDS = 40;

  private static List<ObjectNode> generate(long seed) {
    Random random = new Random(seed);
    return SimulatedClients.run(seed, new SimulatedClients.Shape(2 + random.nextInt(6),
        50 + random.nextInt(200), random.nextInt(8)), new SetWorkload());
  }

  private static CheckResult check(List<ObjectNode> lines) throws MalformedHistoryException {
    return SetChecker.check(SimulatedClients.parse(lines));
  }

  private static boolean is(ObjectNode line, String f, String type) {
    return line.get("f").asText().equals(f) && line.get("type").asText().equals(type);
  }

  private static void remove(ArrayNode read, long element) {
    for (int i = 0; i < read.size(); i++) {
      if (read.get(i).asLong() == element) {
        read.remove(i);
        return;
      }
    }
    throw new IllegalArgumentException(element + " is not in " + read);
  }

  private static boolean contains(JsonNode read, long element) {
    for (JsonNode item : read) {
      if (item.asLong() == element) {
        return true;
      }
    }
    return false;
  }

  @Test
  void linearizableSetPasses() throws Exception {
    long recovered = 0;
    long neverApplied = 0;
    long addsFail = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      CheckResult result = check(generate(seed));
      assertThat(result.valid()).as("seed %d: %s", seed, CheckResultJson.render(result))
          .isEqualTo(Validity.VALID);
      recovered += result.counts().get("recovered");
      neverApplied += result.counts().get("neverApplied");
      addsFail += result.counts().get("addsFail");
    }
    assertThat(recovered).as("info adds in the final read").isGreaterThan(10);
    assertThat(neverApplied).as("info adds in no read").isGreaterThan(3);
    assertThat(addsFail).as("failed adds").isGreaterThan(50);
  }

  @Test
  void anOkAddMissingFromTheFinalReadIsLost() throws Exception {
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      List<Long> okAdds = new ArrayList<>();
      lines.stream().filter(l -> is(l, "add", "ok")).forEach(l -> okAdds.add(l.get("value").asLong()));
      long element = okAdds.get(new Random(seed).nextInt(okAdds.size()));
      remove((ArrayNode) lines.getLast().get("value"), element);
      CheckResult result = check(lines);
      assertThat(result.anomalies()).as("seed %d", seed).singleElement().satisfies(f -> {
        assertThat(f.type()).isEqualTo("lost");
        assertThat(f.message()).contains("lacks " + element + ", added by");
        assertThat(f.operations().get(0).value()).isEqualTo(Value.of(element));
      });
    }
  }

  @Test
  void anElementNobodyAddedIsUnexpected() throws Exception {
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      List<ObjectNode> reads = lines.stream().filter(l -> is(l, "read", "ok")).toList();
      ((ArrayNode) reads.get(new Random(seed).nextInt(reads.size())).get("value")).add(424242);
      assertThat(check(lines).anomalies()).extracting(Finding::type, Finding::message)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("unexpected",
              "a read shows 424242, which no add attempted"));
    }
  }

  @Test
  void aReadMissingAnAddThatCompletedBeforeItIsStale() throws Exception {
    int injected = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      // The first ok read (not the final one) invoked after some ok add completed.
      Long element = null;
      for (int i = 0; i < lines.size() - 1 && element == null; i++) {
        if (is(lines.get(i), "read", "ok")) {
          int invoke = SimulatedClients.invokeOf(lines, i);
          for (int c = 0; c < invoke && element == null; c++) {
            long added = lines.get(c).path("value").asLong();
            if (is(lines.get(c), "add", "ok") && contains(lines.get(i).get("value"), added)) {
              element = added;
              remove((ArrayNode) lines.get(i).get("value"), added);
            }
          }
        }
      }
      if (element == null) {
        continue;
      }
      injected++;
      long stale = element;
      assertThat(check(lines).anomalies()).as("seed %d", seed).singleElement().satisfies(f -> {
        assertThat(f.type()).isEqualTo("stale-read");
        assertThat(f.message()).startsWith("1 read invoked after its add")
            .contains("lack " + stale + ",");
      });
    }
    assertThat(injected).isGreaterThan(SEEDS / 2);
  }

  @Test
  void duplicatesAndFailedAddsThatShowUpAreAnomalies() throws Exception {
    List<ObjectNode> lines = generate(5);
    ArrayNode last = (ArrayNode) lines.getLast().get("value");
    last.add(last.get(0).asLong());
    long failed = lines.stream().filter(l -> is(l, "add", "fail")).findFirst().orElseThrow()
        .get("value").asLong();
    last.add(failed);
    CheckResult result = check(lines);
    assertThat(result.anomalies()).extracting(Finding::type)
        .containsExactly("duplicated", "unexpected");
    assertThat(result.anomalies().get(1).message()).contains("whose add op");
  }

  @Test
  void anInfoAddThatAReadShowedCannotVanish() throws Exception {
    String history = """
        {"process": 0, "type": "invoke", "f": "add", "value": 1}
        {"process": 0, "type": "info", "f": "add", "value": 1}
        {"process": 1, "type": "invoke", "f": "read", "value": null}
        {"process": 1, "type": "ok", "f": "read", "value": [1]}
        {"process": 1, "type": "invoke", "f": "read", "value": null}
        {"process": 1, "type": "ok", "f": "read", "value": []}
        """;
    assertThat(SetChecker.check(HistoryParser.parse(history)).anomalies())
        .extracting(Finding::type).containsExactly("lost");
  }

  @Test
  void withoutAnOkReadNothingIsKnownAndAddsAreUnique() throws Exception {
    List<ObjectNode> lines = generate(6);
    lines.removeIf(l -> l.get("f").asText().equals("read"));
    CheckResult result = check(lines);
    assertThat(result.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(result.unknownReason()).hasValue("no read completed ok, so nothing was observed");

    assertThatThrownBy(() -> SetChecker.check(HistoryParser.parse("""
        {"process": 0, "type": "invoke", "f": "add", "value": 1}
        {"process": 0, "type": "invoke", "f": "add", "value": 1}
        """))).isInstanceOf(MalformedHistoryException.class);
    assertThatThrownBy(() -> SetChecker.check(HistoryParser.parse("""
        {"process": 0, "type": "invoke", "f": "add", "value": 1}
        {"process": 1, "type": "invoke", "f": "add", "value": 1}
        """))).hasMessage("line 2: element 1 is added again (first by op 0 (process 0, line 1,"
        + " never completed))");
  }
}

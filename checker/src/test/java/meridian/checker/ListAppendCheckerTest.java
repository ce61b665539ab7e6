package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Histories of a strictly serializable store pass; the same histories with a few transactions
 * inserted (on keys and processes of their own, 1000 and up) that show one anomaly fail, naming
 * it, and only it.
 */
class ListAppendCheckerTest {

  private static final int SEEDS = 30;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<ObjectNode> generate(long seed) {
    Random random = new Random(seed);
    return SimulatedClients.run(seed, new SimulatedClients.Shape(2 + random.nextInt(8),
        50 + random.nextInt(250), random.nextInt(8)),
        new ListAppendWorkload(1 + random.nextInt(6)));
  }

  private static CheckResult check(List<ObjectNode> lines) throws MalformedHistoryException {
    return ListAppendChecker.check(SimulatedClients.parse(lines));
  }

  private static CheckResult check(String text) throws MalformedHistoryException {
    return ListAppendChecker.check(HistoryParser.parse(text));
  }

  /** {@code process type micros} per line, e.g. {@code 1000 ok [["r", 1000, [1]]]}. */
  private static List<ObjectNode> block(String text) throws Exception {
    List<ObjectNode> lines = new ArrayList<>();
    for (String line : text.strip().split("\n")) {
      String[] w = line.strip().split(" ", 3);
      lines.add(SimulatedClients.line(Long.parseLong(w[0]), w[1], "txn", null,
          MAPPER.readTree(w[2])));
    }
    return lines;
  }

  private static final String G0 = """
      1000 invoke [["append", 1000, 1], ["append", 1001, 1]]
      1001 invoke [["append", 1000, 2], ["append", 1001, 2]]
      1000 ok [["append", 1000, 1], ["append", 1001, 1]]
      1001 ok [["append", 1000, 2], ["append", 1001, 2]]
      1002 invoke [["r", 1000, null], ["r", 1001, null]]
      1002 ok [["r", 1000, [1, 2]], ["r", 1001, [2, 1]]]
      """;

  /** Each reads the other's append: information flows both ways. */
  private static final String G1C = """
      1000 invoke [["append", 1000, 1], ["r", 1001, null]]
      1001 invoke [["append", 1001, 1], ["r", 1000, null]]
      1000 ok [["append", 1000, 1], ["r", 1001, [1]]]
      1001 ok [["append", 1001, 1], ["r", 1000, [1]]]
      """;

  /** A lost update: both read the empty list and append. */
  private static final String G_SINGLE = """
      1000 invoke [["r", 1000, null], ["append", 1000, 1]]
      1001 invoke [["r", 1000, null], ["append", 1000, 2]]
      1000 ok [["r", 1000, []], ["append", 1000, 1]]
      1001 ok [["r", 1000, []], ["append", 1000, 2]]
      1002 invoke [["r", 1000, null]]
      1002 ok [["r", 1000, [1, 2]]]
      """;

  /** Write skew: each reads the key the other appends to, and sees nothing. */
  private static final String G2 = """
      1000 invoke [["r", 1000, null], ["append", 1001, 1]]
      1001 invoke [["r", 1001, null], ["append", 1000, 1]]
      1000 ok [["r", 1000, []], ["append", 1001, 1]]
      1001 ok [["r", 1001, []], ["append", 1000, 1]]
      1002 invoke [["r", 1000, null], ["r", 1001, null]]
      1002 ok [["r", 1000, [1]], ["r", 1001, [1]]]
      """;

  private static final String G1A = """
      1000 invoke [["append", 1000, 1]]
      1000 fail [["append", 1000, 1]]
      1001 invoke [["r", 1000, null]]
      1001 ok [["r", 1000, [1]]]
      """;

  /** An intermediate read: which also closes a cycle with one rw edge. */
  private static final String G1B = """
      1000 invoke [["append", 1000, 1], ["append", 1000, 2]]
      1001 invoke [["r", 1000, null]]
      1000 ok [["append", 1000, 1], ["append", 1000, 2]]
      1001 ok [["r", 1000, [1]]]
      1002 invoke [["r", 1000, null]]
      1002 ok [["r", 1000, [1, 2]]]
      """;

  private static final String INTERNAL = """
      1000 invoke [["append", 1000, 1], ["r", 1000, null]]
      1000 ok [["append", 1000, 1], ["r", 1000, []]]
      """;

  private static final String INCOMPATIBLE_ORDER = """
      1000 invoke [["append", 1000, 1]]
      1000 ok [["append", 1000, 1]]
      1001 invoke [["append", 1000, 2]]
      1002 invoke [["append", 1000, 3]]
      1001 ok [["append", 1000, 2]]
      1002 ok [["append", 1000, 3]]
      1003 invoke [["r", 1000, null]]
      1003 ok [["r", 1000, [1, 2]]]
      1004 invoke [["r", 1000, null]]
      1004 ok [["r", 1000, [1, 3]]]
      """;

  /** A stale read: a txn invoked after an append completed does not see it. */
  private static final String STALE_READ = """
      1000 invoke [["append", 1000, 1]]
      1000 ok [["append", 1000, 1]]
      1001 invoke [["r", 1000, null]]
      1001 ok [["r", 1000, []]]
      1002 invoke [["r", 1000, null]]
      1002 ok [["r", 1000, [1]]]
      """;

  @Test
  void strictlySerializableHistoriesPass() throws Exception {
    long infoCommitted = 0;
    long rw = 0;
    long realtime = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      CheckResult result = check(generate(seed));
      assertThat(result.valid()).as("seed %d: %s", seed, CheckResultJson.render(result))
          .isEqualTo(Validity.VALID);
      infoCommitted += result.counts().get("txnsInfoCommitted");
      rw += result.counts().get("rwEdges");
      realtime += result.counts().get("realtimeEdges");
    }
    assertThat(infoCommitted).as("info txns seen to commit").isGreaterThan(5);
    assertThat(rw).isGreaterThan(1000);
    assertThat(realtime).isGreaterThan(1000);
  }

  private static void assertFound(String block, String... types) throws Exception {
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      lines.addAll(new Random(seed).nextInt(lines.size() + 1), block(block));
      CheckResult result = check(lines);
      String why = String.format("seed %d: %s", seed, CheckResultJson.render(result));
      assertThat(result.anomalies()).as(why).extracting(Finding::type)
          .containsExactlyInAnyOrder(types);
      assertThat(result.anomalies()).as(why).allSatisfy(f -> assertThat(f.operations())
          .allSatisfy(op -> assertThat(((Value.Int) op.process()).value()).isGreaterThan(999)));
    }
  }

  /** The one finding of the block alone. */
  private static Finding onlyFinding(String block) throws Exception {
    List<Finding> anomalies = check(SimulatedClients.render(block(block))).anomalies();
    assertThat(anomalies).hasSize(1);
    return anomalies.get(0);
  }

  @Test
  void writeCycleIsG0() throws Exception {
    assertFound(G0, "G0");
    Finding cycle = onlyFinding(G0);
    assertThat(cycle.edges()).containsExactly("ww", "ww");
    assertThat(cycle.message()).isEqualTo("cycle: op 0 (process 1000, lines 1-3) -ww key 1000->"
        + " op 1 (process 1001, lines 2-4) -ww key 1001-> op 0 (process 1000, lines 1-3)");
  }

  @Test
  void circularInformationFlowIsG1c() throws Exception {
    assertFound(G1C, "G1c");
  }

  @Test
  void lostUpdateIsGSingle() throws Exception {
    assertFound(G_SINGLE, "G-single");
    Finding cycle = onlyFinding(G_SINGLE);
    assertThat(cycle.edges()).containsExactly("ww", "rw");
  }

  @Test
  void writeSkewIsG2() throws Exception {
    assertFound(G2, "G2");
  }

  @Test
  void readOfAnAbortedAppendIsG1a() throws Exception {
    assertFound(G1A, "G1a");
  }

  @Test
  void intermediateReadIsG1b() throws Exception {
    assertFound(G1B, "G1b", "G-single");
  }

  @Test
  void aTxnThatDoesNotSeeItsOwnAppendIsInternal() throws Exception {
    assertFound(INTERNAL, "internal");
  }

  @Test
  void readsThatDisagreeOnTheOrderAreIncompatible() throws Exception {
    assertFound(INCOMPATIBLE_ORDER, "incompatible-order");
  }

  @Test
  void staleReadAcrossTxnsIsACycleOnlyRealTimeCloses() throws Exception {
    assertFound(STALE_READ, "G-single-realtime");
    Finding cycle = onlyFinding(STALE_READ);
    assertThat(cycle.edges()).containsExactly("realtime", "rw");
  }

  @Test
  void unknownAndRepeatedValuesAndAnInfoTxnSeenToCommit() throws Exception {
    CheckResult result = check(SimulatedClients.render(block("""
        1000 invoke [["append", 1000, 1]]
        1000 info [["append", 1000, 1]]
        1001 invoke [["r", 1000, null]]
        1001 ok [["r", 1000, [1, 1, 9]]]
        """)));
    assertThat(result.anomalies()).extracting(Finding::type)
        .containsExactly("duplicate-elements", "unknown-value");
    assertThat(result.counts()).containsEntry("txnsInfoCommitted", 1L)
        .containsEntry("wrEdges", 0L);
  }

  @Test
  void malformedTxnsNameTheirLine() {
    assertThatThrownBy(() -> check(SimulatedClients.render(block("""
        1000 invoke [["append", 1000, 1]]
        1001 invoke [["append", 1000, 1]]
        """)))).hasMessageStartingWith("line 2: value 1 is appended to key 1000 again (also by op 0");
    assertThatThrownBy(() -> check(SimulatedClients.render(block("""
        1000 invoke [["write", 1000, 1]]
        """)))).hasMessage("line 1: a micro-operation is \"append\" or \"r\", not \"write\"");
    assertThatThrownBy(() -> check("{\"process\": 0, \"type\": \"invoke\", \"f\": \"read\"}"))
        .hasMessage("line 1: the list-append model has no operation \"read\" (txn)");
    assertThatThrownBy(() -> check("""
        {"process": 0, "type": "invoke", "f": "txn", "value": [["r", 1, null]]}
        {"process": 0, "type": "ok", "f": "txn"}
        """)).hasMessageStartingWith("line 2: an ok txn's completion must carry");
  }

  @Test
  void withoutAnOkTxnNothingIsKnown() throws Exception {
    CheckResult result = check(SimulatedClients.render(block(G1A).subList(0, 2)));
    assertThat(result.valid()).isEqualTo(Validity.UNKNOWN);
  }
}

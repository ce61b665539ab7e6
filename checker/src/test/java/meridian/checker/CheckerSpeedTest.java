package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Large histories check within a bound a Jepsen run can afford. The bounds are generous (a shared,
 * loaded machine); each test prints what it measured.
 */
class CheckerSpeedTest {

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  @Test
  void twentyThousandTxnsOverAHundredKeysInUnderFiveSeconds() throws Exception {
    String text = SimulatedClients.render(SimulatedClients.run(11,
        new SimulatedClients.Shape(10, 20_000, 30), new ListAppendWorkload(100)));
    long parsing = System.nanoTime();
    History history = HistoryParser.parse(text);
    long parseMillis = millisSince(parsing);
    long checking = System.nanoTime();
    CheckResult result = ListAppendChecker.check(history);
    long checkMillis = millisSince(checking);
    System.out.printf("list-append: %d txns, %d edges: parsed in %d ms, checked in %d ms%n",
        history.operations().size(), result.counts().get("wwEdges")
            + result.counts().get("wrEdges") + result.counts().get("rwEdges")
            + result.counts().get("realtimeEdges"), parseMillis, checkMillis);
    assertThat(result.valid()).isEqualTo(Validity.VALID);
    assertThat(checkMillis).isLessThan(5_000);
  }

  @Test
  void aCycleThroughAHundredThousandTxnsIsFoundWithoutRecursion() throws Exception {
    int n = 100_000;
    StringBuilder text = new StringBuilder();
    StringBuilder finalRead = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String append = "[[\"append\", 0, " + i + "]]";
      text.append("{\"process\": 0, \"type\": \"invoke\", \"f\": \"txn\", \"value\": ")
          .append(append).append("}\n{\"process\": 0, \"type\": \"ok\", \"f\": \"txn\","
              + " \"value\": ").append(append).append("}\n");
      finalRead.insert(0, i == 0 ? "" + i : i + ", "); // newest first: the reverse of real time
    }
    text.append("{\"process\": 1, \"type\": \"invoke\", \"f\": \"txn\", \"value\": [[\"r\", 0,"
        + " null]]}\n{\"process\": 1, \"type\": \"ok\", \"f\": \"txn\", \"value\": [[\"r\", 0, [")
        .append(finalRead).append("]]]}\n");
    History history = HistoryParser.parse(text.toString());
    long checking = System.nanoTime();
    CheckResult result = ListAppendChecker.check(history);
    long checkMillis = millisSince(checking);
    System.out.printf("list-append: one cycle through %d txns found in %d ms%n", n, checkMillis);
    assertThat(result.anomalies()).singleElement().satisfies(f -> {
      assertThat(f.type()).isEqualTo("G0-realtime");
      assertThat(f.edges()).containsExactly("realtime", "ww");
    });
    assertThat(checkMillis).isLessThan(10_000);
  }

  @Test
  void aHundredThousandRegisterOpsOverAThousandKeysInUnderTenSeconds() throws Exception {
    Verdict verdict = checkRegister(
        new RegisterHistoryGenerator.Shape(20, 100_000, 1000, false, 20, true), "1000 keys");
    assertThat(verdict.keys()).hasSize(1000);
  }

  @Test
  void tenThousandRegisterOpsOnOneKeyFromTenProcessesInUnderTenSeconds() throws Exception {
    checkRegister(new RegisterHistoryGenerator.Shape(10, 10_000, 1, false, 5, true), "one key");
  }

  private static Verdict checkRegister(RegisterHistoryGenerator.Shape shape, String what)
      throws Exception {
    List<RegisterHistoryGenerator.Line> lines = RegisterHistoryGenerator.generate(12, shape);
    History history = HistoryParser.parse(RegisterHistoryGenerator.render(lines));
    long checking = System.nanoTime();
    Verdict verdict = new LinearizabilityChecker(
        CheckerConfig.defaults().withTimeLimit(Duration.ofSeconds(30)), System::nanoTime)
        .check(RegisterModel.INSTANCE, history);
    long checkMillis = millisSince(checking);
    System.out.printf("register, %s: %d ops checked in %d ms (%d search states)%n", what,
        history.operations().size(), checkMillis,
        verdict.keys().stream().mapToLong(Verdict.KeyVerdict::states).sum());
    assertThat(verdict.valid()).isEqualTo(Validity.VALID);
    assertThat(checkMillis).isLessThan(10_000);
    return verdict;
  }
}

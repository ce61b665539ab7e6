package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BankCheckerTest {

  private static final int SEEDS = 40;
  private static final int ACCOUNTS = 8;
  private static final long TOTAL = 800;

  private static List<ObjectNode> generate(long seed) {
    Random random = new Random(seed);
    return BankWorkload.history(seed, new SimulatedClients.Shape(2 + random.nextInt(6),
        50 + random.nextInt(200), random.nextInt(6)), ACCOUNTS, TOTAL);
  }

  private static CheckResult check(List<ObjectNode> lines) throws MalformedHistoryException {
    return BankChecker.check(SimulatedClients.parse(lines));
  }

  /** The positions of the ok reads' completions. */
  private static List<Integer> okReads(List<ObjectNode> lines) {
    List<Integer> reads = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).get("f").asText().equals("read")
          && lines.get(i).get("type").asText().equals("ok")) {
        reads.add(i);
      }
    }
    return reads;
  }

  @Test
  void serializableBankPasses() throws Exception {
    long transfersFail = 0;
    long transfersInfo = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      CheckResult result = check(lines);
      assertThat(result.valid()).as("seed %d: %s", seed, CheckResultJson.render(result))
          .isEqualTo(Validity.VALID);
      assertThat(result.counts().get("readsChecked")).isEqualTo(okReads(lines).size());
      transfersFail += result.counts().get("transfersFail");
      transfersInfo += result.counts().get("transfersInfo");
    }
    assertThat(transfersFail).as("failed transfers").isGreaterThan(100);
    assertThat(transfersInfo).as("indeterminate transfers").isGreaterThan(20);
  }

  @Test
  void aReadWithMoneyCreatedHasTheWrongTotal() throws Exception {
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      List<Integer> reads = okReads(lines);
      int at = reads.get(new Random(seed).nextInt(reads.size()));
      ObjectNode balances = (ObjectNode) lines.get(at).get("value");
      balances.put("3", balances.get("3").asLong() + 7);
      CheckResult result = check(lines);
      assertThat(result.valid()).isEqualTo(Validity.INVALID);
      assertThat(result.anomalies()).singleElement().satisfies(f -> {
        assertThat(f.type()).isEqualTo("wrong-total");
        assertThat(f.message()).contains("sums to 807, not 800");
        assertThat(f.operations().get(0).completion().orElseThrow().line()).isEqualTo(at + 1);
      });
    }
  }

  @Test
  void aNegativeBalanceIsFoundEvenWhenTheTotalIsRight() throws Exception {
    for (long seed = 0; seed < SEEDS; seed++) {
      List<ObjectNode> lines = generate(seed);
      List<Integer> reads = okReads(lines);
      ObjectNode balances =
          (ObjectNode) lines.get(reads.get(new Random(seed).nextInt(reads.size()))).get("value");
      long moved = balances.get("2").asLong() + 5;
      balances.put("2", -5);
      balances.put("6", balances.get("6").asLong() + moved);
      CheckResult result = check(lines);
      assertThat(result.anomalies()).extracting(Finding::type).containsExactly("negative-balance");
      assertThat(result.anomalies().get(0).message()).contains("[2: -5]");
    }
  }

  @Test
  void readsMustNameExactlyTheAccounts() throws Exception {
    List<ObjectNode> lines = generate(1);
    ObjectNode balances = (ObjectNode) lines.get(okReads(lines).get(0)).get("value");
    long moved = balances.remove("0").asLong();
    balances.put("8", moved);
    assertThat(check(lines).anomalies()).extracting(Finding::type)
        .containsExactly("missing-account", "unexpected-account");
  }

  @Test
  void withoutAnInitNoteTheHistoryIsMalformed() {
    List<ObjectNode> lines = generate(2);
    lines.remove(0);
    assertThatThrownBy(() -> check(lines)).isInstanceOf(MalformedHistoryException.class)
        .hasMessageStartingWith("a bank history needs a note");
  }

  @Test
  void withoutAnOkReadNothingIsKnown() throws Exception {
    List<ObjectNode> lines = generate(3);
    lines.removeIf(line -> line.get("f").asText().equals("read"));
    CheckResult result = check(lines);
    assertThat(result.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(result.unknownReason()).hasValueSatisfying(r -> assertThat(r).contains("no read"));
  }
}

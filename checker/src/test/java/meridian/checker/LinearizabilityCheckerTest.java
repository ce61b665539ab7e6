package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

  private static final CheckerConfig CONFIG =
      new CheckerConfig(100_000, Duration.ofSeconds(30), 3);

  /** Events as {@code process type f value [key]}, one per string, in real-time order. */
  private static History history(String... events) throws MalformedHistoryException {
    StringBuilder text = new StringBuilder();
    for (String event : events) {
      String[] w = event.split(" ", 5);
      text.append("{\"process\": ").append(w[0]).append(", \"type\": \"").append(w[1])
          .append("\", \"f\": \"").append(w[2]).append("\", \"value\": ").append(w[3])
          .append(w.length > 4 ? ", \"key\": \"" + w[4] + "\"" : "").append("}\n");
    }
    return HistoryParser.parse(text.toString());
  }

  private static Verdict check(CheckerConfig config, History history) throws Exception {
    return new LinearizabilityChecker(config, System::nanoTime)
        .check(RegisterModel.INSTANCE, history);
  }

  private static Verdict check(String... events) throws Exception {
    return check(CONFIG, history(events));
  }

  @Test
  void sequentialAndConcurrentReadsThatFitAreValid() throws Exception {
    assertThat(check("0 invoke read null", "0 ok read null", "0 invoke write 1", "0 ok write 1",
        "1 invoke read null", "1 ok read 1").valid()).isEqualTo(Validity.VALID);
    // Reads concurrent with a write and with each other may see either value, in either order.
    assertThat(check("0 invoke write 1", "1 invoke read null", "2 invoke read null",
        "1 ok read 1", "2 ok read null", "0 ok write 1").valid()).isEqualTo(Validity.VALID);
    // But once a read has seen the new value, a read that starts later cannot see the old one.
    assertThat(check("0 invoke write 1", "1 invoke read null", "1 ok read 1",
        "2 invoke read null", "2 ok read null", "0 ok write 1").valid())
        .isEqualTo(Validity.INVALID);
  }

  @Test
  void staleReadIsReportedWithTheOperationThatCannotBePlaced() throws Exception {
    Verdict verdict = check("0 invoke write 1", "0 ok write 1", "0 invoke write 2",
        "0 ok write 2", "1 invoke read null", "1 ok read 1");
    assertThat(verdict.valid()).isEqualTo(Validity.INVALID);
    Anomaly.NotLinearizable a = (Anomaly.NotLinearizable) verdict.anomalies().get(0);
    assertThat(a.key()).isEqualTo(Value.NIL);
    assertThat(a.prefixLength()).isEqualTo(2);
    assertThat(a.prefixTail()).extracting(Operation::index).containsExactly(0, 1);
    assertThat(a.stateAfterPrefix()).isEqualTo(Value.of(2));
    assertThat(a.blocked().index()).isEqualTo(2);
    assertThat(a.blocked().invoke().line()).isEqualTo(5);
    assertThat(a.candidates()).singleElement().extracting(Anomaly.Candidate::reason)
        .isEqualTo("read 1 but the register holds 2");
  }

  @Test
  void indeterminateWritesMayTakeEffectLateOrNever() throws Exception {
    assertThat(check("0 invoke write 1", "0 info write \":x\"", "1 invoke read null",
        "1 ok read null", "1 invoke read null", "1 ok read 1").valid())
        .as("late").isEqualTo(Validity.VALID);
    assertThat(check("0 invoke write 1", "1 invoke read null", "1 ok read null").valid())
        .as("never (unterminated)").isEqualTo(Validity.VALID);
    assertThat(check("0 invoke write 1", "0 info write \":x\"", "1 invoke read null",
        "1 ok read 1", "1 invoke read null", "1 ok read null").valid())
        .as("at most once: once seen, it cannot be undone").isEqualTo(Validity.INVALID);
  }

  @Test
  void failedOperationsDidNotTakeEffect() throws Exception {
    assertThat(check("0 invoke cas [null,5]", "0 fail cas [null,5]", "1 invoke read null",
        "1 ok read 5").valid()).isEqualTo(Validity.INVALID);
    assertThat(check("0 invoke write 1", "0 ok write 1", "0 invoke cas [1,5]",
        "0 ok cas [1,5]", "1 invoke cas [1,6]", "1 ok cas [1,6]").valid())
        .as("a cas against a value already replaced").isEqualTo(Validity.INVALID);
  }

  @Test
  void keysAreIndependentAndOneInvalidKeyMakesTheHistoryInvalid() throws Exception {
    Verdict verdict = check("0 invoke write 1 a", "1 invoke write 2 b", "0 ok write 1 a",
        "1 ok write 2 b", "2 invoke read null a", "2 ok read 2 a", "3 invoke read null b",
        "3 ok read 2 b", "4 invoke read null c", "4 ok read null c");
    assertThat(verdict.valid()).isEqualTo(Validity.INVALID);
    assertThat(verdict.keys()).extracting(Verdict.KeyVerdict::key, Verdict.KeyVerdict::valid)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Value.of("a"), Validity.INVALID),
            org.assertj.core.groups.Tuple.tuple(Value.of("b"), Validity.VALID),
            org.assertj.core.groups.Tuple.tuple(Value.of("c"), Validity.VALID));
    assertThat(verdict.anomalies()).extracting(Anomaly::key).containsExactly(Value.of("a"));
  }

  @Test
  void stateBudgetGivesUnknownNeverValidOrInvalid() throws Exception {
    History h = history("0 invoke write 1 a", "0 ok write 1 a", "0 invoke read null b",
        "0 ok read null b", "0 invoke read null b", "0 ok read null b");
    Verdict verdict = check(CONFIG.withSearchStatesMax(1), h);
    assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(verdict.anomalies()).isEmpty();
    assertThat(verdict.keys().get(0).valid()).isEqualTo(Validity.VALID);
    assertThat(verdict.keys().get(1).unknownReason())
        .contains("search-state budget of 1 reached");
    // An invalid key still makes the history invalid when another key is unknown.
    History invalid = history("0 invoke read 7 a", "0 ok read 7 a", "0 invoke read null b",
        "0 ok read null b", "0 invoke read null b", "0 ok read null b");
    assertThat(check(CONFIG.withSearchStatesMax(1), invalid).valid())
        .isEqualTo(Validity.INVALID);
  }

  @Test
  void timeLimitGivesUnknown() throws Exception {
    // The clock reads 0 when the check starts and an hour later at every reading after that.
    AtomicLong readings = new AtomicLong();
    LinearizabilityChecker checker = new LinearizabilityChecker(
        CONFIG.withParallelismMax(1).withTimeLimit(Duration.ofSeconds(1)),
        () -> readings.getAndIncrement() == 0 ? 0 : Duration.ofHours(1).toNanos());
    Verdict verdict = checker.check(RegisterModel.INSTANCE,
        history("0 invoke write 1", "0 ok write 1"));
    assertThat(verdict.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(verdict.keys().get(0).unknownReason()).contains("time limit reached");
  }

  @Test
  void operationsTheModelCannotInterpretAreMalformed() {
    assertThatThrownBy(() -> check("0 invoke append 1"))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage("line 1: the register model has no operation \"append\" (read, write, cas)");
    assertThatThrownBy(() -> check("0 invoke read null", "0 ok read 1", "0 invoke cas 3"))
        .hasMessage("line 3: cas value must be [expected, new], not 3");
  }

  @Test
  void verdictIsDeterministic() throws Exception {
    long seed = 99;
    var lines = RegisterHistoryGenerator.generate(seed,
        new RegisterHistoryGenerator.Shape(5, 150, 3, false, 4, false));
    History h = HistoryParser.parse(RegisterHistoryGenerator.render(lines));
    String first = VerdictJson.render(check(CONFIG, h));
    assertThat(VerdictJson.render(check(CONFIG, h))).isEqualTo(first);
  }
}

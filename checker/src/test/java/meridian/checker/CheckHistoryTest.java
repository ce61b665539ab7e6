package meridian.checker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckHistoryTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return CheckHistory.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private JsonNode stdoutJson() throws Exception {
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  private Path file(String... lines) throws Exception {
    Path f = dir.resolve("history.jsonl");
    Files.write(f, java.util.List.of(lines));
    return f;
  }

  private static final String W1 = "{\"process\": 0, \"type\": \"invoke\", \"f\": \"write\", "
      + "\"key\": \"r\", \"value\": 1, \"time\": 1}";
  private static final String W1_OK = "{\"process\": 0, \"type\": \"ok\", \"f\": \"write\", "
      + "\"key\": \"r\", \"value\": 1, \"time\": 2}";
  private static final String R = "{\"process\": 1, \"type\": \"invoke\", \"f\": \"read\", "
      + "\"key\": \"r\", \"value\": null, \"time\": 3}";

  private static String readOk(int value) {
    return "{\"process\": 1, \"type\": \"ok\", \"f\": \"read\", \"key\": \"r\", \"value\": "
        + value + ", \"time\": 4}";
  }

  @Test
  void validHistoryExitsZeroWithTheVerdict() throws Exception {
    assertThat(run("--model", "register", file(W1, W1_OK, R, readOk(1)).toString()))
        .isEqualTo(CheckHistory.EXIT_VALID);
    JsonNode verdict = stdoutJson();
    assertThat(verdict.get("valid").asBoolean()).isTrue();
    assertThat(verdict.get("anomalies")).isEmpty();
    assertThat(verdict.at("/counts/operations").asInt()).isEqualTo(2);
    assertThat(verdict.at("/keys/0/key").asText()).isEqualTo("r");
    assertThat(stderr()).isEmpty();
  }

  @Test
  void invalidHistoryExitsOneWithAnAnomaly() throws Exception {
    assertThat(run("--model", "register", file(W1, W1_OK, R, readOk(2)).toString()))
        .isEqualTo(CheckHistory.EXIT_INVALID);
    JsonNode anomaly = stdoutJson().at("/anomalies/0");
    assertThat(stdoutJson().get("valid").isBoolean()).isTrue();
    assertThat(anomaly.get("type").asText()).isEqualTo("not-linearizable");
    assertThat(anomaly.get("key").asText()).isEqualTo("r");
    assertThat(anomaly.at("/blocked/index").asInt()).isEqualTo(1);
    assertThat(anomaly.at("/blocked/completeLine").asInt()).isEqualTo(4);
    assertThat(anomaly.at("/candidates/0/reason").asText())
        .isEqualTo("read 2 but the register holds 1");
    assertThat(anomaly.get("summary").asText()).startsWith("key \"r\": op 1 (process 1 read 2");
  }

  private static final String BANK_INIT = "{\"process\": \"setup\", \"type\": \"info\","
      + " \"f\": \"init\", \"value\": {\"accounts\": 2, \"total\": 20}}";

  /** Per model: a valid history, an invalid one, and the anomaly the invalid one shows. */
  private static final String[][] MODEL_CASES = {
      {"bank", BANK_INIT + """

          {"process": 0, "type": "invoke", "f": "transfer", "value": {"from": 0, "to": 1, "amount": 5}}
          {"process": 0, "type": "ok", "f": "transfer", "value": {"from": 0, "to": 1, "amount": 5}}
          {"process": 1, "type": "invoke", "f": "read", "value": null}
          {"process": 1, "type": "ok", "f": "read", "value": {"0": 5, "1": 15}}
          """, BANK_INIT + """

          {"process": 1, "type": "invoke", "f": "read", "value": null}
          {"process": 1, "type": "ok", "f": "read", "value": {"0": 5, "1": 10}}
          """, "wrong-total"},
      {"set", """
          {"process": 0, "type": "invoke", "f": "add", "value": 1}
          {"process": 0, "type": "ok", "f": "add", "value": 1}
          {"process": 1, "type": "invoke", "f": "read", "value": null}
          {"process": 1, "type": "ok", "f": "read", "value": [1]}
          """, """
          {"process": 0, "type": "invoke", "f": "add", "value": 1}
          {"process": 0, "type": "ok", "f": "add", "value": 1}
          {"process": 1, "type": "invoke", "f": "read", "value": null}
          {"process": 1, "type": "ok", "f": "read", "value": []}
          """, "lost"},
      {"list-append", """
          {"process": 0, "type": "invoke", "f": "txn", "value": [["append", 1, 1]]}
          {"process": 0, "type": "ok", "f": "txn", "value": [["append", 1, 1]]}
          {"process": 1, "type": "invoke", "f": "txn", "value": [["r", 1, null]]}
          {"process": 1, "type": "ok", "f": "txn", "value": [["r", 1, [1]]]}
          """, """
          {"process": 0, "type": "invoke", "f": "txn", "value": [["append", 1, 1]]}
          {"process": 0, "type": "ok", "f": "txn", "value": [["append", 1, 1]]}
          {"process": 1, "type": "invoke", "f": "txn", "value": [["r", 1, null]]}
          {"process": 1, "type": "ok", "f": "txn", "value": [["r", 1, null]]}
          {"process": 2, "type": "invoke", "f": "txn", "value": [["r", 1, null]]}
          {"process": 2, "type": "ok", "f": "txn", "value": [["r", 1, [1]]]}
          """, "G-single-realtime"},
      {"monotonic", """
          {"process": 0, "type": "invoke", "f": "inc", "key": 1, "value": null}
          {"process": 0, "type": "ok", "f": "inc", "key": 1, "value": 1}
          {"process": 1, "type": "invoke", "f": "read", "key": 1, "value": null}
          {"process": 1, "type": "ok", "f": "read", "key": 1, "value": 1}
          """, """
          {"process": 0, "type": "invoke", "f": "inc", "key": 1, "value": null}
          {"process": 0, "type": "ok", "f": "inc", "key": 1, "value": 1}
          {"process": 1, "type": "invoke", "f": "read", "key": 1, "value": null}
          {"process": 1, "type": "ok", "f": "read", "key": 1, "value": null}
          """, "real-time-violation"}};

  @Test
  void everyModelChecksFromTheCommandLine() throws Exception {
    for (String[] c : MODEL_CASES) {
      out.reset();
      assertThat(run("--model", c[0], file(c[1].split("\n")).toString())).as(c[0])
          .isEqualTo(CheckHistory.EXIT_VALID);
      JsonNode valid = stdoutJson();
      assertThat(valid.get("valid").asBoolean()).as(c[0]).isTrue();
      assertThat(valid.get("model").asText()).isEqualTo(c[0]);
      assertThat(valid.get("anomalies")).isEmpty();
      out.reset();
      assertThat(run("--model", c[0], file(c[2].split("\n")).toString())).as(c[0])
          .isEqualTo(CheckHistory.EXIT_INVALID);
      JsonNode invalid = stdoutJson();
      assertThat(invalid.get("valid").asBoolean()).as(c[0]).isFalse();
      assertThat(invalid.at("/anomalies/0/type").asText()).as(c[0]).isEqualTo(c[3]);
      assertThat(invalid.at("/anomalies/0/operations/0/invokeLine").asInt()).as(c[0])
          .isPositive();
    }
    assertThat(stderr()).isEmpty();
  }

  @Test
  void aModelThatObservedNothingExitsTwoAndOneItCannotReadExits64() throws Exception {
    assertThat(run("--model", "set", file(W1, W1_OK).toString()))
        .isEqualTo(CheckHistory.EXIT_USAGE);
    assertThat(stderr()).endsWith(": line 1: the set model has no operation \"write\" (add,"
        + " read)\n");
    assertThat(run("--model", "set", file("{\"process\": 0, \"type\": \"invoke\","
        + " \"f\": \"add\", \"value\": 1}").toString())).isEqualTo(CheckHistory.EXIT_UNKNOWN);
    assertThat(stdoutJson().get("unknownReason").asText()).startsWith("no read completed ok");
    err.reset();
    assertThat(run("--model", "bank", file(R).toString())).isEqualTo(CheckHistory.EXIT_USAGE);
    assertThat(stderr()).contains("a bank history needs a note").hasLineCount(1);
  }

  @Test
  void exhaustedBudgetExitsTwo() throws Exception {
    assertThat(run("--search-states-max", "1", "--model", "register",
        file(W1, W1_OK, R, readOk(1)).toString())).isEqualTo(CheckHistory.EXIT_UNKNOWN);
    assertThat(stdoutJson().get("valid").asText()).isEqualTo("unknown");
  }

  @Test
  void badInputIsOneLineAndExits64() throws Exception {
    Path missing = dir.resolve("nope.jsonl");
    assertThat(run("--model", "register", missing.toString())).isEqualTo(CheckHistory.EXIT_USAGE);
    assertThat(stderr()).isEqualTo("check-history: no such file: " + missing + "\n");
    err.reset();

    Path bad = file(W1, "{\"process\": 0,");
    assertThat(run("--model", "register", bad.toString())).isEqualTo(CheckHistory.EXIT_USAGE);
    assertThat(stderr()).startsWith("check-history: " + bad + ": line 2: bad JSON: ")
        .hasLineCount(1);
    err.reset();

    Path duplicate = file(W1, W1);
    assertThat(run("--model", "register", duplicate.toString()))
        .isEqualTo(CheckHistory.EXIT_USAGE);
    assertThat(stderr()).isEqualTo("check-history: " + duplicate + ": line 2: process 0 invokes"
        + " again while its invoke on line 1 is in flight\n");
    err.reset();

    assertThat(run("--model", "register", dir.toString())).isEqualTo(CheckHistory.EXIT_USAGE);
    assertThat(stderr()).startsWith("check-history: cannot read ").hasLineCount(1);
    assertThat(out.size()).isZero();
  }

  @Test
  void badUsageSaysWhatIsWrongThenTheUsage() throws Exception {
    String history = file(W1, W1_OK).toString();
    assertThat(run("--model", "queue", history)).isEqualTo(CheckHistory.EXIT_USAGE);
    assertThat(stderr()).isEqualTo("check-history: unknown model \"queue\" (known: register, bank, set,"
        + " list-append, monotonic)\n"
        + CheckHistory.USAGE + "\n");
    for (String[] args : new String[][] {
        {}, {history}, {"--model", "register"}, {"--model"}, {"--bogus", history},
        {"--model", "register", history, history}, {"--search-states-max", "0"},
        {"--time-limit-seconds", "soon"}}) {
      err.reset();
      assertThat(run(args)).as(String.join(" ", args)).isEqualTo(CheckHistory.EXIT_USAGE);
      assertThat(stderr()).as(String.join(" ", args)).startsWith("check-history: ")
          .hasLineCount(2).doesNotContain("Exception");
    }
  }
}

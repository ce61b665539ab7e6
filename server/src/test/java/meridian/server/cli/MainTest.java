package meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void usageErrorsExitWithTwo() {
    assertThat(Main.run("up", "--nodes", "many")).isEqualTo(Main.EXIT_USAGE);
    assertThat(Main.run("no-such-command")).isEqualTo(Main.EXIT_USAGE);
    assertThat(Main.run("node", "--data", "/tmp/x")).as("missing --id").isEqualTo(Main.EXIT_USAGE);
  }

  @Test
  void replicasThatDoNotFitAreRefusedBeforeAnythingStarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String cluster = dir.resolve("c").toString();
    assertThat(Main.run("up", "--dir", cluster, "--nodes", "3", "--replicas", "5")).isEqualTo(Main.EXIT_FAILURE);
    assertThat(Main.run("up", "--dir", cluster, "--nodes", "1", "--time-masters", "1", "--master-epsilon-micros", "-5"))
        .isEqualTo(Main.EXIT_FAILURE);
    assertThat(java.nio.file.Files.exists(dir.resolve("c"))).as("nothing created").isFalse();
    assertThat(Main.run("node", "--id", "n1", "--data", dir.resolve("n1").toString(), "--time-master", "--replicas", "2"))
        .isEqualTo(Main.EXIT_FAILURE);
  }

  @Test
  void helpAndVersionSucceed() {
    assertThat(Main.run("--help")).isZero();
    assertThat(Main.run("kv", "put", "--help")).isZero();
    assertThat(Main.run("--version")).isZero();
  }

  @Test
  void userErrorsAreOneLine() {
    StringWriter text = new StringWriter();
    int code = Main.failure(new UserException("port 7701 is in use"), new PrintWriter(text));
    assertThat(code).isEqualTo(Main.EXIT_FAILURE);
    assertThat(text.toString()).isEqualTo("meridian: port 7701 is in use" + System.lineSeparator());
  }

  @Test
  void unexpectedErrorsSayInternalWithoutAStackTrace() {
    StringWriter text = new StringWriter();
    int code = Main.failure(new NullPointerException("boom"), new PrintWriter(text));
    assertThat(code).isEqualTo(Main.EXIT_INTERNAL);
    assertThat(text.toString()).startsWith("meridian: internal error: java.lang.NullPointerException: boom").doesNotContain("\tat ");
  }

  @Test
  void checkHistoryGivesTheCheckersVerdictAsExitCode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path valid = dir.resolve("valid.jsonl");
    java.nio.file.Files.writeString(valid, String.join("\n",
        "{\"process\": 0, \"type\": \"invoke\", \"f\": \"write\", \"key\": \"r\", \"value\": 1, \"time\": 1}",
        "{\"process\": 0, \"type\": \"ok\", \"f\": \"write\", \"key\": \"r\", \"value\": 1, \"time\": 2}",
        "{\"process\": 1, \"type\": \"invoke\", \"f\": \"read\", \"key\": \"r\", \"value\": null, \"time\": 3}",
        "{\"process\": 1, \"type\": \"ok\", \"f\": \"read\", \"key\": \"r\", \"value\": 1, \"time\": 4}"));
    java.nio.file.Path stale = dir.resolve("stale.jsonl");
    java.nio.file.Files.writeString(stale, java.nio.file.Files.readString(valid).replace("\"value\": 1, \"time\": 4", "\"value\": null, \"time\": 4"));
    assertThat(Main.run("check-history", "--model", "register", valid.toString())).isZero();
    assertThat(Main.run("check-history", "--model", "register", stale.toString())).isEqualTo(1);
    assertThat(Main.run("check-history", "--model", "register", dir.resolve("missing").toString())).isEqualTo(64);
  }

  @Test
  void durationsParseInPlainUnits() {
    DurationConverter converter = new DurationConverter();
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(converter.convert("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
  }
}

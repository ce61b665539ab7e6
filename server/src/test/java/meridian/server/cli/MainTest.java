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
  void durationsParseInPlainUnits() {
    DurationConverter converter = new DurationConverter();
    assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(converter.convert("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(converter.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
  }
}

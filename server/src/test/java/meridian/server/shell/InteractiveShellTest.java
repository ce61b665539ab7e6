package meridian.server.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive loop on a dumb terminal fed from a string (what a person would type). */
@org.junit.jupiter.api.Timeout(30)
class InteractiveShellTest {
  private final List<String> sent = new ArrayList<>();

  private static Object answer(String sql) throws SQLException {
    if (sql.contains("bad")) {
      throw new SQLException("syntax error at or near \"bad\"", "42601");
    }
    return sql.startsWith("SELECT")
        ? FakeJdbc.rows(List.of("v"), List.of(Types.VARCHAR), FakeJdbc.table(new Object[] {"a\nb"}))
        : 1;
  }

  private String type(String keys, Path history) throws Exception {
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)) {
      // As a real terminal is set up: Ctrl-C raises SIGINT.
      Attributes attributes = terminal.getAttributes();
      attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
      attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
      // Unset control characters read as -1, which is also end of input: give them their usual keys.
      attributes.setControlChar(Attributes.ControlChar.VQUIT, 28);
      attributes.setControlChar(Attributes.ControlChar.VSUSP, 26);
      attributes.setControlChar(Attributes.ControlChar.VSTATUS, 20);
      terminal.setAttributes(attributes);
      ShellSession session = new ShellSession(
          FakeJdbc.connection(InteractiveShellTest::answer, sent), OutputFormat.TABLE, terminal.writer(), terminal.writer(), () -> 0);
      InteractiveShell.run(session, terminal, history);
    }
    return screen.toString(StandardCharsets.UTF_8).replace("\r", "");
  }

  @Test
  void statementsSpanLinesAndThePromptShowsTheTransaction(@TempDir Path dir) throws Exception {
    String screen = type("BEGIN;\nINSERT INTO t\nVALUES (1);\nSELECT 'a\nb'; COMMIT;\n\\q\nSELECT 'never';\n", dir.resolve("history"));
    assertThat(sent).containsExactly("BEGIN", "INSERT INTO t\nVALUES (1)", "SELECT 'a\nb'", "COMMIT");
    // A dumb terminal echoes nothing: the screen holds the prompts and the results.
    assertThat(screen).isEqualTo("meridian> BEGIN\nmeridian[txn]> INSERT 1\nmeridian[txn]>   v\n------\n a\\nb\n(1 row)\nCOMMIT\nmeridian> ");
  }

  @Test
  void anErrorSkipsTheRestOfThatInputAndTheShellGoesOn(@TempDir Path dir) throws Exception {
    String screen = type("SELECT bad; COMMIT;\nSELECT 1;\n", dir.resolve("history"));
    assertThat(sent).containsExactly("SELECT bad", "SELECT 1");
    assertThat(screen).contains("ERROR 42601: syntax error at or near \"bad\"\n").contains("(1 row)");
  }

  @Test
  void ctrlCDropsTheInputAndEndOfInputQuits(@TempDir Path dir) throws Exception {
    type("SELECT 'half\n\u0003SELECT 2;\n", dir.resolve("history"));
    assertThat(sent).containsExactly("SELECT 2");
  }

  @Test
  void backslashesReachTheShellAndHistoryIsKept(@TempDir Path dir) throws Exception {
    Path history = dir.resolve("history");
    String screen = type("\\timing\n\\?\nSELECT 1\n;\n", history);
    assertThat(screen).contains("Timing is on.").contains("\\d NAME").contains("Time: 0.0 ms");
    assertThat(Files.readString(history)).contains("\\\\timing").contains("SELECT 1");
    if (!System.getProperty("os.name").startsWith("Windows")) {
      assertThat(Files.getPosixFilePermissions(history)).hasSize(2); // owner read and write only
    }
  }
}

package meridian.server.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@code meridian sql}: connects through JDBC and runs statements from the chosen input. */
public final class SqlShell {
  public static final int EXIT_OK = 0;
  /** A statement or command failed (scripts stop at the first failure). */
  public static final int EXIT_FAILED = 1;
  /** No connection could be made, or it was lost. */
  public static final int EXIT_CONNECTION = 2;

  /** Where statements come from. */
  public sealed interface Input {
    /** {@code -e}: the statements of one argument. */
    record Text(String sql) implements Input {}

    /** {@code -f}: a file of statements; errors name it and the statement's line. */
    record Script(Path file) implements Input {}

    /** Statements piped to the shell (stdin is not a terminal). */
    record Piped(InputStream in) implements Input {}

    /** A person at the terminal. */
    record Interactive() implements Input {}
  }

  private SqlShell() {}

  /**
   * Runs the shell; returns the exit code. {@code out} receives results and {@code err} errors,
   * except in interactive mode, where both go to the terminal.
   *
   * @throws IllegalArgumentException when a {@code -f} file cannot be read (before connecting)
   */
  public static int run(String url, Input input, OutputFormat format, PrintWriter out, PrintWriter err) {
    Reader script = open(input);
    Connection connection;
    try {
      connection = DriverManager.getConnection(url);
    } catch (SQLException e) {
      err.println("meridian: cannot connect to " + url + ": " + e.getMessage());
      err.flush();
      return EXIT_CONNECTION;
    }
    try (connection; script) {
      return switch (input) {
        case Input.Interactive i -> interactive(connection, url, format);
        case Input.Text t -> new ScriptRunner(session(connection, format, out, err), err, null).run(script);
        case Input.Script s -> new ScriptRunner(session(connection, format, out, err), err, s.file().toString()).run(script);
        case Input.Piped p -> new ScriptRunner(session(connection, format, out, err), err, "<stdin>").run(script);
      };
    } catch (IOException e) {
      err.println("meridian: cannot read the statements: " + e.getMessage());
      err.flush();
      return EXIT_FAILED;
    } catch (SQLException e) {
      // Closing failed after everything ran: the outcome stands, the user hears about it.
      err.println("meridian: closing the connection failed: " + ShellSession.describe(e));
      err.flush();
      return EXIT_CONNECTION;
    }
  }

  private static ShellSession session(Connection connection, OutputFormat format, PrintWriter out, PrintWriter err) {
    return new ShellSession(connection, format, out, err, System::nanoTime);
  }

  private static Reader open(Input input) {
    return switch (input) {
      case Input.Text t -> new StringReader(t.sql());
      case Input.Script s -> {
        try {
          yield Files.newBufferedReader(s.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot read " + s.file() + ": " + e.getMessage());
        }
      }
      case Input.Piped p -> new InputStreamReader(p.in(), StandardCharsets.UTF_8);
      case Input.Interactive i -> Reader.nullReader();
    };
  }

  private static int interactive(Connection connection, String url, OutputFormat format) {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      PrintWriter screen = terminal.writer();
      ShellSession session = new ShellSession(connection, format, screen, screen, System::nanoTime);
      screen.println("Connected to " + url + ". \\? for help, \\q or Ctrl-D to quit.");
      session.timing(true);
      InteractiveShell.run(session, terminal, Path.of(System.getProperty("user.home"), ".meridian_sql_history"));
      screen.flush();
      return EXIT_OK;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
    }
  }
}

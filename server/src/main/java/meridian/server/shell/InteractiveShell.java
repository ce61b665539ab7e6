package meridian.server.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The shell at a terminal: line editing and history (jline), statements over several lines, the
 * {@code [txn]} mark in the prompt. Ctrl-C drops the input being typed, or cancels the statement
 * running; Ctrl-D (or {@code \q}) quits. An error is printed and the shell goes on, but the rest of
 * that input is skipped (after a failed statement in "BEGIN; ...; COMMIT;" the COMMIT must not run).
 */
final class InteractiveShell {
  static final String PROMPT_CONTINUATION = "      -> ";
  /** Entries kept in memory and in the history file. */
  static final int HISTORY_ENTRIES_MAX = 1000;

  private InteractiveShell() {}

  static void run(ShellSession session, Terminal terminal, Path historyFile) {
    createPrivately(historyFile);
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("meridian sql")
        .parser(new ContinuationParser())
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.HISTORY_SIZE, HISTORY_ENTRIES_MAX)
        .variable(LineReader.HISTORY_FILE_SIZE, HISTORY_ENTRIES_MAX)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, PROMPT_CONTINUATION)
        // '!' is SQL (!=), not a history reference.
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
        .build();
    // Outside readLine (which handles Ctrl-C itself) an interrupt cancels the running statement.
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> session.cancelRunning());
    try {
      while (true) {
        String input;
        try {
          input = reader.readLine(session.prompt());
        } catch (UserInterruptException e) {
          continue;
        } catch (EndOfFileException e) {
          return;
        }
        if (runInput(session, input) == ShellSession.Step.QUIT) {
          return;
        }
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        session.out().println("warning: history not saved: " + e.getMessage());
      }
    }
  }

  private static ShellSession.Step runInput(ShellSession session, String input) {
    List<StatementSplitter.Piece> pieces;
    try {
      pieces = StatementSplitter.split(input);
    } catch (SplitException e) {
      session.out().println("ERROR: " + e.getMessage());
      return ShellSession.Step.FAILED;
    }
    for (StatementSplitter.Piece piece : pieces) {
      ShellSession.Step step = session.run(piece, "");
      if (step != ShellSession.Step.CONTINUE) {
        return step;
      }
    }
    return ShellSession.Step.CONTINUE;
  }

  /** History holds SQL, which may hold secrets: only its owner may read it. */
  private static void createPrivately(Path file) {
    if (Files.exists(file)) {
      return;
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException | UnsupportedOperationException e) {
      // jline creates it (or goes without history) on its own.
    }
  }
}

package meridian.server.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.CharBuffer;
import java.util.List;

/**
 * Runs statements from text (a {@code -e} argument, a file, or a pipe) in order, each as soon as
 * its {@code ;} has been read, and stops at the first failure. Reads in bounded chunks, so input of
 * any length runs in bounded memory.
 */
final class ScriptRunner {
  static final int CHUNK_CHARS = 8192;

  private final ShellSession session;
  private final PrintWriter err;
  /** Named in errors with the statement's line ({@code file.sql:12: ERROR ...}); null: no location. */
  private final String sourceName;

  ScriptRunner(ShellSession session, PrintWriter err, String sourceName) {
    this.session = session;
    this.err = err;
    this.sourceName = sourceName;
  }

  /** Exit code: {@link SqlShell#EXIT_OK}, {@link SqlShell#EXIT_FAILED} or {@link SqlShell#EXIT_CONNECTION}. */
  int run(Reader input) throws IOException {
    StatementSplitter splitter = new StatementSplitter();
    char[] chunk = new char[CHUNK_CHARS];
    try {
      for (int n = input.read(chunk); n >= 0; n = input.read(chunk)) {
        Integer exit = runAll(splitter.feed(CharBuffer.wrap(chunk, 0, n)));
        if (exit != null) {
          return exit;
        }
      }
      Integer exit = runAll(splitter.finish());
      return exit == null ? SqlShell.EXIT_OK : exit;
    } catch (SplitException e) {
      err.println(location(e.line()) + "ERROR: " + e.getMessage());
      err.flush();
      return SqlShell.EXIT_FAILED;
    }
  }

  /** Null to go on, or the exit code. */
  private Integer runAll(List<StatementSplitter.Piece> pieces) {
    for (StatementSplitter.Piece piece : pieces) {
      switch (session.run(piece, location(piece.line()))) {
        case CONTINUE -> {}
        case QUIT -> {
          return SqlShell.EXIT_OK;
        }
        case FAILED -> {
          return SqlShell.EXIT_FAILED;
        }
        case DISCONNECTED -> {
          return SqlShell.EXIT_CONNECTION;
        }
      }
    }
    return null;
  }

  private String location(int line) {
    return sourceName == null ? "" : sourceName + ":" + line + ": ";
  }
}

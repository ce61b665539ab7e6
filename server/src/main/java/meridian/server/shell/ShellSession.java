package meridian.server.shell;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One connection and what the shell keeps across statements: display settings, and whether it
 * opened a transaction. Runs one piece of input at a time and says whether to go on.
 *
 * <p>The {@code [txn]} mark follows the statements sent, not the server: a transaction is open
 * after a BEGIN (or START TRANSACTION) that succeeded, and closed after any COMMIT or ROLLBACK,
 * even one that failed (a failed commit has ended the transaction too). A transaction the server
 * ends on its own shows as open until the user's COMMIT or ROLLBACK.
 */
final class ShellSession {
  /** What to do after a piece of input. */
  enum Step {
    CONTINUE,
    QUIT,
    /** The statement or command failed; the error is printed. */
    FAILED,
    /** The connection is gone (SQLState class 08); the error is printed. */
    DISCONNECTED
  }

  private final Connection connection;
  private final PrintWriter out;
  private final PrintWriter err;
  private final LongSupplier nanoClock;
  private final BackslashCommands commands;
  private final OutputFormat format;
  private boolean timing;
  private boolean expanded;
  private boolean inTransaction;
  /** The statement running now, for a cancel from the terminal's interrupt handler (another thread). */
  private volatile Statement running;

  ShellSession(Connection connection, OutputFormat format, PrintWriter out, PrintWriter err, LongSupplier nanoClock) {
    this.connection = connection;
    this.format = format;
    this.out = out;
    this.err = err;
    this.nanoClock = nanoClock;
    this.commands = new BackslashCommands(this);
  }

  /** Runs a statement or a command; prints its result to out, or its error to err after {@code location}. */
  Step run(StatementSplitter.Piece piece, String location) {
    try {
      return switch (piece.kind()) {
        case SQL -> {
          runSql(piece.text());
          yield Step.CONTINUE;
        }
        case COMMAND -> commands.run(piece.text());
      };
    } catch (SQLException e) {
      printError(location + describe(e));
      return isConnectionFailure(e) ? Step.DISCONNECTED : Step.FAILED;
    } catch (CommandException e) {
      printError(location + "ERROR: " + e.getMessage());
      return Step.FAILED;
    } catch (RuntimeException e) {
      // A driver bug should not end an interactive session; the message is all a user can act on.
      printError(location + "ERROR: unexpected failure: " + e);
      if (System.getenv("MERIDIAN_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return Step.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private void runSql(String sql) throws SQLException {
    StatementKind kind = StatementKind.of(sql);
    boolean succeeded = false;
    try (Statement statement = connection.createStatement()) {
      running = statement;
      long started = nanoClock.getAsLong();
      boolean hasRows = statement.execute(sql);
      long elapsedNanos = nanoClock.getAsLong() - started;
      if (hasRows) {
        try (ResultSet rows = statement.getResultSet()) {
          elapsedNanos += printer().print(rows, out).fetchNanos();
        }
      } else if (format == OutputFormat.TABLE) {
        out.println(kind.tag(statement.getUpdateCount()));
      }
      succeeded = true;
      if (timing) {
        out.println(String.format(Locale.ROOT, "Time: %.1f ms", elapsedNanos / 1e6));
      }
    } finally {
      running = null;
      switch (kind) {
        case BEGIN -> inTransaction |= succeeded;
        case COMMIT, ROLLBACK -> inTransaction = false;
        default -> {}
      }
    }
  }

  /** Asks the server to stop the running statement, if any (Ctrl-C while a statement runs). */
  void cancelRunning() {
    Statement statement = running;
    if (statement == null) {
      return;
    }
    try {
      statement.cancel();
    } catch (SQLException e) {
      printError("cancel failed: " + describe(e));
    }
  }

  /** {@code ERROR 42601: message}, or {@code ERROR: message} when the driver gave no SQLState. */
  static String describe(SQLException e) {
    String state = e.getSQLState();
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return (state == null || state.isBlank() ? "ERROR: " : "ERROR " + state + ": ") + message;
  }

  private static boolean isConnectionFailure(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }

  private void printError(String line) {
    out.flush(); // results before the error, when both go to one terminal
    err.println(line);
    err.flush();
  }

  ResultPrinter printer() {
    return new ResultPrinter(format, expanded, ResultPrinter.TABLE_BATCH_ROWS, nanoClock);
  }

  String prompt() {
    return inTransaction ? "meridian[txn]> " : "meridian> ";
  }

  Connection connection() {
    return connection;
  }

  PrintWriter out() {
    return out;
  }

  boolean timing() {
    return timing;
  }

  void timing(boolean on) {
    timing = on;
  }

  boolean expanded() {
    return expanded;
  }

  void expanded(boolean on) {
    expanded = on;
  }

  boolean inTransaction() {
    return inTransaction;
  }
}

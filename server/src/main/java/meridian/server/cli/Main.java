package meridian.server.cli;

import java.io.PrintWriter;
import meridian.client.MeridianException;
import meridian.server.node.StartupException;
import meridian.storage.StorageException;
import picocli.CommandLine;

/**
 * Entry point of the {@code meridian} launcher. Every failure ends as one line on stderr and a
 * non-zero exit: 2 for a malformed command line, 1 for anything else the user can act on, 70 for
 * an internal error (whose stack trace is printed only with {@code MERIDIAN_DEBUG=1}).
 */
public final class Main {
  static final int EXIT_FAILURE = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_INTERNAL = 70;

  private Main() {}

  public static void main(String[] args) {
    // Logging is set up on first use: a node logs at INFO, the short-lived commands only warnings.
    boolean node = args.length > 0 && args[0].equals("node");
    if (System.getProperty("meridian.log.level") == null) {
      System.setProperty("meridian.log.level", node ? "INFO" : "WARN");
    }
    System.exit(run(args));
  }

  public static int run(String... args) {
    return run(null, null, args);
  }

  /** Runs a command with its output and errors sent to {@code out} and {@code err} (null: stdout, stderr). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new MeridianCommand());
    if (out != null) {
      cli.setOut(out);
    }
    if (err != null) {
      cli.setErr(err);
    }
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()));
    return cli.execute(args);
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("meridian: " + e.getMessage());
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    return EXIT_USAGE;
  }

  static int failure(Exception e, PrintWriter err) {
    switch (e) {
      case UserException user -> err.println("meridian: " + user.getMessage());
      case StartupException startup -> err.println("meridian: " + startup.getMessage());
      case StorageException storage -> err.println("meridian: " + storage.getMessage());
      case MeridianException call -> err.println("meridian: " + call.getMessage());
      case IllegalArgumentException bad -> err.println("meridian: " + bad.getMessage());
      case IllegalStateException state -> err.println("meridian: " + state.getMessage());
      default -> {
        err.println("meridian: internal error: " + e + " (set MERIDIAN_DEBUG=1 for the stack trace)");
        if (System.getenv("MERIDIAN_DEBUG") != null) {
          e.printStackTrace(err);
        }
        err.flush();
        return EXIT_INTERNAL;
      }
    }
    if (System.getenv("MERIDIAN_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_FAILURE;
  }
}

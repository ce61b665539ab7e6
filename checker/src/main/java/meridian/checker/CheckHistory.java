package meridian.checker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Command-line entry point: {@code CheckHistory --model register|bank|set|list-append|monotonic
 * [--search-states-max N] [--time-limit-seconds N] FILE} prints the result JSON on stdout (for
 * {@code register} the {@link VerdictJson verdict}, for the others the {@link CheckResultJson
 * result}) and exits {@value #EXIT_VALID} valid, {@value #EXIT_INVALID} invalid, {@value
 * #EXIT_UNKNOWN} unknown, {@value #EXIT_USAGE} for bad usage or unreadable input (one line on
 * stderr, never a stack trace). The search limits bound only the register's search.
 */
public final class CheckHistory {

  public static final int EXIT_VALID = 0;
  public static final int EXIT_INVALID = 1;
  public static final int EXIT_UNKNOWN = 2;
  public static final int EXIT_USAGE = 64;

  static final String USAGE = "usage: check-history --model "
      + String.join("|", Checkers.MODELS) + " [--search-states-max N] [--time-limit-seconds N] FILE";

  private CheckHistory() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Everything {@link #main} does except exiting; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String modelName = null;
    String file = null;
    CheckerConfig config = CheckerConfig.defaults();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--model" -> modelName = argument(args, ++i, "--model");
          case "--search-states-max" -> config = config.withSearchStatesMax(
              positive(argument(args, ++i, "--search-states-max"), "--search-states-max"));
          case "--time-limit-seconds" -> config = config.withTimeLimit(Duration.ofSeconds(
              positive(argument(args, ++i, "--time-limit-seconds"), "--time-limit-seconds")));
          case "-h", "--help" -> {
            out.println(USAGE);
            return EXIT_VALID;
          }
          default -> {
            if (args[i].startsWith("-")) {
              throw new UsageException("unknown option " + args[i]);
            }
            if (file != null) {
              throw new UsageException("one history file at a time (got " + file + " and "
                  + args[i] + ")");
            }
            file = args[i];
          }
        }
      }
      if (modelName == null) {
        throw new UsageException("--model is required");
      }
      if (file == null) {
        throw new UsageException("a history FILE is required");
      }
      if (!Checkers.MODELS.contains(modelName)) {
        throw new UsageException("unknown model \"" + modelName + "\" (known: "
            + String.join(", ", Checkers.MODELS) + ")");
      }
      History history = parse(Path.of(file));
      Validity valid;
      Optional<Model<?>> model = Model.named(modelName);
      if (model.isPresent()) {
        // The register's report keeps its own shape, which tools already read.
        Verdict verdict = new LinearizabilityChecker(config, System::nanoTime)
            .check(model.get(), history);
        out.println(VerdictJson.render(verdict));
        valid = verdict.valid();
      } else {
        CheckResult result = Checkers.check(modelName, history, config);
        out.println(CheckResultJson.render(result));
        valid = result.valid();
      }
      return switch (valid) {
        case VALID -> EXIT_VALID;
        case INVALID -> EXIT_INVALID;
        case UNKNOWN -> EXIT_UNKNOWN;
      };
    } catch (UsageException e) {
      err.println("check-history: " + e.getMessage());
      err.println(USAGE);
      return EXIT_USAGE;
    } catch (MalformedHistoryException e) {
      err.println("check-history: " + file + ": " + oneLine(e.getMessage()));
      return EXIT_USAGE;
    } catch (NoSuchFileException e) {
      err.println("check-history: no such file: " + file);
      return EXIT_USAGE;
    } catch (IOException e) {
      err.println("check-history: cannot read " + file + ": " + oneLine(String.valueOf(e)));
      return EXIT_USAGE;
    }
  }

  private static History parse(Path file) throws IOException, MalformedHistoryException {
    if (Files.isDirectory(file)) {
      throw new IOException("is a directory");
    }
    return HistoryParser.parse(file);
  }

  private static String argument(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static long positive(String text, String option) throws UsageException {
    try {
      long n = Long.parseLong(text);
      if (n < 1) {
        throw new UsageException(option + " must be at least 1, not " + text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a whole number, not " + text);
    }
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ");
  }

  private static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}

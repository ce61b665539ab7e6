package meridian.server.cli;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import meridian.server.cluster.ClusterFile;
import meridian.server.shell.OutputFormat;
import meridian.server.shell.SqlShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meridian sql}: the SQL shell; see {@link meridian.server.shell}. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "The SQL shell, through JDBC: interactive at a terminal; with -e, -f or piped input it runs the statements in order",
      "and stops at the first error (exit 1; exit 2 when it cannot connect)."
    })
public final class SqlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "JDBC URL, jdbc:meridian://host:port[,host:port...] (default: every node of the cluster in --dir).")
  String url;

  @Option(
      names = "--dir",
      defaultValue = "./meridian-data",
      description = "Directory of a cluster started by 'meridian up', used when --url is not given (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Run these statements (separated by ';') and exit.")
  String execute;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run the statements in FILE ('-' for stdin) and exit.")
  String file;

  @Option(
      names = "--format",
      defaultValue = "table",
      converter = FormatConverter.class,
      description = "How rows are printed: table, csv or tsv (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  /** Where piped statements come from; a test may replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    if (execute != null && file != null) {
      throw new ParameterException(spec.commandLine(), "give either -e SQL or -f FILE, not both");
    }
    String target = url != null ? url : clusterUrl();
    SqlShell.Input input;
    if (execute != null) {
      input = new SqlShell.Input.Text(execute);
    } else if (file != null) {
      input = file.equals("-") ? new SqlShell.Input.Piped(stdin) : new SqlShell.Input.Script(Path.of(file));
    } else if (stdin == System.in && stdinIsTerminal()) {
      input = new SqlShell.Input.Interactive();
    } else {
      input = new SqlShell.Input.Piped(stdin);
    }
    return SqlShell.run(target, input, format, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  private String clusterUrl() {
    if (!ClusterFile.exists(dir)) {
      throw new UserException(
          "no cluster found in " + dir.toAbsolutePath().normalize()
              + " (pass --url jdbc:meridian://host:port, or start a cluster with 'meridian up')");
    }
    return JdbcUrl.of(ClusterFile.read(dir).addresses());
  }

  /**
   * Whether a person types at stdin. Before Java 22 the JVM has a console only then; from Java 22
   * on it may have one anyway, and {@code Console.isTerminal()} (called by reflection, since the
   * code is compiled for 21) tells.
   */
  private static boolean stdinIsTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  static final class FormatConverter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}

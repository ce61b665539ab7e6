package meridian.server.cli;

import meridian.server.admin.Versions;
import picocli.CommandLine.Command;

/** {@code meridian}: the one launcher. */
@Command(
    name = "meridian",
    mixinStandardHelpOptions = true,
    versionProvider = MeridianCommand.VersionProvider.class,
    description = "Meridian: a Spanner-style distributed SQL database.",
    subcommands = {
      NodeCommand.class,
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      HealthCommand.class,
      KvCommand.class,
      SqlCommand.class,
      BenchCommand.class,
      TxnBenchCommand.class,
      SqlBenchCommand.class,
      CheckHistoryCommand.class,
      JepsenCommand.class,
      TransferCommand.class,
      SplitCommand.class
    })
public final class MeridianCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** Prints the version from the jar manifest. */
  public static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"meridian " + Versions.meridian()};
    }
  }
}

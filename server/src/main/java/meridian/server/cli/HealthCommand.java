package meridian.server.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import meridian.client.MeridianException;
import meridian.client.NodeAddress;
import meridian.client.NodeClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code meridian health}: asks one node's standard gRPC health service, for container health
 * checks and scripts. Exit 0 and {@code host:port SERVING} on stdout when the node serves; exit 1
 * and one line otherwise: {@code host:port NOT_SERVING} on stdout when the node answers that it
 * does not serve (its TrueTime is fenced), or the reason on stderr when it does not answer.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Ask one node's gRPC health service: exit 0 when it is SERVING, 1 otherwise (one line of output).")
public final class HealthCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--node",
      defaultValue = "127.0.0.1:7701",
      converter = AddressConverter.class,
      description = "The node's gRPC address host:port (default: ${DEFAULT-VALUE}).")
  NodeAddress node;

  @Option(
      names = "--timeout",
      defaultValue = "3s",
      converter = DurationConverter.class,
      description = "How long to wait for the answer, connecting included (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new UserException("--timeout must be positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (NodeClient client = new NodeClient(node, timeout)) {
      boolean serving = client.isServing();
      out.println(node + (serving ? " SERVING" : " NOT_SERVING"));
      out.flush();
      return serving ? 0 : Main.EXIT_FAILURE;
    } catch (MeridianException e) {
      // The client's generic text for a deadline speaks of an unknown outcome, which means nothing
      // for a question that changes no state.
      String reason = e.kind() == MeridianException.Kind.DEADLINE_EXCEEDED
          ? "health check at node " + node + ": no answer within " + timeout.toMillis() + " ms"
          : e.getMessage();
      throw new UserException(reason);
    }
  }
}

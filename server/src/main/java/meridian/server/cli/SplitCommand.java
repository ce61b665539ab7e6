package meridian.server.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import meridian.client.MeridianException;
import meridian.client.NodeClient;
import meridian.proto.v1.RangeDescriptor;
import meridian.proto.v1.SplitRangeResponse;
import meridian.server.replication.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meridian split KEY...}: splits ranges at keys, each through the first reachable node, which
 * runs the split as a transaction over the range map and the group being split. The part of the
 * range from the key on must hold no data yet.
 */
@Command(
    name = "split",
    mixinStandardHelpOptions = true,
    description = {
      "Split the range that holds each KEY at KEY: the part from KEY on becomes a new Paxos group on the same replicas.",
      "That part must hold no data yet (split a table's key space before loading it). A KEY that already starts a range is left as it is."
    })
public final class SplitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterTarget target;

  @Parameters(arity = "1..*", paramLabel = "KEY", description = "Split keys (UTF-8, or hex with --hex).")
  java.util.List<String> keys;

  @Option(names = "--hex", description = "Keys are given in hex.")
  boolean hex;

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long one split may take (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MeridianException last = null;
    for (ClusterTarget.Target candidate : target.resolve()) {
      try (NodeClient client = new NodeClient(candidate.address(), timeout)) {
        for (String key : keys) {
          byte[] at = hex ? parseHex(key) : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          SplitRangeResponse r = client.splitRange(at);
          out.printf("%s: %s | %s%n", r.getAlreadySplit() ? "already split" : "split", show(r.getLeft()), show(r.getRight()));
        }
        return 0;
      } catch (MeridianException e) {
        if (e.kind() != MeridianException.Kind.UNAVAILABLE) {
          throw new UserException("split failed: " + e.getMessage());
        }
        last = e;
      }
    }
    throw new UserException("no node could split (last: " + (last == null ? "none" : last.getMessage()) + ")");
  }

  static String show(RangeDescriptor r) {
    String start = r.getStartKey().isEmpty() ? "-inf" : Keys.show(r.getStartKey().toByteArray());
    String end = r.getEndUnbounded() ? "+inf" : Keys.show(r.getEndKey().toByteArray());
    return "group " + r.getGroupId() + " [" + start + ", " + end + ") on " + String.join(",", r.getReplicasList());
  }

  private static byte[] parseHex(String text) {
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new UserException("'" + text + "' is not hex: " + e.getMessage());
    }
  }
}

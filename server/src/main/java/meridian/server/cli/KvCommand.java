package meridian.server.cli;

import com.google.protobuf.ByteString;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import meridian.client.MeridianException;
import java.util.concurrent.Callable;
import meridian.client.NodeClient;
import meridian.proto.v1.GetResponse;
import meridian.proto.v1.KeyValue;
import meridian.proto.v1.ScanResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code meridian kv}: the replicated key/value service. Any node serves any key (it forwards to
 * the leader of the key's Paxos group); the command talks to the first of {@code --node}, or the
 * first node of the cluster in {@code --dir}.
 */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    description = "Read and write keys through a node's key/value service.",
    subcommands = {KvCommand.Put.class, KvCommand.Get.class, KvCommand.Scan.class, KvCommand.Delete.class, KvCommand.Cas.class})
public final class KvCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin ClusterTarget target;

  @Option(names = "--hex", description = "Keys and values are given and shown as hex.", scope = picocli.CommandLine.ScopeType.INHERIT)
  boolean hex;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Deadline of the call (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: put, get, scan or delete");
  }

  /** The first node that answers a health check (any node serves any key). */
  NodeClient connect() {
    List<ClusterTarget.Target> nodes = target.resolve();
    MeridianException last = null;
    for (ClusterTarget.Target node : nodes) {
      NodeClient client = new NodeClient(node.address(), timeout);
      try (NodeClient probe = new NodeClient(node.address(), Duration.ofSeconds(2))) {
        probe.isServing();
        return client;
      } catch (MeridianException e) {
        client.close();
        last = e;
      }
    }
    throw last;
  }

  byte[] bytes(String text) {
    if (!hex) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new UserException("'" + text + "' is not hex: " + e.getMessage());
    }
  }

  String show(ByteString bytes) {
    return hex ? HexFormat.of().formatHex(bytes.toByteArray()) : bytes.toStringUtf8();
  }

  @Command(name = "put", mixinStandardHelpOptions = true, description = "Write a value.")
  static final class Put implements Callable<Integer> {
    @ParentCommand KvCommand kv;
    @Spec CommandSpec spec;
    @Parameters(index = "0") String key;
    @Parameters(index = "1") String value;

    @Override
    public Integer call() {
      try (NodeClient client = kv.connect()) {
        long ts = client.put(kv.bytes(key), kv.bytes(value));
        spec.commandLine().getOut().printf("OK (commit timestamp %d)%n", ts);
      }
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Read a value; exit 1 when the key is absent.")
  static final class Get implements Callable<Integer> {
    @ParentCommand KvCommand kv;
    @Spec CommandSpec spec;
    @Parameters(index = "0") String key;

    @Option(names = "--at", defaultValue = "0", description = "Read timestamp in microseconds (default: latest).")
    long atMicros;

    @Override
    public Integer call() {
      try (NodeClient client = kv.connect()) {
        GetResponse response = client.get(kv.bytes(key), atMicros);
        PrintWriter out = spec.commandLine().getOut();
        if (!response.getFound()) {
          out.println("(not found)");
          return Main.EXIT_FAILURE;
        }
        out.println(kv.show(response.getValue()));
        return 0;
      }
    }
  }

  @Command(name = "scan", mixinStandardHelpOptions = true, description = "List keys in [start, end) in byte order.")
  static final class Scan implements Callable<Integer> {
    @ParentCommand KvCommand kv;
    @Spec CommandSpec spec;
    @Parameters(index = "0", defaultValue = "", description = "First key (default: the start).") String start;
    @Parameters(index = "1", defaultValue = "", description = "End key, excluded (default: the end).") String end;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
      if (limit < 1) {
        throw new UserException("--limit must be at least 1");
      }
      try (NodeClient client = kv.connect()) {
        ScanResponse response = client.scan(kv.bytes(start), kv.bytes(end), limit, 0);
        PrintWriter out = spec.commandLine().getOut();
        for (KeyValue row : response.getRowsList()) {
          out.printf("%s\t%s%n", kv.show(row.getKey()), kv.show(row.getValue()));
        }
        out.printf("(%d row%s%s)%n", response.getRowsCount(), response.getRowsCount() == 1 ? "" : "s", response.getMore() ? ", more" : "");
      }
      return 0;
    }
  }

  @Command(
      name = "cas",
      mixinStandardHelpOptions = true,
      description = "Compare-and-set: write NEW only if the current value is EXPECTED; exit 1 when it is not.")
  static final class Cas implements Callable<Integer> {
    @ParentCommand KvCommand kv;
    @Spec CommandSpec spec;
    @Parameters(index = "0") String key;

    @Parameters(index = "1", description = "The value expected now (see --expect-absent).", arity = "0..1")
    String expected;

    @Parameters(index = "2", description = "The new value (see --delete).", arity = "0..1")
    String newValue;

    @Option(names = "--expect-absent", description = "Succeed only if the key does not exist (no EXPECTED).")
    boolean expectAbsent;

    @Option(names = "--delete", description = "Delete the key instead of writing NEW.")
    boolean delete;

    @Override
    public Integer call() {
      // With --expect-absent the only positional after the key is NEW.
      String expectedText = expectAbsent ? null : expected;
      String newText = expectAbsent ? expected : newValue;
      if (!expectAbsent && expected == null) {
        throw new UserException("give the EXPECTED value, or --expect-absent");
      }
      if (delete == (newText != null)) {
        throw new UserException("give either a NEW value or --delete");
      }
      try (NodeClient client = kv.connect()) {
        var response =
            client.compareAndSet(
                kv.bytes(key), expectedText == null ? null : kv.bytes(expectedText), delete ? null : kv.bytes(newText));
        PrintWriter out = spec.commandLine().getOut();
        if (response.getSucceeded()) {
          out.printf("OK (commit timestamp %d)%n", response.getCommitTimestampMicros());
          return 0;
        }
        out.println(
            response.getCurrentFound() ? "FAILED: current value is " + kv.show(response.getCurrentValue()) : "FAILED: key is absent");
        return Main.EXIT_FAILURE;
      }
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key.")
  static final class Delete implements Callable<Integer> {
    @ParentCommand KvCommand kv;
    @Spec CommandSpec spec;
    @Parameters(index = "0") String key;

    @Override
    public Integer call() {
      try (NodeClient client = kv.connect()) {
        long ts = client.delete(kv.bytes(key));
        spec.commandLine().getOut().printf("OK (commit timestamp %d)%n", ts);
      }
      return 0;
    }
  }
}

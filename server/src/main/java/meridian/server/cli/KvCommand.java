package meridian.server.cli;

import com.google.protobuf.ByteString;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
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
 * {@code meridian kv}: the key/value service of one node. Until replication lands the data is
 * node-local, so every subcommand talks to one node: the first of {@code --node}, or the first
 * node of the cluster in {@code --dir}.
 */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    description = "Read and write keys through a node's key/value service.",
    subcommands = {KvCommand.Put.class, KvCommand.Get.class, KvCommand.Scan.class, KvCommand.Delete.class})
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

  NodeClient connect() {
    return new NodeClient(target.resolve().getFirst().address(), timeout);
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

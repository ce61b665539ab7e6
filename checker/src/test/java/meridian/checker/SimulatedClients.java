package meridian.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulates concurrent clients of a correct store and records the history, which is therefore
 * correct by construction: each operation takes effect atomically at one instant between its invoke
 * and its completion; a crashed one ({@code info}, or never completed) takes effect at a random
 * later instant or never. What an operation does is the {@link Workload}'s business. Deterministic
 * for a seed. Lines are JSON objects without their {@code time}, which {@link #render} assigns from
 * the position, so tests may insert and edit lines freely.
 */
final class SimulatedClients {

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** A workload: the operations clients invoke, applied to the workload's own state. */
  interface Workload {
    Pending next(Random random);

    /** An operation run alone after every other has ended (a final read), or null. */
    default Pending last() {
      return null;
    }
  }

  /**
   * An operation: what its invoke says, and what it does when it takes effect.
   *
   * @param key null for none
   * @param apply takes effect at logical time {@code now} (operations applied so far) and returns
   *     the completion
   */
  record Pending(String f, JsonNode key, JsonNode invokeValue, Apply apply) {}

  interface Apply {
    Completion at(long now, Random random);
  }

  /** {@code type} is {@code ok} or {@code fail}. */
  record Completion(String type, JsonNode value) {
    static Completion ok(JsonNode value) {
      return new Completion("ok", value);
    }

    static Completion fail(JsonNode value) {
      return new Completion("fail", value);
    }
  }

  record Shape(int processes, int opsMax, int indeterminateMax) {}

  private static final class InFlight {
    final long process;
    final Pending op;
    Completion completion;

    InFlight(long process, Pending op) {
      this.process = process;
      this.op = op;
    }
  }

  private final Random random;
  private final Shape shape;
  private final Workload workload;
  private final List<ObjectNode> lines = new ArrayList<>();
  private final Map<Long, InFlight> inFlight = new HashMap<>();
  private final List<InFlight> crashed = new ArrayList<>();
  private final List<Long> idle = new ArrayList<>();
  private long nextProcess;
  private long applied;
  private int started;
  private int indeterminate;

  private SimulatedClients(long seed, Shape shape, Workload workload) {
    this.random = new Random(seed);
    this.shape = shape;
    this.workload = workload;
    for (nextProcess = 0; nextProcess < shape.processes(); nextProcess++) {
      idle.add(nextProcess);
    }
  }

  static List<ObjectNode> run(long seed, Shape shape, Workload workload) {
    return new SimulatedClients(seed, shape, workload).run();
  }

  private List<ObjectNode> run() {
    while (started < shape.opsMax() || !inFlight.isEmpty()) {
      int action = random.nextInt(10);
      if (action < 3 && !idle.isEmpty() && started < shape.opsMax()) {
        invoke(idle.remove(random.nextInt(idle.size())), workload.next(random));
      } else if (action < 6) {
        List<InFlight> unapplied = sorted(inFlight.values().stream()
            .filter(p -> p.completion == null).toList());
        if (!unapplied.isEmpty()) {
          apply(unapplied.get(random.nextInt(unapplied.size())));
        }
      } else if (action < 9) {
        completeSome();
      } else if (indeterminate < shape.indeterminateMax() && !inFlight.isEmpty()) {
        crash(random.nextInt(4) == 0);
      } else if (!crashed.isEmpty() && random.nextBoolean()) {
        apply(crashed.remove(random.nextInt(crashed.size()))); // a zombie taking effect late
      }
    }
    Pending last = workload.last();
    if (last != null) {
      InFlight op = invoke(nextProcess++, last);
      apply(op);
      complete(op);
    }
    return lines;
  }

  private static List<InFlight> sorted(List<InFlight> ops) {
    List<InFlight> copy = new ArrayList<>(ops);
    copy.sort((a, b) -> Long.compare(a.process, b.process));
    return copy;
  }

  private InFlight invoke(long process, Pending op) {
    InFlight f = new InFlight(process, op);
    inFlight.put(process, f);
    started++;
    lines.add(line(process, "invoke", op.f(), op.key(), op.invokeValue()));
    return f;
  }

  private void apply(InFlight op) {
    op.completion = op.op.apply().at(applied++, random);
  }

  private void completeSome() {
    List<InFlight> done = sorted(inFlight.values().stream()
        .filter(p -> p.completion != null).toList());
    if (!done.isEmpty()) {
      complete(done.get(random.nextInt(done.size())));
    }
  }

  private void complete(InFlight op) {
    inFlight.remove(op.process);
    idle.add(op.process);
    lines.add(line(op.process, op.completion.type(), op.op.f(), op.op.key(),
        op.completion.value()));
  }

  /** The op's client times out: info now (or, if {@code silent}, never completes). */
  private void crash(boolean silent) {
    List<InFlight> ops = sorted(List.copyOf(inFlight.values()));
    InFlight op = ops.get(random.nextInt(ops.size()));
    inFlight.remove(op.process);
    indeterminate++;
    if (!silent) {
      lines.add(line(op.process, "info", op.op.f(), op.op.key(), JSON.textNode(":timed-out")));
    }
    if (op.completion == null) {
      crashed.add(op);
    }
    idle.add(silent || random.nextBoolean() ? nextProcess++ : op.process);
  }

  static ObjectNode line(Object process, String type, String f, JsonNode key, JsonNode value) {
    ObjectNode line = JSON.objectNode();
    line.set("process", process instanceof String s ? JSON.textNode(s)
        : JSON.numberNode(((Number) process).longValue()));
    line.put("type", type);
    line.put("f", f);
    if (key != null) {
      line.set("key", key);
    }
    line.set("value", value == null ? JSON.nullNode() : value);
    return line;
  }

  /** The history text; each line's time is its position (1-based) times 1000 ns. */
  static String render(List<ObjectNode> lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      ObjectNode line = lines.get(i).deepCopy();
      line.put("time", (i + 1) * 1000L);
      text.append(line).append('\n');
    }
    return text.toString();
  }

  static History parse(List<ObjectNode> lines) throws MalformedHistoryException {
    return HistoryParser.parse(render(lines));
  }

  /** The position of the invoke that {@code lines.get(completion)} completes. */
  static int invokeOf(List<ObjectNode> lines, int completion) {
    JsonNode process = lines.get(completion).get("process");
    for (int i = completion - 1; i >= 0; i--) {
      if (lines.get(i).get("process").equals(process)
          && lines.get(i).get("type").asText().equals("invoke")) {
        return i;
      }
    }
    throw new IllegalArgumentException("no invoke for line " + completion);
  }
}

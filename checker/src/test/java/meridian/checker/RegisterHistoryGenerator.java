package meridian.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulates clients of a correct (atomic) register store and records the history, so the history
 * is linearizable by construction: each operation takes effect at one instant chosen between its
 * invoke and its completion; a crashed (info or unterminated) operation takes effect at a random
 * later instant or never; a cas whose compare fails completes {@code fail} and changes nothing.
 * Deterministic for a seed.
 */
final class RegisterHistoryGenerator {

  /**
   * @param uniqueValues every write and cas writes a fresh value (needed to inject anomalies);
   *     otherwise values come from a small range, which makes states repeat as in real histories
   */
  record Shape(int processes, int opsMax, int keys, boolean keyless, int indeterminateMax,
      boolean uniqueValues) {}

  /** One history line without its time (the time is its position, assigned when rendered). */
  record Line(long process, String type, String f, String key, String valueJson) {
    String render(int time) {
      return "{\"process\": " + process + ", \"type\": \"" + type + "\", \"f\": \"" + f + "\""
          + (key == null ? "" : ", \"key\": \"" + key + "\"")
          + ", \"value\": " + valueJson + ", \"time\": " + time + "}";
    }
  }

  static String render(List<Line> lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      text.append(lines.get(i).render(i + 1)).append('\n');
    }
    return text.toString();
  }

  /** An operation in flight or crashed. */
  private static final class Pending {
    final long process;
    final String f;
    final String key;
    final Long written; // write: the value; cas: the new value
    final Long expected; // cas only
    boolean applied;
    Long result; // read result once applied
    boolean casMatched;

    Pending(long process, String f, String key, Long written, Long expected) {
      this.process = process;
      this.f = f;
      this.key = key;
      this.written = written;
      this.expected = expected;
    }

    String invokeValue() {
      return switch (f) {
        case "read" -> "null";
        case "write" -> json(written);
        case "cas" -> "[" + json(expected) + ", " + json(written) + "]";
        default -> throw new IllegalStateException(f);
      };
    }
  }

  private final Random random;
  private final Shape shape;
  private final List<Line> lines = new ArrayList<>();
  private final Map<String, Long> register = new HashMap<>();
  private final Map<String, List<Long>> history = new HashMap<>();
  private final Map<Long, Pending> inFlight = new HashMap<>();
  private final List<Pending> crashed = new ArrayList<>();
  private final List<Long> idle = new ArrayList<>();
  private long nextProcess;
  private long nextValue = 1;
  private int started;
  private int indeterminate;

  private RegisterHistoryGenerator(long seed, Shape shape) {
    this.random = new Random(seed);
    this.shape = shape;
    for (nextProcess = 0; nextProcess < shape.processes(); nextProcess++) {
      idle.add(nextProcess);
    }
  }

  static List<Line> generate(long seed, Shape shape) {
    return new RegisterHistoryGenerator(seed, shape).run();
  }

  private List<Line> run() {
    while (started < shape.opsMax() || !inFlight.isEmpty()) {
      int action = random.nextInt(10);
      if (action < 3 && !idle.isEmpty() && started < shape.opsMax()) {
        invoke();
      } else if (action < 6) {
        applySome();
      } else if (action < 9) {
        completeSome();
      } else if (indeterminate < shape.indeterminateMax() && !inFlight.isEmpty()) {
        crash(random.nextInt(4) == 0);
      } else if (!crashed.isEmpty() && random.nextBoolean()) {
        Pending zombie = crashed.remove(random.nextInt(crashed.size()));
        apply(zombie); // a crashed operation taking effect late (or, if never picked, never)
      }
    }
    return lines;
  }

  private void invoke() {
    long process = idle.remove(random.nextInt(idle.size()));
    String key = shape.keyless() ? null : "k" + random.nextInt(shape.keys());
    String registerKey = key == null ? "" : key;
    Pending op = switch (random.nextInt(3)) {
      case 0 -> new Pending(process, "read", key, null, null);
      case 1 -> new Pending(process, "write", key, freshValue(), null);
      default -> new Pending(process, "cas", key, freshValue(), casExpected(registerKey));
    };
    inFlight.put(process, op);
    started++;
    lines.add(new Line(process, "invoke", op.f, key, op.invokeValue()));
  }

  private Long freshValue() {
    return shape.uniqueValues() ? nextValue++ : (long) random.nextInt(5);
  }

  private Long casExpected(String key) {
    List<Long> seen = history.getOrDefault(key, List.of());
    if (random.nextBoolean() || seen.isEmpty()) {
      return register.get(key);
    }
    return random.nextInt(4) == 0 ? null : seen.get(random.nextInt(seen.size()));
  }

  private void applySome() {
    List<Pending> unapplied = inFlight.values().stream().filter(p -> !p.applied).toList();
    if (!unapplied.isEmpty()) {
      apply(unapplied.get(random.nextInt(unapplied.size())));
    }
  }

  private void apply(Pending op) {
    String key = op.key == null ? "" : op.key;
    Long current = register.get(key);
    switch (op.f) {
      case "read" -> op.result = current;
      case "write" -> set(key, op.written);
      case "cas" -> {
        op.casMatched = java.util.Objects.equals(current, op.expected);
        if (op.casMatched) {
          set(key, op.written);
        }
      }
      default -> throw new IllegalStateException(op.f);
    }
    op.applied = true;
  }

  private void set(String key, Long value) {
    register.put(key, value);
    history.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private void completeSome() {
    List<Pending> applied = inFlight.values().stream().filter(p -> p.applied).toList();
    if (applied.isEmpty()) {
      return;
    }
    Pending op = applied.get(random.nextInt(applied.size()));
    inFlight.remove(op.process);
    idle.add(op.process);
    String type = op.f.equals("cas") && !op.casMatched ? "fail" : "ok";
    String value = op.f.equals("read") ? json(op.result) : op.invokeValue();
    lines.add(new Line(op.process, type, op.f, op.key, value));
  }

  /** The op's process times out: info now (or, if {@code silent}, never completes). */
  private void crash(boolean silent) {
    List<Long> processes = new ArrayList<>(inFlight.keySet());
    processes.sort(null);
    Pending op = inFlight.remove(processes.get(random.nextInt(processes.size())));
    indeterminate++;
    if (!silent) {
      lines.add(new Line(op.process, "info", op.f, op.key, "\":timed-out\""));
    }
    if (!op.applied) {
      crashed.add(op);
    }
    // Jepsen gives a crashed client a new process; reusing the id after an info is legal too.
    if (silent || random.nextBoolean()) {
      idle.add(nextProcess++);
    } else {
      idle.add(op.process);
    }
  }

  static String json(Long value) {
    return value == null ? "null" : value.toString();
  }
}

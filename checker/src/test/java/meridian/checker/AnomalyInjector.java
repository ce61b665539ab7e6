package meridian.checker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Inserts into a generated history (with unique written values) a few lines that make it
 * non-linearizable whatever the rest of it does; each kind's comment says why.
 */
final class AnomalyInjector {

  enum Kind {
    /**
     * After W1 (value a) and then W2 (invoked after W1 completed) both completed ok, a new read
     * returns a. Only W1 wrote a, and the read must follow W2, which follows W1.
     */
    STALE_READ,
    /**
     * A new write of a completes ok, then a new read returns p, whose only writer completed before
     * the write was invoked (or null, which nothing writes): the write was lost.
     */
    LOST_WRITE,
    /** An ok read returns a value nothing ever wrote. */
    NEVER_WRITTEN_READ,
    /**
     * A new write of a completes ok, then a new cas [q, fresh] succeeds, where q's only writer
     * completed before the write (or q is null): the cas compared against the wrong value.
     */
    WRONG_CAS
  }

  /** A definite ok write or cas, as seen in a prefix of the history. */
  private record Written(String key, String value, int invokeAt, int completeAt) {}

  private static final long INJECTED_PROCESS = 1_000_000;
  private static final long NEVER_WRITTEN_VALUE = -424242;
  private static final long INJECTED_VALUE = 900_000_000;

  private AnomalyInjector() {}

  /** The injected history and the key the anomaly is on. */
  record Injected(List<RegisterHistoryGenerator.Line> lines, String key) {}

  static Injected inject(List<RegisterHistoryGenerator.Line> original, Kind kind, Random random) {
    List<RegisterHistoryGenerator.Line> lines = new ArrayList<>(original);
    int at = lines.size() / 2 + random.nextInt(lines.size() / 2 + 1);
    List<Written> before = writtenBefore(lines, at);
    String key = before.isEmpty() ? lines.get(0).key()
        : before.get(random.nextInt(before.size())).key();
    List<String> keyValues = new ArrayList<>();
    keyValues.add("null");
    before.stream().filter(w -> java.util.Objects.equals(w.key(), key))
        .forEach(w -> keyValues.add(w.value()));
    String old = keyValues.get(random.nextInt(keyValues.size()));
    long p = INJECTED_PROCESS;
    String fresh = Long.toString(INJECTED_VALUE + random.nextInt(1000));
    switch (kind) {
      case STALE_READ -> {
        List<Written[]> pairs = new ArrayList<>();
        for (Written w1 : before) {
          for (Written w2 : before) {
            if (java.util.Objects.equals(w1.key(), w2.key())
                && w2.invokeAt() > w1.completeAt()) {
              pairs.add(new Written[] {w1, w2});
            }
          }
        }
        if (pairs.isEmpty()) {
          throw new IllegalStateException("no two sequential writes before line " + at);
        }
        Written[] pair = pairs.get(random.nextInt(pairs.size()));
        insert(lines, at, line(p, "invoke", "read", pair[0].key(), "null"),
            line(p, "ok", "read", pair[0].key(), pair[0].value()));
        return new Injected(lines, pair[0].key());
      }
      case LOST_WRITE -> insert(lines, at,
          line(p, "invoke", "write", key, fresh), line(p, "ok", "write", key, fresh),
          line(p + 1, "invoke", "read", key, "null"), line(p + 1, "ok", "read", key, old));
      case NEVER_WRITTEN_READ -> {
        List<Integer> reads = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).type().equals("ok") && lines.get(i).f().equals("read")) {
            reads.add(i);
          }
        }
        if (reads.isEmpty()) {
          insert(lines, at, line(p, "invoke", "read", key, "null"),
              line(p, "ok", "read", key, Long.toString(NEVER_WRITTEN_VALUE)));
          return new Injected(lines, key);
        }
        int i = reads.get(random.nextInt(reads.size()));
        RegisterHistoryGenerator.Line read = lines.get(i);
        lines.set(i, line(read.process(), "ok", "read", read.key(),
            Long.toString(NEVER_WRITTEN_VALUE)));
        return new Injected(lines, read.key());
      }
      case WRONG_CAS -> insert(lines, at,
          line(p, "invoke", "write", key, fresh), line(p, "ok", "write", key, fresh),
          line(p + 1, "invoke", "cas", key, "[" + old + ", " + (INJECTED_VALUE - 1) + "]"),
          line(p + 1, "ok", "cas", key, "[" + old + ", " + (INJECTED_VALUE - 1) + "]"));
    }
    return new Injected(lines, key);
  }

  private static RegisterHistoryGenerator.Line line(
      long process, String type, String f, String key, String value) {
    return new RegisterHistoryGenerator.Line(process, type, f, key, value);
  }

  private static void insert(List<RegisterHistoryGenerator.Line> lines, int at,
      RegisterHistoryGenerator.Line... block) {
    lines.addAll(at, List.of(block));
  }

  /** Definite ok writes and cas that completed before position {@code end}. */
  private static List<Written> writtenBefore(List<RegisterHistoryGenerator.Line> lines, int end) {
    Map<Long, Integer> invokedAt = new HashMap<>();
    List<Written> written = new ArrayList<>();
    for (int i = 0; i < end; i++) {
      RegisterHistoryGenerator.Line line = lines.get(i);
      switch (line.type()) {
        case "invoke" -> invokedAt.put(line.process(), i);
        case "ok" -> {
          int invoke = invokedAt.remove(line.process());
          switch (line.f()) {
            case "write" -> written.add(new Written(line.key(), line.valueJson(), invoke, i));
            case "cas" -> written.add(new Written(line.key(), newValueOfCas(line.valueJson()),
                invoke, i));
            default -> { }
          }
        }
        default -> invokedAt.remove(line.process());
      }
    }
    return written;
  }

  private static String newValueOfCas(String json) {
    return json.substring(json.indexOf(',') + 1, json.length() - 1).trim();
  }
}

package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read-write transactions of one to {@value #MICRO_OPS_MAX} appends and reads over a few keys at a
 * time (rows of {@code jepsen_append}; a list is its comma-separated value; the table is split so
 * that keys live in several Paxos groups). Every value appended is unique. Judged by the
 * list-append checker (strict serializability, from the dependencies the lists reveal).
 */
final class ListAppendWorkload implements Workload {
  static final int MICRO_OPS_MAX = 4;
  static final int KEYS_AT_ONCE = 20;
  static final int TXNS_PER_KEY_SET = 300;

  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong nextValue = new AtomicLong(1);

  @Override
  public String name() {
    return "list-append";
  }

  @Override
  public void setup(Connection c, HistoryWriter history) throws SQLException {
    Sql.createSplit(c, "jepsen_append", "k INT64 PRIMARY KEY, v STRING", 3, 12, 24);
  }

  @Override
  public Op next(Random random) {
    long keySet = issued.getAndIncrement() / TXNS_PER_KEY_SET;
    int n = 1 + random.nextInt(MICRO_OPS_MAX);
    List<List<Object>> micro = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long key = keySet * KEYS_AT_ONCE + random.nextInt(KEYS_AT_ONCE);
      micro.add(random.nextBoolean()
          ? Arrays.asList("append", key, nextValue.getAndIncrement())
          : Arrays.asList("r", key, null));
    }
    return new Op("txn", null, micro);
  }

  @Override
  public Object run(Connection c, Op op) throws SQLException, Outcomes.NotCommitted, Refused {
    List<?> micro = (List<?>) op.value();
    return Sql.inTransaction(c, () -> {
      List<List<Object>> done = new ArrayList<>();
      for (Object m : micro) {
        List<?> step = (List<?>) m;
        long key = (Long) step.get(1);
        String current = Sql.string(c, "SELECT v FROM jepsen_append WHERE k = ?", key);
        if (step.get(0).equals("r")) {
          done.add(Arrays.asList("r", key, parse(current)));
        } else {
          long value = (Long) step.get(2);
          String next = current == null || current.isEmpty() ? Long.toString(value) : current + "," + value;
          try (var s = c.prepareStatement("INSERT OR UPDATE INTO jepsen_append (k, v) VALUES (?, ?)")) {
            s.setLong(1, key);
            s.setString(2, next);
            s.executeUpdate();
          }
          done.add(Arrays.asList("append", key, value));
        }
      }
      return done;
    });
  }

  static List<Long> parse(String list) {
    List<Long> values = new ArrayList<>();
    if (list != null && !list.isEmpty()) {
      for (String v : list.split(",")) {
        values.add(Long.parseLong(v));
      }
    }
    return values;
  }

  @Override
  public boolean readOnly(Op op) {
    return ((List<?>) op.value()).stream().allMatch(m -> ((List<?>) m).get(0).equals("r"));
  }

  @Override
  public List<Op> finalOps() {
    return List.of();
  }
}

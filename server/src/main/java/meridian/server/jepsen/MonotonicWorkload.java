package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * Counters ({@code jepsen_counter}, split over several groups): increments are read-write
 * transactions that read a counter and write it plus one; strong reads and bounded-staleness reads
 * ({@value #STALENESS}) read one counter. Judged by the monotonic checker: within a process nothing
 * goes backwards, strong reads see every increment acknowledged before they began, and no two
 * increments return the same value.
 */
final class MonotonicWorkload implements Workload {
  static final int COUNTERS = 8;
  static final String STALENESS = "MAX_STALENESS 2s";

  @Override
  public String name() {
    return "monotonic";
  }

  @Override
  public void setup(Connection c, HistoryWriter history) throws SQLException {
    Sql.createSplit(c, "jepsen_counter", "k INT64 PRIMARY KEY, v INT64 NOT NULL", 2, 4, 6);
    for (long k = 0; k < COUNTERS; k++) {
      Sql.update(c, "INSERT OR UPDATE INTO jepsen_counter (k, v) VALUES (?, 0)", k);
    }
  }

  @Override
  public Op next(Random random) {
    long key = random.nextInt(COUNTERS);
    return switch (random.nextInt(3)) {
      case 0 -> new Op("inc", key, null);
      case 1 -> new Op("read", key, null);
      default -> new Op("stale-read", key, null);
    };
  }

  @Override
  public Object run(Connection c, Op op) throws SQLException, Outcomes.NotCommitted, Refused {
    long key = op.key();
    return switch (op.f()) {
      case "inc" -> Sql.inTransaction(c, () -> {
        long v = value(c, key);
        Sql.update(c, "UPDATE jepsen_counter SET v = ? WHERE k = ?", v + 1, key);
        return v + 1;
      });
      case "read" -> value(c, key);
      case "stale-read" -> staleValue(c, key);
      default -> throw new IllegalArgumentException("monotonic has no operation " + op.f());
    };
  }

  private static long value(Connection c, long key) throws SQLException {
    List<Long> v = Sql.longs(c, "SELECT v FROM jepsen_counter WHERE k = ?", key);
    if (v.isEmpty() || v.getFirst() == null) {
      throw new SQLException("counter " + key + " is missing", "02000");
    }
    return v.getFirst();
  }

  private static long staleValue(Connection c, long key) throws SQLException {
    try (var s = c.createStatement()) {
      s.execute("SET READ_ONLY_STALENESS = '" + STALENESS + "'");
      try {
        return value(c, key);
      } finally {
        s.execute("SET READ_ONLY_STALENESS = 'STRONG'");
      }
    }
  }

  @Override
  public boolean readOnly(Op op) {
    return !op.f().equals("inc");
  }

  @Override
  public List<Op> finalOps() {
    return List.of();
  }
}

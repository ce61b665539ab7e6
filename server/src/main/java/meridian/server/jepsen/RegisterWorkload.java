package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads, writes and compare-and-sets on many independent registers (rows of {@code
 * jepsen_register}), each a single autocommit statement; judged for per-key linearizability. Clients
 * work on {@value #KEYS_AT_ONCE} keys at a time and move on to fresh keys every {@value
 * #OPS_PER_KEY_SET} operations, so each key's history stays small enough to check exhaustively.
 */
final class RegisterWorkload implements Workload {
  static final int KEYS_AT_ONCE = 8;
  static final int OPS_PER_KEY_SET = 600;
  static final int VALUES = 5;

  private final AtomicLong issued = new AtomicLong();

  @Override
  public String name() {
    return "register";
  }

  @Override
  public void setup(Connection c, HistoryWriter history) throws SQLException {
    Sql.createSplit(c, "jepsen_register", "k INT64 PRIMARY KEY, v INT64", 40, 80);
  }

  @Override
  public Op next(Random random) {
    long keySet = issued.getAndIncrement() / OPS_PER_KEY_SET;
    long key = keySet * KEYS_AT_ONCE + random.nextInt(KEYS_AT_ONCE);
    return switch (random.nextInt(4)) {
      case 0, 1 -> new Op("read", key, null);
      case 2 -> new Op("write", key, (long) random.nextInt(VALUES));
      default -> new Op("cas", key, List.of((long) random.nextInt(VALUES), (long) random.nextInt(VALUES)));
    };
  }

  @Override
  public Object run(Connection c, Op op) throws SQLException, Refused {
    long key = op.key();
    switch (op.f()) {
      case "read" -> {
        List<Long> v = Sql.longs(c, "SELECT v FROM jepsen_register WHERE k = ?", key);
        return v.isEmpty() ? null : v.getFirst();
      }
      case "write" -> {
        Sql.update(c, "INSERT OR UPDATE INTO jepsen_register (k, v) VALUES (?, ?)", key, (Long) op.value());
        return op.value();
      }
      case "cas" -> {
        List<?> pair = (List<?>) op.value();
        int changed = Sql.update(c, "UPDATE jepsen_register SET v = ? WHERE k = ? AND v = ?", (Long) pair.get(1), key, (Long) pair.get(0));
        if (changed == 0) {
          throw new Refused("the register did not hold " + pair.get(0));
        }
        return op.value();
      }
      default -> throw new IllegalArgumentException("register has no operation " + op.f());
    }
  }

  @Override
  public boolean readOnly(Op op) {
    return op.f().equals("read");
  }

  @Override
  public List<Op> finalOps() {
    return List.of();
  }
}

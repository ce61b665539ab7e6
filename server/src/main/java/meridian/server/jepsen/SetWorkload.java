package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Inserts of unique values into {@code jepsen_set} (one row each, autocommit), with occasional
 * strong reads of the whole set and a final read once everything healed. Judged by the set
 * checker: no acknowledged insert is lost, nothing never inserted appears, and a read sees every
 * insert acknowledged before it began.
 */
final class SetWorkload implements Workload {
  static final int READ_ONE_IN = 20;

  private final AtomicLong nextValue = new AtomicLong();

  @Override
  public String name() {
    return "set";
  }

  @Override
  public void setup(Connection c, HistoryWriter history) throws SQLException {
    Sql.createSplit(c, "jepsen_set", "v INT64 PRIMARY KEY", 500, 1000, 2000);
  }

  @Override
  public Op next(Random random) {
    if (random.nextInt(READ_ONE_IN) == 0) {
      return new Op("read", null, null);
    }
    return new Op("add", null, nextValue.getAndIncrement());
  }

  @Override
  public Object run(Connection c, Op op) throws SQLException {
    if (op.f().equals("read")) {
      return Sql.longs(c, "SELECT v FROM jepsen_set");
    }
    Sql.update(c, "INSERT INTO jepsen_set (v) VALUES (?)", (Long) op.value());
    return op.value();
  }

  @Override
  public boolean readOnly(Op op) {
    return op.f().equals("read");
  }

  @Override
  public List<Op> finalOps() {
    return List.of(new Op("read", null, null));
  }
}

package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Transfers between {@value #ACCOUNTS} accounts spread over several Paxos groups (the table is
 * split between accounts), each a read-write transaction that reads both balances and writes the
 * new ones it computed; and reads of every balance in one statement. Judged by the bank checker:
 * every read sees the same total, and no balance goes negative.
 */
final class BankWorkload implements Workload {
  static final int ACCOUNTS = 8;
  static final long BALANCE = 100;
  static final int AMOUNT_MAX = 5;

  @Override
  public String name() {
    return "bank";
  }

  @Override
  public void setup(Connection c, HistoryWriter history) throws SQLException {
    Sql.createSplit(c, "jepsen_bank", "id INT64 PRIMARY KEY, balance INT64 NOT NULL", 2, 4, 6);
    for (long id = 0; id < ACCOUNTS; id++) {
      Sql.update(c, "INSERT OR UPDATE INTO jepsen_bank (id, balance) VALUES (?, ?)", id, BALANCE);
    }
    history.note("setup", "init", Map.of("accounts", ACCOUNTS, "total", ACCOUNTS * BALANCE));
  }

  @Override
  public Op next(Random random) {
    if (random.nextInt(4) == 0) {
      return new Op("read", null, null);
    }
    long from = random.nextInt(ACCOUNTS);
    long to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    Map<String, Object> transfer = new LinkedHashMap<>();
    transfer.put("from", from);
    transfer.put("to", to);
    transfer.put("amount", 1L + random.nextInt(AMOUNT_MAX));
    return new Op("transfer", null, transfer);
  }

  @Override
  public Object run(Connection c, Op op) throws SQLException, Outcomes.NotCommitted, Refused {
    if (op.f().equals("read")) {
      return balances(c);
    }
    Map<?, ?> t = (Map<?, ?>) op.value();
    long from = (Long) t.get("from");
    long to = (Long) t.get("to");
    long amount = (Long) t.get("amount");
    return Sql.inTransaction(c, () -> {
      long fromBalance = balance(c, from);
      long toBalance = balance(c, to);
      if (fromBalance < amount) {
        throw new Refused("account " + from + " holds " + fromBalance + " < " + amount);
      }
      Sql.update(c, "UPDATE jepsen_bank SET balance = ? WHERE id = ?", fromBalance - amount, from);
      Sql.update(c, "UPDATE jepsen_bank SET balance = ? WHERE id = ?", toBalance + amount, to);
      return op.value();
    });
  }

  private static long balance(Connection c, long id) throws SQLException {
    List<Long> b = Sql.longs(c, "SELECT balance FROM jepsen_bank WHERE id = ?", id);
    if (b.isEmpty() || b.getFirst() == null) {
      throw new SQLException("account " + id + " is missing", "02000");
    }
    return b.getFirst();
  }

  private static Map<String, Long> balances(Connection c) throws SQLException {
    Map<String, Long> all = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, balance FROM jepsen_bank ORDER BY id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        all.put(Long.toString(rs.getLong(1)), rs.getLong(2));
      }
    }
    return all;
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

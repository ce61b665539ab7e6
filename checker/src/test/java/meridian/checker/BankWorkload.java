package meridian.checker;

import static meridian.checker.SimulatedClients.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A serializable bank: transfers move money between accounts when the source can pay (else they
 * fail, as do a few at random, like aborts), reads return every balance at one instant.
 */
final class BankWorkload implements SimulatedClients.Workload {

  private final long[] balances;
  private final long total;

  BankWorkload(int accounts, long total) {
    balances = new long[accounts];
    for (int i = 0; i < accounts; i++) {
      balances[i] = total / accounts + (i < total % accounts ? 1 : 0);
    }
    this.total = total;
  }

  /** A whole history: the init note, then the clients' operations. */
  static List<ObjectNode> history(long seed, SimulatedClients.Shape shape, int accounts,
      long total) {
    List<ObjectNode> lines = new ArrayList<>();
    ObjectNode init = JSON.objectNode().put("accounts", accounts).put("total", total);
    lines.add(SimulatedClients.line("setup", "info", "init", null, init));
    lines.addAll(SimulatedClients.run(seed, shape, new BankWorkload(accounts, total)));
    return lines;
  }

  @Override
  public SimulatedClients.Pending next(Random random) {
    if (random.nextInt(3) == 0) {
      return new SimulatedClients.Pending("read", null, JSON.nullNode(), (now, r) -> {
        ObjectNode read = JSON.objectNode();
        for (int i = 0; i < balances.length; i++) {
          read.put(Integer.toString(i), balances[i]);
        }
        return SimulatedClients.Completion.ok(read);
      });
    }
    int from = random.nextInt(balances.length);
    int to = (from + 1 + random.nextInt(balances.length - 1)) % balances.length;
    long amount = 1 + random.nextInt((int) Math.max(1, 2 * total / balances.length));
    ObjectNode transfer = JSON.objectNode().put("from", from).put("to", to).put("amount", amount);
    return new SimulatedClients.Pending("transfer", null, transfer, (now, r) -> {
      if (balances[from] < amount || r.nextInt(10) == 0) {
        return SimulatedClients.Completion.fail(transfer);
      }
      balances[from] -= amount;
      balances[to] += amount;
      return SimulatedClients.Completion.ok(transfer);
    });
  }
}

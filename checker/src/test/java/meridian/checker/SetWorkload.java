package meridian.checker;

import static meridian.checker.SimulatedClients.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/**
 * A linearizable set of integers: adds of fresh elements (a few fail at random, like aborts, and
 * change nothing), reads of the whole set; the last operation is a final read.
 */
final class SetWorkload implements SimulatedClients.Workload {

  private final Set<Long> set = new LinkedHashSet<>();
  private long nextElement;

  @Override
  public SimulatedClients.Pending next(Random random) {
    if (random.nextInt(4) == 0) {
      return read();
    }
    long element = nextElement++;
    return new SimulatedClients.Pending("add", null, JSON.numberNode(element), (now, r) -> {
      if (r.nextInt(10) == 0) {
        return SimulatedClients.Completion.fail(JSON.numberNode(element));
      }
      set.add(element);
      return SimulatedClients.Completion.ok(JSON.numberNode(element));
    });
  }

  @Override
  public SimulatedClients.Pending last() {
    return read();
  }

  private SimulatedClients.Pending read() {
    return new SimulatedClients.Pending("read", null, JSON.nullNode(), (now, r) -> {
      ArrayNode read = JSON.arrayNode();
      set.forEach(read::add);
      return SimulatedClients.Completion.ok(read);
    });
  }
}

package meridian.checker;

import static meridian.checker.SimulatedClients.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Linearizable counters: an inc adds one and returns the new value (a few fail at random and change
 * nothing), a read returns the value ({@code null} before the first inc), a stale read returns the
 * value as it was {@link #STALENESS} applied operations ago.
 */
final class MonotonicWorkload implements SimulatedClients.Workload {

  static final long STALENESS = 6;

  private final long[] counters;
  // Per key, the {appliedAt, value} of each inc, in order.
  private final List<List<long[]>> incs = new ArrayList<>();

  MonotonicWorkload(int keys) {
    counters = new long[keys];
    for (int k = 0; k < keys; k++) {
      incs.add(new ArrayList<>());
    }
  }

  @Override
  public SimulatedClients.Pending next(Random random) {
    int key = random.nextInt(counters.length);
    JsonNode keyJson = JSON.numberNode(key);
    return switch (random.nextInt(3)) {
      case 0 -> new SimulatedClients.Pending("inc", keyJson, JSON.nullNode(), (now, r) -> {
        if (r.nextInt(10) == 0) {
          return SimulatedClients.Completion.fail(JSON.nullNode());
        }
        counters[key]++;
        incs.get(key).add(new long[] {now, counters[key]});
        return SimulatedClients.Completion.ok(JSON.numberNode(counters[key]));
      });
      case 1 -> new SimulatedClients.Pending("read", keyJson, JSON.nullNode(),
          (now, r) -> SimulatedClients.Completion.ok(value(counters[key])));
      default -> new SimulatedClients.Pending("stale-read", keyJson, JSON.nullNode(), (now, r) -> {
        long value = 0;
        for (long[] inc : incs.get(key)) {
          if (inc[0] <= now - STALENESS) {
            value = inc[1];
          }
        }
        return SimulatedClients.Completion.ok(value(value));
      });
    };
  }

  private static JsonNode value(long counter) {
    return counter == 0 ? JSON.nullNode() : JSON.numberNode(counter);
  }
}

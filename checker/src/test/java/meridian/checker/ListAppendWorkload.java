package meridian.checker;

import static meridian.checker.SimulatedClients.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A strictly serializable store of lists: each txn of one to four micro-operations (appends of
 * values fresh for their key, and reads) takes effect atomically at one instant; a few abort at
 * random ({@code fail}, no effect).
 */
final class ListAppendWorkload implements SimulatedClients.Workload {

  private final List<List<Long>> lists = new ArrayList<>();
  private final long[] nextValue;

  ListAppendWorkload(int keys) {
    nextValue = new long[keys];
    for (int k = 0; k < keys; k++) {
      lists.add(new ArrayList<>());
    }
  }

  @Override
  public SimulatedClients.Pending next(Random random) {
    ArrayNode invoke = JSON.arrayNode();
    int micros = 1 + random.nextInt(4);
    for (int i = 0; i < micros; i++) {
      int key = random.nextInt(lists.size());
      if (random.nextInt(10) < 4) {
        invoke.addArray().add("append").add(key).add(nextValue[key]++);
      } else {
        invoke.addArray().add("r").add(key).addNull();
      }
    }
    return new SimulatedClients.Pending("txn", null, invoke, (now, r) -> {
      if (r.nextInt(10) == 0) {
        return SimulatedClients.Completion.fail(invoke);
      }
      ArrayNode done = JSON.arrayNode();
      for (var micro : invoke) {
        int key = micro.get(1).asInt();
        if (micro.get(0).asText().equals("append")) {
          lists.get(key).add(micro.get(2).asLong());
          done.add(micro.deepCopy());
        } else {
          ArrayNode read = JSON.arrayNode();
          lists.get(key).forEach(read::add);
          done.addArray().add("r").add(key).add(read);
        }
      }
      return SimulatedClients.Completion.ok(done);
    });
  }
}

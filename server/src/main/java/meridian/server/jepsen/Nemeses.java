package meridian.server.jepsen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/** The nemeses by name, as {@code --nemesis} takes them. */
final class Nemeses {
  private static final Map<String, Function<ScheduledExecutorService, Nemesis>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("partition", t -> new PartitionNemesis(PartitionNemesis.Shape.RANDOM));
    BY_NAME.put("partition-halves", t -> new PartitionNemesis(PartitionNemesis.Shape.HALVES));
    BY_NAME.put("partition-one", t -> new PartitionNemesis(PartitionNemesis.Shape.ONE));
    BY_NAME.put("partition-leader", t -> new PartitionNemesis(PartitionNemesis.Shape.LEADER));
    BY_NAME.put("partition-ring", t -> new PartitionNemesis(PartitionNemesis.Shape.RING));
    BY_NAME.put("partition-bridge", t -> new PartitionNemesis(PartitionNemesis.Shape.BRIDGE));
    BY_NAME.put("kill", t -> new ProcessNemesis(ProcessNemesis.Action.KILL, false));
    BY_NAME.put("kill-leader", t -> new ProcessNemesis(ProcessNemesis.Action.KILL, true));
    BY_NAME.put("pause", t -> new ProcessNemesis(ProcessNemesis.Action.PAUSE, false));
    BY_NAME.put("pause-leader", t -> new ProcessNemesis(ProcessNemesis.Action.PAUSE, true));
    BY_NAME.put("clock-skew", t -> new ClockNemesis(ClockNemesis.Fault.SKEW, t));
    BY_NAME.put("clock-jump", t -> new ClockNemesis(ClockNemesis.Fault.JUMP, t));
    BY_NAME.put("clock-strobe", t -> new ClockNemesis(ClockNemesis.Fault.STROBE, t));
    BY_NAME.put("leader-transfer", LeaderTransferNemesis::new);
  }

  private Nemeses() {}

  /** Every name {@code --nemesis} accepts, {@code none} first. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add("none");
    names.addAll(BY_NAME.keySet());
    return names;
  }

  /** The nemeses named in {@code spec} (comma-separated; {@code none} alone means no fault). */
  static List<Nemesis> parse(String spec, ScheduledExecutorService timer) {
    List<Nemesis> nemeses = new ArrayList<>();
    for (String part : spec.split(",")) {
      String name = part.trim();
      if (name.equals("none")) {
        continue;
      }
      Function<ScheduledExecutorService, Nemesis> make = BY_NAME.get(name);
      if (make == null) {
        throw new IllegalArgumentException("unknown nemesis '" + name + "' (known: " + String.join(", ", names()) + ")");
      }
      nemeses.add(make.apply(timer));
    }
    return nemeses;
  }
}

package meridian.server.jepsen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The workloads by name, as {@code --workload} takes them. */
final class Workloads {
  private static final Map<String, Supplier<Workload>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("register", RegisterWorkload::new);
    BY_NAME.put("bank", BankWorkload::new);
    BY_NAME.put("set", SetWorkload::new);
    BY_NAME.put("list-append", ListAppendWorkload::new);
    BY_NAME.put("monotonic", MonotonicWorkload::new);
  }

  private Workloads() {}

  static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  static Workload named(String name) {
    Supplier<Workload> make = BY_NAME.get(name);
    if (make == null) {
      throw new IllegalArgumentException("unknown workload '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return make.get();
  }
}

package meridian.checker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link CheckResult} as JSON; the field names are the report's stable contract:
 *
 * <pre>{@code
 * {"valid": true|false|"unknown", "model": "bank", "unknownReason": "..." (only when unknown),
 *  "anomalyTypes": {"wrong-total": 3, ...},      every finding, by type, sorted
 *  "anomalies": [{"type": ..., "message": ...,
 *                 "operations": [{"index", "process", "f", "key", "value", "type",
 *                                 "invokeTime", "invokeLine", "completeTime", "completeLine"}],
 *                 "edges": ["ww", "rw", ...] (only for a cycle),
 *                 "truncated": operations left out}],
 *  "truncated": anomalies left out,
 *  "counts": {...}}
 * }</pre>
 *
 * An operation's {@code type} is {@code ok}, {@code fail} or {@code info} (indeterminate, including
 * never completed, which has {@code null} completion time and line); {@code key} is {@code null}
 * when the operation has none. A cycle's {@code edges} are cut with its operations.
 */
public final class CheckResultJson {

  /** Findings printed; the rest are counted in {@code truncated} and by type. */
  public static final int ANOMALIES_MAX = 20;

  /** Operations printed per finding; the rest are counted in the finding's {@code truncated}. */
  public static final int OPERATIONS_MAX = 20;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private CheckResultJson() {}

  public static String render(CheckResult result) {
    return VerdictJson.pretty(toJson(result));
  }

  public static ObjectNode toJson(CheckResult result) {
    ObjectNode root = F.objectNode();
    root.set("valid", VerdictJson.validity(result.valid()));
    root.put("model", result.model());
    result.unknownReason().ifPresent(r -> root.put("unknownReason", r));
    Map<String, Integer> byType = new TreeMap<>();
    result.anomalies().forEach(a -> byType.merge(a.type(), 1, Integer::sum));
    ObjectNode types = root.putObject("anomalyTypes");
    byType.forEach(types::put);
    List<Finding> anomalies = result.anomalies();
    ArrayNode printed = root.putArray("anomalies");
    anomalies.stream().limit(ANOMALIES_MAX).forEach(a -> printed.add(finding(a)));
    root.put("truncated", Math.max(0, anomalies.size() - ANOMALIES_MAX));
    ObjectNode counts = root.putObject("counts");
    result.counts().forEach(counts::put);
    return root;
  }

  static ObjectNode finding(Finding finding) {
    ObjectNode node = F.objectNode();
    node.put("type", finding.type());
    node.put("message", finding.message());
    ArrayNode operations = node.putArray("operations");
    finding.operations().stream().limit(OPERATIONS_MAX).forEach(op -> operations.add(operation(op)));
    if (!finding.edges().isEmpty()) {
      ArrayNode edges = node.putArray("edges");
      finding.edges().stream().limit(OPERATIONS_MAX).forEach(edges::add);
    }
    node.put("truncated", Math.max(0, finding.operations().size() - OPERATIONS_MAX));
    return node;
  }

  static ObjectNode operation(Operation op) {
    ObjectNode node = F.objectNode();
    node.put("index", op.index());
    node.set("process", op.process().toJson());
    node.put("f", op.f());
    node.set("key", op.key().toJson());
    node.set("value", op.value().toJson());
    node.put("type", switch (op.outcome()) {
      case OK -> "ok";
      case FAIL -> "fail";
      case INDETERMINATE -> "info";
    });
    node.put("invokeTime", op.invoke().time());
    node.put("invokeLine", op.invoke().line());
    if (op.completion().isPresent()) {
      node.put("completeTime", op.completion().get().time());
      node.put("completeLine", op.completion().get().line());
    } else {
      node.putNull("completeTime");
      node.putNull("completeLine");
    }
    return node;
  }
}

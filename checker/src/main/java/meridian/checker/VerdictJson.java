package meridian.checker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders a {@link Verdict} as JSON; the field names are the report's stable contract. */
public final class VerdictJson {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private VerdictJson() {}

  public static String render(Verdict verdict) {
    return pretty(toJson(verdict));
  }

  /** Indented JSON text of a tree built of plain nodes. */
  static String pretty(JsonNode tree) {
    try {
      return PRETTY.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }

  public static ObjectNode toJson(Verdict verdict) {
    ObjectNode root = F.objectNode();
    root.set("valid", validity(verdict.valid()));
    root.put("model", verdict.model());
    ArrayNode anomalies = root.putArray("anomalies");
    verdict.anomalies().forEach(a -> anomalies.add(anomaly(a)));
    History.Counts c = verdict.counts();
    ObjectNode counts = root.putObject("counts");
    counts.put("events", c.events());
    counts.put("operations", c.operations());
    counts.put("ok", c.ok());
    counts.put("fail", c.fail());
    counts.put("indeterminate", c.indeterminate());
    counts.put("unterminated", c.unterminated());
    counts.put("ignoredInfo", c.ignoredInfo());
    counts.put("keys", verdict.keys().size());
    ArrayNode keys = root.putArray("keys");
    for (Verdict.KeyVerdict k : verdict.keys()) {
      ObjectNode key = keys.addObject();
      key.set("key", k.key().toJson());
      key.set("valid", validity(k.valid()));
      key.put("operations", k.operations());
      key.put("searchStates", k.states());
      k.unknownReason().ifPresent(r -> key.put("unknownReason", r));
    }
    return root;
  }

  static JsonNode validity(Validity v) {
    return switch (v) {
      case VALID -> F.booleanNode(true);
      case INVALID -> F.booleanNode(false);
      case UNKNOWN -> F.textNode("unknown");
    };
  }

  static ObjectNode anomaly(Anomaly anomaly) {
    ObjectNode node = F.objectNode();
    switch (anomaly) {
      case Anomaly.NotLinearizable n -> {
        node.put("type", "not-linearizable");
        node.set("key", n.key().toJson());
        node.put("summary", n.summary());
        node.put("prefixLength", n.prefixLength());
        ArrayNode tail = node.putArray("prefixTail");
        n.prefixTail().forEach(op -> tail.add(operation(op)));
        node.set("stateAfterPrefix", n.stateAfterPrefix().toJson());
        node.set("blocked", operation(n.blocked()));
        ArrayNode candidates = node.putArray("candidates");
        for (Anomaly.Candidate candidate : n.candidates()) {
          ObjectNode entry = operation(candidate.op());
          entry.put("reason", candidate.reason());
          candidates.add(entry);
        }
      }
    }
    return node;
  }

  static ObjectNode operation(Operation op) {
    ObjectNode node = F.objectNode();
    node.put("index", op.index());
    node.set("process", op.process().toJson());
    node.put("f", op.f());
    node.set("value", op.value().toJson());
    node.put("outcome", op.outcome().jsonName());
    node.put("invokeLine", op.invoke().line());
    node.put("invokeTime", op.invoke().time());
    op.completion().ifPresent(c -> {
      node.put("completeLine", c.line());
      node.put("completeTime", c.time());
    });
    return node;
  }
}

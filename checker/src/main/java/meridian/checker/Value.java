package meridian.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable JSON value with structural equality, so that it can be a model state and a memo key.
 * Numbers are normalised: an integral number that fits a {@code long} is always {@link Int} (so
 * {@code 3}, {@code 3.0} and {@code 3e0} are equal), anything else is a {@link Dec} with trailing
 * zeros stripped.
 */
public sealed interface Value {

  Nil NIL = new Nil();

  record Nil() implements Value {}

  record Bool(boolean value) implements Value {}

  record Int(long value) implements Value {}

  /** Invariant: {@code value} has no trailing zeros and is not an integral value fitting a long. */
  record Dec(BigDecimal value) implements Value {
    public Dec {
      Objects.requireNonNull(value);
    }
  }

  record Str(String value) implements Value {
    public Str {
      Objects.requireNonNull(value);
    }
  }

  /** Invariant: {@code items} is unmodifiable. */
  record Seq(List<Value> items) implements Value {
    public Seq {
      items = List.copyOf(items);
    }
  }

  /** Invariant: {@code fields} is unmodifiable and keeps the input's order (equality ignores it). */
  record Obj(Map<String, Value> fields) implements Value {
    public Obj {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
  }

  static Value of(long n) {
    return new Int(n);
  }

  static Value of(String s) {
    return new Str(s);
  }

  static Value number(BigDecimal n) {
    BigDecimal stripped = n.signum() == 0 ? BigDecimal.ZERO : n.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      BigInteger integral = stripped.toBigIntegerExact();
      if (integral.bitLength() < 64) {
        return new Int(integral.longValue());
      }
    }
    return new Dec(stripped);
  }

  /** Converts a Jackson tree; {@code null} (a missing field) becomes {@link #NIL}. */
  static Value fromJson(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NIL;
    }
    return switch (node.getNodeType()) {
      case BOOLEAN -> new Bool(node.booleanValue());
      case NUMBER -> node.canConvertToExactIntegral() && node.canConvertToLong()
          ? new Int(node.longValue())
          : number(node.decimalValue());
      case STRING -> new Str(node.textValue());
      case ARRAY -> {
        List<Value> items = new ArrayList<>(node.size());
        node.forEach(item -> items.add(fromJson(item)));
        yield new Seq(items);
      }
      case OBJECT -> {
        Map<String, Value> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), fromJson(e.getValue())));
        yield new Obj(fields);
      }
      case NULL, MISSING -> NIL;
      case BINARY, POJO -> throw new IllegalArgumentException("not a JSON value: " + node);
    };
  }

  default JsonNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (this) {
      case Nil n -> f.nullNode();
      case Bool b -> f.booleanNode(b.value());
      case Int i -> f.numberNode(i.value());
      case Dec d -> f.numberNode(d.value());
      case Str s -> f.textNode(s.value());
      case Seq s -> {
        ArrayNode array = f.arrayNode(s.items().size());
        s.items().forEach(item -> array.add(item.toJson()));
        yield array;
      }
      case Obj o -> {
        ObjectNode object = f.objectNode();
        o.fields().forEach((k, v) -> object.set(k, v.toJson()));
        yield object;
      }
    };
  }

  /** Compact JSON text, for messages and anomaly reports. */
  default String render() {
    return toJson().toString();
  }
}

package meridian.checker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a JSON-lines history and pairs invokes with completions (see the package documentation for
 * the format and what counts as malformed). Blank lines are skipped. Single-threaded; one parser
 * per history.
 */
public final class HistoryParser {

  /** Longest line accepted; a longer one is malformed rather than a memory hazard. */
  public static final int LINE_CHARS_MAX = 1 << 20;

  /** Most events accepted in one history. */
  public static final int EVENTS_MAX = 10_000_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HistoryParser() {}

  public static History parse(Path file) throws IOException, MalformedHistoryException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    }
  }

  public static History parse(String text) throws MalformedHistoryException {
    try {
      return parse(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException("a StringReader does not fail", e);
    }
  }

  public static History parse(Reader source) throws IOException, MalformedHistoryException {
    BufferedReader reader =
        source instanceof BufferedReader b ? b : new BufferedReader(source);
    Pairing pairing = new Pairing();
    int line = 0;
    for (String text = reader.readLine(); text != null; text = reader.readLine()) {
      line++;
      if (text.isBlank()) {
        continue;
      }
      if (text.length() > LINE_CHARS_MAX) {
        throw new MalformedHistoryException(line, "line longer than " + LINE_CHARS_MAX + " chars");
      }
      if (pairing.events == EVENTS_MAX) {
        throw new MalformedHistoryException(line, "more than " + EVENTS_MAX + " events");
      }
      pairing.add(event(pairing.events, line, text));
    }
    return pairing.finish();
  }

  static Event event(int index, int line, String text) throws MalformedHistoryException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedHistoryException(line, "bad JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedHistoryException(line, "expected a JSON object");
    }
    JsonNode process = node.get("process");
    if (process == null || !(process.isIntegralNumber() || process.isTextual())) {
      throw new MalformedHistoryException(line, "\"process\" must be a number or a string");
    }
    JsonNode typeNode = node.get("type");
    EventType type = typeNode != null && typeNode.isTextual()
        ? EventType.parse(typeNode.textValue()) : null;
    if (type == null) {
      throw new MalformedHistoryException(
          line, "\"type\" must be one of \"invoke\", \"ok\", \"fail\", \"info\"");
    }
    JsonNode f = node.get("f");
    if (f == null || !f.isTextual()) {
      throw new MalformedHistoryException(line, "\"f\" must be a string");
    }
    JsonNode time = node.get("time");
    if (time != null && !time.isNull() && !(time.isIntegralNumber() && time.canConvertToLong())) {
      throw new MalformedHistoryException(line, "\"time\" must be an integer");
    }
    long timeValue = time == null || time.isNull() ? index : time.longValue();
    return new Event(index, line, Value.fromJson(process), type, f.textValue(),
        Value.fromJson(node.get("key")), Value.fromJson(node.get("value")), node.has("value"),
        timeValue);
  }

  /** Pairs events per process. */
  private static final class Pairing {
    // Invariant: invokes.size() == completions.size(); completions.get(i) is null while operation i
    // is in flight or if it never completes.
    private final List<Event> invokes = new ArrayList<>();
    private final List<Event> completions = new ArrayList<>();
    // Invariant: maps a process to the index of its in-flight operation, and holds nothing else.
    private final Map<Value, Integer> inFlight = new HashMap<>();
    private final List<Event> notes = new ArrayList<>();
    private int events;

    void add(Event e) throws MalformedHistoryException {
      events++;
      Integer pending = inFlight.get(e.process());
      if (e.type() == EventType.INVOKE) {
        if (pending != null) {
          throw new MalformedHistoryException(e.line(), "process " + e.process().render()
              + " invokes again while its invoke on line " + invokes.get(pending).line()
              + " is in flight");
        }
        inFlight.put(e.process(), invokes.size());
        invokes.add(e);
        completions.add(null);
        return;
      }
      if (pending == null) {
        if (e.type() == EventType.INFO) {
          notes.add(e);
          return;
        }
        throw new MalformedHistoryException(e.line(), "\"" + e.type().jsonName()
            + "\" for process " + e.process().render() + ", which has no invoke in flight");
      }
      Event invoke = invokes.get(pending);
      if (!invoke.f().equals(e.f())) {
        throw new MalformedHistoryException(e.line(), "completion f \"" + e.f()
            + "\" differs from its invoke's \"" + invoke.f() + "\" (line " + invoke.line() + ")");
      }
      if (e.key() != Value.NIL && !e.key().equals(invoke.key())) {
        throw new MalformedHistoryException(e.line(), "completion key " + e.key().render()
            + " differs from its invoke's " + invoke.key().render() + " (line " + invoke.line()
            + ")");
      }
      completions.set(pending, e);
      inFlight.remove(e.process());
    }

    History finish() {
      List<Operation> ops = new ArrayList<>(invokes.size());
      int ok = 0;
      int fail = 0;
      int indeterminate = 0;
      int unterminated = 0;
      for (int i = 0; i < invokes.size(); i++) {
        Event invoke = invokes.get(i);
        Event completion = completions.get(i);
        Outcome outcome = completion == null ? Outcome.INDETERMINATE : switch (completion.type()) {
          case OK -> Outcome.OK;
          case FAIL -> Outcome.FAIL;
          case INFO -> Outcome.INDETERMINATE;
          case INVOKE -> throw new IllegalStateException("an invoke paired as a completion");
        };
        switch (outcome) {
          case OK -> ok++;
          case FAIL -> fail++;
          case INDETERMINATE -> {
            indeterminate++;
            if (completion == null) {
              unterminated++;
            }
          }
        }
        Value value = outcome == Outcome.OK && completion.hasValue()
            ? completion.value() : invoke.value();
        ops.add(new Operation(i, invoke, Optional.ofNullable(completion), outcome, value));
      }
      return new History(ops, new History.Counts(
          events, ops.size(), ok, fail, indeterminate, unterminated, notes.size()), notes);
    }
  }
}

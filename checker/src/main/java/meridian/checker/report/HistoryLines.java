package meridian.checker.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import meridian.checker.EventType;
import meridian.checker.HistoryParser;
import meridian.checker.MalformedHistoryException;

/**
 * Reads a JSON-lines history one event at a time without holding the history, so that a
 * 10^6-line file streams in constant memory. Blank lines are skipped but counted for line numbers.
 * A line is read into memory only up to {@link HistoryParser#LINE_CHARS_MAX} chars: a longer one is
 * malformed before it can exhaust the heap.
 */
final class HistoryLines {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final int BUFFER_CHARS = 1 << 16;

  /** Receives each event in file order. */
  interface Handler {
    void event(RawEvent event) throws IOException, MalformedHistoryException;
  }

  /**
   * One line of a history, validated but not interpreted.
   *
   * @param index 0-based among non-blank lines
   * @param line 1-based line number in the source, blank lines included
   * @param process an integral number (a client) or a string (a note's author)
   * @param key null when the line has no key or its key is null
   * @param value null when the line has no {@code value} field; a JSON null node when it is null
   * @param time nanoseconds since the run's start, or null when the line has none
   * @param node the whole line, for fields this record does not name
   */
  record RawEvent(
      int index, int line, JsonNode process, EventType type, String f, JsonNode key,
      JsonNode value, Long time, ObjectNode node) {}

  private HistoryLines() {}

  /** Calls {@code handler} for each event; returns the number of events. */
  static int read(Reader source, Handler handler) throws IOException, MalformedHistoryException {
    char[] buffer = new char[BUFFER_CHARS];
    StringBuilder text = new StringBuilder();
    boolean tooLong = false;
    int line = 1;
    int index = 0;
    for (int n = source.read(buffer); n >= 0; n = source.read(buffer)) {
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c != '\n') {
          if (text.length() < HistoryParser.LINE_CHARS_MAX) {
            text.append(c);
          } else {
            tooLong = true;
          }
          continue;
        }
        if (accept(text, tooLong, line, index, handler)) {
          index++;
        }
        text.setLength(0);
        tooLong = false;
        line++;
      }
    }
    if (accept(text, tooLong, line, index, handler)) {
      index++;
    }
    return index;
  }

  private static boolean accept(
      StringBuilder text, boolean tooLong, int line, int index, Handler handler)
      throws IOException, MalformedHistoryException {
    if (tooLong) {
      throw new MalformedHistoryException(
          line, "line longer than " + HistoryParser.LINE_CHARS_MAX + " chars");
    }
    String lineText = text.toString();
    if (lineText.isBlank()) {
      return false;
    }
    handler.event(parse(index, line, lineText));
    return true;
  }

  static RawEvent parse(int index, int line, String text) throws MalformedHistoryException {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedHistoryException(line, "bad JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new MalformedHistoryException(line, "expected a JSON object");
    }
    JsonNode process = object.get("process");
    if (process == null || !(process.isIntegralNumber() && process.canConvertToLong()
        || process.isTextual())) {
      throw new MalformedHistoryException(line, "\"process\" must be an integer or a string");
    }
    JsonNode typeNode = object.get("type");
    EventType type = typeNode == null ? null : switch (typeNode.asText()) {
      case "invoke" -> EventType.INVOKE;
      case "ok" -> EventType.OK;
      case "fail" -> EventType.FAIL;
      case "info" -> EventType.INFO;
      default -> null;
    };
    if (type == null || !typeNode.isTextual()) {
      throw new MalformedHistoryException(
          line, "\"type\" must be one of \"invoke\", \"ok\", \"fail\", \"info\"");
    }
    JsonNode f = object.get("f");
    if (f == null || !f.isTextual()) {
      throw new MalformedHistoryException(line, "\"f\" must be a string");
    }
    JsonNode time = object.get("time");
    if (time != null && !time.isNull() && !(time.isIntegralNumber() && time.canConvertToLong())) {
      throw new MalformedHistoryException(line, "\"time\" must be an integer");
    }
    JsonNode key = object.get("key");
    return new RawEvent(index, line, process, type, f.textValue(),
        key == null || key.isNull() ? null : key, object.get("value"),
        time == null || time.isNull() ? null : time.longValue(), object);
  }
}

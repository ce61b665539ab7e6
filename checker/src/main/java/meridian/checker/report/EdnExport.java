package meridian.checker.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import meridian.checker.MalformedHistoryException;

/**
 * Converts a JSON-lines history into Jepsen's EDN history form, one map per line, so Jepsen's tools
 * (Knossos, Elle, the independent-keys checker) can read Meridian's histories. See the package
 * documentation for the mapping.
 */
public final class EdnExport {

  /** Fields written in this order; any other field of a line follows them, in the line's order. */
  private static final Set<String> NAMED_FIELDS =
      Set.of("index", "time", "type", "process", "f", "key", "value");

  private EdnExport() {}

  /**
   * Streams {@code historyJsonl} to {@code ednOut} (UTF-8), replacing it. On a malformed line the
   * output is left partial and the exception names the line.
   */
  public static void write(Path historyJsonl, Path ednOut)
      throws IOException, MalformedHistoryException {
    try (Reader in = Files.newBufferedReader(historyJsonl, StandardCharsets.UTF_8);
        Writer out = Files.newBufferedWriter(ednOut, StandardCharsets.UTF_8)) {
      write(in, out);
    }
  }

  /** Streams a history from {@code in} to {@code out}; returns the number of events written. */
  public static int write(Reader in, Writer out) throws IOException, MalformedHistoryException {
    Writer buffered = out instanceof BufferedWriter || out instanceof StringWriter
        ? out : new BufferedWriter(out);
    StringBuilder line = new StringBuilder(256);
    int events = HistoryLines.read(in, event -> {
      line.setLength(0);
      render(event, line);
      line.append('\n');
      buffered.append(line);
    });
    buffered.flush();
    return events;
  }

  /** The EDN form of a whole history held in memory; for tests and small histories. */
  public static String toEdn(String historyJsonl) throws MalformedHistoryException {
    StringWriter out = new StringWriter();
    try {
      write(new StringReader(historyJsonl), out);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory readers and writers do not fail", e);
    }
    return out.toString();
  }

  static void render(HistoryLines.RawEvent e, StringBuilder out) {
    out.append("{:index ").append(e.index());
    if (e.time() != null) {
      out.append(", :time ").append(e.time().longValue());
    }
    out.append(", :type :").append(e.type().jsonName());
    out.append(", :process ");
    if (e.process().isTextual()) {
      Edn.name(e.process().textValue(), out);
    } else {
      out.append(e.process().longValue());
    }
    out.append(", :f ");
    Edn.name(e.f(), out);
    out.append(", :value ");
    JsonNode value = e.value();
    if (e.key() != null) {
      // Jepsen's independent checker splits a history by the first element of [key value].
      out.append('[');
      Edn.value(e.key(), out);
      out.append(' ');
      operationValue(value, out);
      out.append(']');
    } else {
      operationValue(value, out);
    }
    for (Map.Entry<String, JsonNode> field : e.node().properties()) {
      if (!NAMED_FIELDS.contains(field.getKey())) {
        out.append(", ");
        Edn.mapKey(field.getKey(), out);
        out.append(' ');
        Edn.value(field.getValue(), out);
      }
    }
    out.append('}');
  }

  private static void operationValue(JsonNode value, StringBuilder out) {
    if (value == null) {
      out.append("nil");
    } else {
      Edn.operationValue(value, out);
    }
  }
}

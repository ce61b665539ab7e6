package meridian.server.jepsen;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends a run's events to {@code history.jsonl}, one JSON object a line, in the order they
 * happen (one lock orders them): {@code process}, {@code type}, {@code f}, {@code key} (when the
 * operation has one), {@code value}, {@code time} (nanoseconds since the run began) and, for a {@code fail} or
 * {@code info} completion, {@code error} (what the driver said).
 */
final class HistoryWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;
  private final long startNanos;
  private long events;

  HistoryWriter(Path file, long startNanos) {
    try {
      this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    this.startNanos = startNanos;
  }

  /** Records an invoke. */
  void invoke(Object process, Op op) {
    write(process, "invoke", op.f(), op.key(), op.value(), null);
  }

  /** Records a completion of {@code op}: ok (with the result), or fail or info with the error. */
  void complete(Object process, Op op, String type, Object value, String error) {
    write(process, type, op.f(), op.key(), value, error);
  }

  /** Records a note: an info event of a process that has nothing in flight (nemesis, setup). */
  void note(String process, String f, Object value) {
    write(process, "info", f, null, value, null);
  }

  private synchronized void write(Object process, String type, String f, Long key, Object value, String error) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("process", process);
    event.put("type", type);
    event.put("f", f);
    if (key != null) {
      event.put("key", key);
    }
    event.put("value", value);
    event.put("time", System.nanoTime() - startNanos);
    if (error != null) {
      event.put("error", error);
    }
    try {
      out.write(JSON.writeValueAsString(event));
      out.write('\n');
      events++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the history", e);
    }
  }

  synchronized long events() {
    return events;
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the history", e);
    }
  }
}

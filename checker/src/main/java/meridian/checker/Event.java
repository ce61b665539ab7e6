package meridian.checker;

import java.util.Objects;

/**
 * One line of a history.
 *
 * @param index position in the history, 0-based; real-time order
 * @param line 1-based line number in the source (blank lines count), for messages
 * @param process who issued it (a number for clients, or a name such as {@code "nemesis"})
 * @param key {@link Value#NIL} when the line has no key (a single-register history)
 * @param hasValue whether the line carried a {@code value} field (absent differs from null)
 * @param time the line's {@code time}, or its index when absent; not interpreted, only reported
 */
public record Event(
    int index,
    int line,
    Value process,
    EventType type,
    String f,
    Value key,
    Value value,
    boolean hasValue,
    long time) {

  // Invariant: index >= 0, line >= 1; the references are non-null.
  public Event {
    if (index < 0 || line < 1) {
      throw new IllegalArgumentException("index " + index + ", line " + line);
    }
    Objects.requireNonNull(process);
    Objects.requireNonNull(type);
    Objects.requireNonNull(f);
    Objects.requireNonNull(key);
    Objects.requireNonNull(value);
  }
}

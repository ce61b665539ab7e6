package meridian.checker.report;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.checker.EventType;
import meridian.checker.HistoryParser;
import meridian.checker.MalformedHistoryException;

/**
 * What a timeline plot needs from a history, in compact arrays: per operation its invoke time,
 * completion time, outcome and {@code f}; and the faults the notes describe. Operations are in
 * order of invoke. Pairing follows {@link meridian.checker.HistoryParser}: an invoke pairs with
 * the next completion of its process; an {@code ok} or {@code fail} with nothing in flight, or a
 * second invoke while one is in flight, is malformed; an {@code info} from a client with nothing in
 * flight is ignored.
 */
final class Timeline {

  /** The outcome codes in {@link #outcome}, in drawing order (rarest last, on top). */
  static final byte OK = 0;
  static final byte INFO = 1;
  static final byte FAIL = 2;
  static final byte NEVER_COMPLETED = 3;
  static final int OUTCOMES = 4;

  /** Distinct {@code f} names kept; further names share the last slot, "other". */
  static final int F_NAMES_MAX = 64;

  /** Fault marks kept; later notes are counted in {@link #marksDropped} and not drawn. */
  static final int MARKS_MAX = 5_000;

  /** Longest note detail kept (shown as a tooltip). */
  static final int DETAIL_CHARS_MAX = 200;

  // Invariant: for i < operations: invokeNanos[i] <= completeNanos[i] unless
  // outcome[i] == NEVER_COMPLETED (then completeNanos[i] is unused); fIndex[i] < fNames.size().
  long[] invokeNanos = new long[1024];
  long[] completeNanos = new long[1024];
  byte[] outcome = new byte[1024];
  byte[] fIndex = new byte[1024];
  int operations;
  final List<String> fNames = new ArrayList<>();
  final int[] outcomeCounts = new int[OUTCOMES];
  final List<FaultMark> marks = new ArrayList<>();
  int marksDropped;
  // Invariant: timeMinNanos <= timeMaxNanos once any event has been read.
  long timeMinNanos = Long.MAX_VALUE;
  long timeMaxNanos = Long.MIN_VALUE;

  /**
   * A shaded fault interval, or an instantaneous note when {@code instant}.
   *
   * @param label the fault's name: {@code partition} for start-partition/stop-partition
   * @param stopped false when no stop note ended it: the band runs to the end of the history
   */
  record FaultMark(
      String label, long startNanos, long endNanos, boolean instant, boolean stopped,
      String detail) {}

  private Timeline() {}

  static Timeline read(Reader source) throws IOException, MalformedHistoryException {
    Timeline timeline = new Timeline();
    Reading reading = timeline.new Reading();
    HistoryLines.read(source, reading::add);
    reading.finish();
    return timeline;
  }

  boolean isEmpty() {
    return operations == 0;
  }

  private int op(long invoke, int f) {
    if (operations == invokeNanos.length) {
      int length = operations * 2;
      invokeNanos = Arrays.copyOf(invokeNanos, length);
      completeNanos = Arrays.copyOf(completeNanos, length);
      outcome = Arrays.copyOf(outcome, length);
      fIndex = Arrays.copyOf(fIndex, length);
    }
    invokeNanos[operations] = invoke;
    outcome[operations] = NEVER_COMPLETED;
    fIndex[operations] = (byte) f;
    return operations++;
  }

  /** State while reading; discarded afterwards. */
  private final class Reading {
    // Invariant: maps a client process to its in-flight operation, and holds nothing else.
    private final Map<Long, Integer> inFlight = new HashMap<>();
    private final Map<String, Integer> fSlots = new HashMap<>();
    // Faults started and not yet stopped, by label, in order of start.
    private final Map<String, FaultMark> open = new LinkedHashMap<>();

    void add(HistoryLines.RawEvent e) throws MalformedHistoryException {
      if (e.index() >= HistoryParser.EVENTS_MAX) {
        throw new MalformedHistoryException(
            e.line(), "more than " + HistoryParser.EVENTS_MAX + " events");
      }
      if (e.time() == null) {
        throw new MalformedHistoryException(e.line(), "a timeline needs \"time\" on every event");
      }
      long t = e.time();
      timeMinNanos = Math.min(timeMinNanos, t);
      timeMaxNanos = Math.max(timeMaxNanos, t);
      if (e.process().isTextual()) {
        if (e.type() != EventType.INVOKE) {
          note(e.f(), t, e.value() == null || e.value().isNull() ? "" : e.value().isTextual()
              ? e.value().textValue() : e.value().toString());
        }
        return;
      }
      long process = e.process().longValue();
      Integer pending = inFlight.get(process);
      if (e.type() == EventType.INVOKE) {
        if (pending != null) {
          throw new MalformedHistoryException(e.line(), "process " + process
              + " invokes again while an operation is in flight");
        }
        inFlight.put(process, op(t, fSlot(e.f())));
        return;
      }
      if (pending == null) {
        if (e.type() == EventType.INFO) {
          return;
        }
        throw new MalformedHistoryException(e.line(), "\"" + e.type().jsonName()
            + "\" for process " + process + ", which has no invoke in flight");
      }
      if (t < invokeNanos[pending]) {
        throw new MalformedHistoryException(e.line(), "completes before its invoke");
      }
      inFlight.remove(process);
      completeNanos[pending] = t;
      outcome[pending] = switch (e.type()) {
        case OK -> OK;
        case FAIL -> FAIL;
        case INFO -> INFO;
        case INVOKE -> throw new IllegalStateException("an invoke as a completion");
      };
    }

    private int fSlot(String f) {
      Integer slot = fSlots.get(f);
      if (slot == null) {
        slot = fNames.size() < F_NAMES_MAX - 1 ? fNames.size() : F_NAMES_MAX - 1;
        if (slot == fNames.size()) {
          fNames.add(slot == F_NAMES_MAX - 1 ? "other" : f);
        }
        fSlots.put(f, slot);
      }
      return slot;
    }

    private void note(String f, long t, String detail) {
      String shortDetail = detail.length() > DETAIL_CHARS_MAX
          ? detail.substring(0, DETAIL_CHARS_MAX) + "..." : detail;
      if (f.startsWith("start-") && f.length() > 6) {
        // A second start while the fault is in effect extends nothing: the first start stands.
        open.putIfAbsent(f.substring(6), new FaultMark(f.substring(6), t, t, false, false,
            shortDetail));
        return;
      }
      if (f.startsWith("stop-") && f.length() > 5) {
        FaultMark started = open.remove(f.substring(5));
        if (started != null) {
          mark(new FaultMark(started.label(), started.startNanos(), t, false, true,
              started.detail()));
          return;
        }
      }
      mark(new FaultMark(f, t, t, true, true, shortDetail));
    }

    private void mark(FaultMark mark) {
      if (marks.size() < MARKS_MAX) {
        marks.add(mark);
      } else {
        marksDropped++;
      }
    }

    void finish() {
      for (FaultMark started : open.values()) {
        mark(new FaultMark(started.label(), started.startNanos(), timeMaxNanos, false, false,
            started.detail()));
      }
      for (int i = 0; i < operations; i++) {
        outcomeCounts[outcome[i]]++;
      }
    }
  }
}

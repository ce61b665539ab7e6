package meridian.tests.sim;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Simulated true time and what is scheduled on it. Events run in order of (time, sequence number):
 * the sequence number breaks ties in scheduling order, so two runs of one seed run the same events
 * in the same order. True time only moves when an event is taken.
 */
final class EventQueue {
  /** A scheduled action. {@code seq} is unique and increasing in scheduling order. */
  record Event(long atMicros, long seq, Runnable action) {}

  private static final Comparator<Event> ORDER =
      Comparator.comparingLong(Event::atMicros).thenComparingLong(Event::seq);

  // Invariant: every queued event has atMicros >= nowMicros.
  private final PriorityQueue<Event> queue = new PriorityQueue<>(ORDER);
  private final int eventsQueuedMax;
  private long nowMicros;
  private long nextSeq;

  EventQueue(long startMicros, int eventsQueuedMax) {
    this.nowMicros = startMicros;
    this.eventsQueuedMax = eventsQueuedMax;
  }

  /** Current simulated true time, microseconds since the epoch. */
  long nowMicros() {
    return nowMicros;
  }

  /** Runs {@code action} at true time {@code atMicros} (not in the past). */
  void at(long atMicros, Runnable action) {
    if (atMicros < nowMicros) {
      throw new IllegalArgumentException("event at " + atMicros + " us is before now " + nowMicros + " us");
    }
    if (queue.size() >= eventsQueuedMax) {
      throw new IllegalStateException("more than " + eventsQueuedMax + " events queued: runaway simulation");
    }
    queue.add(new Event(atMicros, nextSeq++, action));
  }

  /** Runs {@code action} {@code delayMicros} (>= 0) from now. */
  void after(long delayMicros, Runnable action) {
    at(Math.addExact(nowMicros, delayMicros), action);
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /** Time of the next event, or {@link Long#MAX_VALUE} when none. */
  long nextAtMicros() {
    Event next = queue.peek();
    return next == null ? Long.MAX_VALUE : next.atMicros();
  }

  /** Takes the next event and moves true time to it; the caller runs its action. */
  Event take() {
    Event next = queue.remove();
    nowMicros = next.atMicros();
    return next;
  }
}

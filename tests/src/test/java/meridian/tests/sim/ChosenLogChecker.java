package meridian.tests.sim;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;

/**
 * Invariants 1-4: one value per slot, chosen values never change, replicas apply one sequence, and
 * write timestamps strictly increase along it. Every entry any replica is told is committed passes
 * through here before the replica applies it; the first report of a slot fixes its value.
 *
 * <p>Also: a payload is chosen at most once (the workload's payloads are unique), and at the index
 * its {@code propose} returned.
 */
final class ChosenLogChecker {
  // The value chosen at each slot as first reported: command and timestamp (the ballot may differ
  // between reports, since a new leader re-proposes a found value in its own ballot).
  private final TreeMap<Long, LogEntry> chosen = new TreeMap<>();
  private final Map<String, Long> payloadIndex = new HashMap<>();
  private final Map<String, Long> proposedIndex = new HashMap<>();
  private long membershipIndex;
  private Membership membership;

  /**
   * {@code replica} was told that {@code entry} is chosen (a {@code Ready.committed} entry).
   * Returns whether this is the first report of its slot.
   */
  boolean committed(String replica, LogEntry entry) {
    LogEntry first = chosen.get(entry.index());
    if (first != null) {
      if (!sameValue(first, entry)) {
        throw new InvariantViolation("two values chosen at slot " + entry.index() + ": " + Describe.entry(first)
            + " first, now " + replica + " commits " + Describe.entry(entry));
      }
      return false;
    }
    checkTimestampOrder(entry);
    if (entry.command() instanceof Command.Write w) {
      String payload = Describe.payload(w.payload());
      Long earlier = payloadIndex.putIfAbsent(payload, entry.index());
      if (earlier != null) {
        throw new InvariantViolation("payload " + payload + " chosen twice, at " + earlier + " and " + entry.index());
      }
      Long proposed = proposedIndex.get(payload);
      if (proposed != null && proposed != entry.index()) {
        throw new InvariantViolation("payload " + payload + " was proposed at index " + proposed + " but chosen at "
            + entry.index());
      }
    }
    chosen.put(entry.index(), entry);
    if (entry.command() instanceof Command.ChangeMembership c && entry.index() > membershipIndex) {
      membershipIndex = entry.index();
      membership = c.next();
    }
    return true;
  }

  /** The membership of the highest membership change known chosen, or null when none was. */
  Membership latestMembership() {
    return membership;
  }

  /** A leader returned {@code Proposed(index)} for {@code payload}. */
  void proposed(String payload, long index) {
    proposedIndex.put(payload, index);
    Long at = payloadIndex.get(payload);
    if (at != null && at != index) {
      throw new InvariantViolation("payload " + payload + " proposed at " + index + " but already chosen at " + at);
    }
  }

  /** The value chosen at {@code index}, or null when no replica has reported it. */
  LogEntry chosenAt(long index) {
    return chosen.get(index);
  }

  /** Where {@code payload} was chosen, or null. */
  Long indexOf(String payload) {
    return payloadIndex.get(payload);
  }

  long highestChosen() {
    return chosen.isEmpty() ? 0 : chosen.lastKey();
  }

  /** The first write above {@code index} known chosen, or null. */
  LogEntry firstWriteAbove(long index) {
    for (LogEntry e : chosen.tailMap(index, false).values()) {
      if (e.command() instanceof Command.Write) {
        return e;
      }
    }
    return null;
  }

  /** The last write at or below {@code index} known chosen, or null. */
  LogEntry lastWriteAtOrBelow(long index) {
    for (LogEntry e : chosen.headMap(index, true).descendingMap().values()) {
      if (e.command() instanceof Command.Write) {
        return e;
      }
    }
    return null;
  }

  private void checkTimestampOrder(LogEntry entry) {
    if (!(entry.command() instanceof Command.Write)) {
      return;
    }
    LogEntry below = lastWriteAtOrBelow(entry.index() - 1);
    if (below != null && below.timestampMicros() >= entry.timestampMicros()) {
      throw new InvariantViolation("write timestamps not increasing: " + Describe.entry(below) + " then "
          + Describe.entry(entry));
    }
    LogEntry above = firstWriteAbove(entry.index());
    if (above != null && above.timestampMicros() <= entry.timestampMicros()) {
      throw new InvariantViolation("write timestamps not increasing: " + Describe.entry(entry) + " then "
          + Describe.entry(above));
    }
  }

  static boolean sameValue(LogEntry a, LogEntry b) {
    if (a.index() != b.index() || a.timestampMicros() != b.timestampMicros()) {
      return false;
    }
    return switch (a.command()) {
      case Command.Write wa -> b.command() instanceof Command.Write wb && Arrays.equals(wa.payload(), wb.payload());
      case Command.Noop n -> b.command() instanceof Command.Noop;
      case Command.ChangeMembership ma -> ma.equals(b.command());
    };
  }
}

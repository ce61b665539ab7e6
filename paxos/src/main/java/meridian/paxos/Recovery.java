package meridian.paxos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which recovered values a new leader must not re-propose because they cannot have been chosen
 * and would break timestamp order along the log.
 *
 * <p>Every entry has a <em>level</em>: a write's timestamp, or the timestamp a leader put on a
 * no-op or membership change it created (its s_max then: a barrier; gap fills carry 0, no claim).
 * Each leader's log is monotone: a write's timestamp is above the level of every entry before it.
 * An entry's ballot names a leader whose log held that value at that slot.
 *
 * <p>Lemma: if, among the recovered entries, an entry at slot j has level >= the timestamp of a
 * write at slot k > j, the one with the lower ballot was never chosen. (Let L be the higher
 * ballot. L's log is monotone, so it did not hold both; L's phase 1 covered the other slot, or L
 * knew it chosen; so the lower-ballot value was not chosen before L's phase 1, cannot be chosen in
 * a lower ballot after it, and any leader above L that chose it would show a ballot >= L here.)
 * The chosen prefix counts as an entry with an infinite ballot. So the new leader keeps, highest
 * ballot first, every entry that agrees with those kept, and fills the others with Noops: its log
 * stays monotone, and no chosen value is replaced.
 *
 * <p>Together with the barrier each leader writes first (a no-op at {@code now.latest} inside its
 * lease, above every timestamp of every earlier leader), this also stops an earlier leader's
 * never-chosen write from being chosen later at a slot after the barrier, which is what makes
 * MinNextTS and safe time hold across leader changes.
 */
final class Recovery {
  private Recovery() {}

  /** The slots of {@code merged} whose values must be replaced by Noops. */
  static Set<Long> deadSlots(long chosenLevelMicros, long fromIndex, NavigableMap<Long, LogEntry> merged) {
    TreeMap<Long, Long> keptWrites = new TreeMap<>();
    TreeMap<Long, Long> keptBarriers = new TreeMap<>();
    keptBarriers.put(fromIndex - 1, chosenLevelMicros);
    List<LogEntry> byBallot = new ArrayList<>(merged.values());
    byBallot.sort(Comparator.comparing(LogEntry::ballot).reversed().thenComparingLong(LogEntry::index));
    Set<Long> dead = new HashSet<>();
    for (LogEntry e : byBallot) {
      boolean write = e.command() instanceof Command.Write;
      long level = e.timestampMicros();
      if (conflicts(e.index(), write, level, keptWrites, keptBarriers)) {
        dead.add(e.index());
      } else if (write) {
        keptWrites.put(e.index(), level);
      } else if (level > 0) {
        keptBarriers.put(e.index(), level);
      }
    }
    return dead;
  }

  private static boolean conflicts(long slot, boolean write, long level, TreeMap<Long, Long> keptWrites,
      TreeMap<Long, Long> keptBarriers) {
    if (write) {
      Map.Entry<Long, Long> before = keptWrites.lowerEntry(slot);
      long floorSlot = before == null ? Long.MIN_VALUE : before.getKey();
      long floor = before == null ? Long.MIN_VALUE : before.getValue();
      // Barriers before the previous kept write are below it (the kept set is monotone).
      for (long barrier : keptBarriers.subMap(floorSlot, false, slot, false).values()) {
        floor = Math.max(floor, barrier);
      }
      if (floor >= level) {
        return true;
      }
    }
    if (level > 0) {
      Map.Entry<Long, Long> after = keptWrites.higherEntry(slot);
      return after != null && after.getValue() <= level;
    }
    return false;
  }
}

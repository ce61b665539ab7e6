package meridian.tests.sim;

import java.util.HashMap;
import java.util.Map;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;

/**
 * Invariant 7: safe time. Per replica, per incarnation (it is volatile), safe time never goes back.
 * And the MinNextTS promise: a write a replica applies for the first time ever has a timestamp above
 * every safe time that replica reported before (in any incarnation), since a snapshot read at that
 * safe time may already have been served without it.
 */
final class SafeTimeChecker {
  private final Map<String, Long> safeThisIncarnation = new HashMap<>();
  private final Map<String, Long> safeEver = new HashMap<>();
  private final Map<String, Long> appliedEver = new HashMap<>();

  void observe(String replica, long safeTimeMicros) {
    Long last = safeThisIncarnation.get(replica);
    if (last != null && safeTimeMicros < last) {
      throw new InvariantViolation(replica + " safe time went back from " + last + " to " + safeTimeMicros);
    }
    safeThisIncarnation.put(replica, safeTimeMicros);
    safeEver.merge(replica, safeTimeMicros, Math::max);
  }

  void restarted(String replica) {
    safeThisIncarnation.remove(replica);
  }

  /** {@code replica} applies {@code entry} (from the log or a snapshot). */
  void applying(String replica, LogEntry entry) {
    long ever = appliedEver.getOrDefault(replica, 0L);
    if (entry.index() <= ever) {
      return; // re-applied after losing unsynced state-machine writes in a crash
    }
    appliedEver.put(replica, entry.index());
    long safe = safeEver.getOrDefault(replica, Long.MIN_VALUE);
    if (entry.command() instanceof Command.Write && entry.timestampMicros() <= safe) {
      throw new InvariantViolation(replica + " applies " + Describe.entry(entry) + " with a timestamp at or below "
          + safe + ", a safe time it reported earlier");
    }
  }
}

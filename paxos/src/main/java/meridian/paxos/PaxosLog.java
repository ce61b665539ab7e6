package meridian.paxos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-memory log of one replica: the accepted value of every slot after the snapshot point,
 * dense (no holes), and the membership changes among them.
 *
 * <p>Slots are independent Paxos instances: an entry is the value this acceptor accepted last for
 * its slot, with the ballot it was accepted in. The log is never truncated from the end: an entry
 * is only overwritten by a value of a higher ballot (or the chosen value), and only compaction
 * drops entries from the front.
 */
final class PaxosLog {
  // Invariant: 0 <= snapshotIndex; every slot <= snapshotIndex is chosen and applied.
  private long snapshotIndex;
  private Ballot snapshotBallot;
  private long snapshotTimestampMicros;
  // Invariant: the membership in force for the slots right after snapshotIndex.
  private Membership snapshotMembership;
  // Invariant: entries.get(i).index() == snapshotIndex + 1 + i (dense, in index order).
  private final ArrayList<LogEntry> entries = new ArrayList<>();
  // Invariant: exactly the ChangeMembership entries of `entries`, by index.
  private final TreeMap<Long, Membership> changes = new TreeMap<>();

  PaxosLog(PersistedState restored) {
    snapshotIndex = restored.snapshotIndex();
    snapshotBallot = restored.snapshotBallot();
    snapshotTimestampMicros = restored.snapshotTimestampMicros();
    snapshotMembership = restored.snapshotMembership();
    for (LogEntry e : restored.log()) {
      put(e);
    }
  }

  long snapshotIndex() {
    return snapshotIndex;
  }

  Ballot snapshotBallot() {
    return snapshotBallot;
  }

  long snapshotTimestampMicros() {
    return snapshotTimestampMicros;
  }

  long firstIndex() {
    return snapshotIndex + 1;
  }

  long lastIndex() {
    return snapshotIndex + entries.size();
  }

  boolean contains(long index) {
    return index > snapshotIndex && index <= lastIndex();
  }

  LogEntry get(long index) {
    if (!contains(index)) {
      throw new IllegalStateException("slot " + index + " not in log (" + firstIndex() + ".." + lastIndex() + ")");
    }
    return entries.get((int) (index - snapshotIndex - 1));
  }

  /** Stores {@code entry} at its slot, replacing what was there; the slot is at most lastIndex + 1. */
  void put(LogEntry entry) {
    long index = entry.index();
    if (index <= snapshotIndex || index > lastIndex() + 1) {
      throw new IllegalStateException("cannot put slot " + index + " into " + firstIndex() + ".." + lastIndex());
    }
    if (index == lastIndex() + 1) {
      entries.add(entry);
    } else {
      entries.set((int) (index - snapshotIndex - 1), entry);
    }
    if (entry.command() instanceof Command.ChangeMembership change) {
      changes.put(index, change.next());
    } else {
      changes.remove(index);
    }
  }

  /**
   * Entries from {@code from} to {@code to} (inclusive), at most {@code entriesMax} and as many as
   * fit {@code bytesMax} (at least one, which always fits: proposals are bounded).
   */
  List<LogEntry> slice(long from, long to, int entriesMax, long bytesMax) {
    List<LogEntry> out = new ArrayList<>();
    long bytes = ReplicaConfig.MESSAGE_OVERHEAD_BYTES;
    for (long i = Math.max(from, firstIndex()); i <= Math.min(to, lastIndex()) && out.size() < entriesMax; i++) {
      LogEntry e = get(i);
      bytes += sizeBytes(e);
      if (bytes > bytesMax && !out.isEmpty()) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  /** Drops the entries up to {@code throughIndex}; they are covered by a state machine snapshot. */
  void compact(long throughIndex) {
    if (throughIndex <= snapshotIndex) {
      return;
    }
    LogEntry last = get(throughIndex);
    snapshotMembership = membershipFor(throughIndex + 1);
    for (long i = firstIndex(); i <= throughIndex; i++) {
      snapshotTimestampMicros = Math.max(snapshotTimestampMicros, get(i).timestampMicros());
    }
    entries.subList(0, (int) (throughIndex - snapshotIndex)).clear();
    changes.headMap(throughIndex, true).clear();
    snapshotIndex = throughIndex;
    snapshotBallot = last.ballot();
  }

  /**
   * The state machine now holds the chosen prefix through {@code index}. Entries after it stay
   * (they are accepted values of their slots); entries at or before it are dropped.
   */
  void installSnapshot(long index, Ballot ballot, long timestampMicros, Membership membership) {
    if (index <= snapshotIndex) {
      return;
    }
    long keepFrom = index + 1;
    if (keepFrom > lastIndex()) {
      entries.clear();
      changes.clear();
    } else {
      entries.subList(0, (int) (keepFrom - firstIndex())).clear();
      changes.headMap(index, true).clear();
    }
    snapshotIndex = index;
    snapshotBallot = ballot;
    snapshotTimestampMicros = Math.max(snapshotTimestampMicros, timestampMicros);
    snapshotMembership = membership;
  }

  /** The membership whose quorums decide {@code slot}: the last change before it, else the snapshot's. */
  Membership membershipFor(long slot) {
    Map.Entry<Long, Membership> change = changes.lowerEntry(slot);
    return change == null ? snapshotMembership : change.getValue();
  }

  /** The first membership change at or after {@code slot}, or 0 when none. */
  long nextChangeIndex(long slot) {
    Long k = changes.ceilingKey(slot);
    return k == null ? 0 : k;
  }

  /**
   * The memberships whose quorums matter above {@code commitIndex}: the one in force after it, then
   * every change in the log beyond it (at most one for a leader's own proposals).
   */
  List<Membership> membershipsInForce(long commitIndex) {
    List<Membership> out = new ArrayList<>();
    out.add(membershipFor(commitIndex + 1));
    out.addAll(changes.tailMap(commitIndex, false).values());
    return out;
  }

  /** Whether a membership change sits above {@code commitIndex} (not known chosen yet). */
  boolean hasChangeAbove(long commitIndex) {
    return changes.higherKey(commitIndex) != null;
  }

  /** The largest level (timestamp of any entry) in the log and the snapshot (0 when none). */
  long maxLevelMicros() {
    long max = snapshotTimestampMicros;
    for (LogEntry e : entries) {
      max = Math.max(max, e.timestampMicros());
    }
    return max;
  }

  /** What an entry costs against {@link ReplicaConfig#batchBytesMax()}. */
  static long sizeBytes(LogEntry entry) {
    long payload = switch (entry.command()) {
      case Command.Noop noop -> 0;
      case Command.Write write -> write.payload().length;
      case Command.ChangeMembership change -> change.next().replicas().stream().mapToLong(r -> r.length() + 8).sum();
    };
    return ReplicaConfig.ENTRY_OVERHEAD_BYTES + payload;
  }

  void checkInvariants() {
    // Cheap: the ends only (put() keeps the middle dense by construction).
    if (!entries.isEmpty()
        && (entries.get(0).index() != snapshotIndex + 1 || entries.getLast().index() != lastIndex())) {
      throw new IllegalStateException("log not dense: " + entries.get(0).index() + ".." + entries.getLast().index()
          + " after snapshot " + snapshotIndex);
    }
    if (!changes.isEmpty() && (changes.firstKey() <= snapshotIndex || changes.lastKey() > lastIndex())) {
      throw new IllegalStateException("membership changes outside the log: " + changes.keySet());
    }
  }
}

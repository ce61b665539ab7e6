package meridian.tests.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.PersistedState;

/**
 * One replica's disk: a synced part, which survives a crash, and writes not yet synced, which a
 * crash loses (all of them: the host's writes between two fsyncs are one atomic batch, as the
 * {@code Ready} contract asks). It holds the acceptor state, the log, the compaction point and the
 * state machine (the applied entries, each durable only once synced, like the applied index written
 * with the state machine's writes).
 *
 * <p>Reads see the current state (synced plus unsynced: the page cache); {@link #persistedState}
 * and a restart see only the synced part.
 */
final class SimDisk {
  /** One write; replayed in order on the current state at once and on the synced state at fsync. */
  sealed interface Op {}

  record PaxosWrite(HardState hardState, long truncateFromIndex, List<LogEntry> entries) implements Op {}

  record Apply(LogEntry entry) implements Op {}

  /** The log up to {@code throughIndex} is dropped; the state machine stands for it. */
  record Compact(long throughIndex) implements Op {}

  /** The state machine is replaced by a leader's, applied through {@code applied.size()}. */
  record InstallSnapshot(List<LogEntry> applied) implements Op {}

  /** A disk state: what the synced part holds, or what the current view shows. */
  static final class State {
    final Membership initialMembership;
    HardState hardState = HardState.INITIAL;
    final TreeMap<Long, LogEntry> log = new TreeMap<>();
    long snapshotIndex;
    // Invariant: applied.get(i).index() == i + 1 (the state machine applies a gapless prefix).
    List<LogEntry> applied = new ArrayList<>();

    State(Membership initialMembership) {
      this.initialMembership = initialMembership;
    }

    void replay(Op op) {
      switch (op) {
        case PaxosWrite w -> {
          if (w.hardState() != null) {
            hardState = w.hardState();
          }
          if (w.truncateFromIndex() > 0) {
            log.tailMap(w.truncateFromIndex(), true).clear();
          }
          for (LogEntry e : w.entries()) {
            log.put(e.index(), e);
          }
        }
        case Apply a -> {
          if (a.entry().index() != applied.size() + 1) {
            throw new AssertionError("state machine gap: applying " + a.entry().index() + " after " + applied.size());
          }
          applied.add(a.entry());
        }
        case Compact c -> {
          if (c.throughIndex() > applied.size()) {
            throw new AssertionError("compacting to " + c.throughIndex() + " past applied " + applied.size());
          }
          snapshotIndex = Math.max(snapshotIndex, c.throughIndex());
          log.headMap(snapshotIndex, true).clear();
        }
        case InstallSnapshot s -> {
          applied = new ArrayList<>(s.applied());
          snapshotIndex = applied.size();
          log.headMap(snapshotIndex, true).clear();
        }
      }
    }

    long appliedIndex() {
      return applied.size();
    }

    /** The membership in force after applying {@code index} (the last change at or before it). */
    Membership membershipAt(long index) {
      for (long i = index; i >= 1; i--) {
        if (applied.get((int) (i - 1)).command() instanceof Command.ChangeMembership c) {
          return c.next();
        }
      }
      return initialMembership;
    }

    Ballot ballotAt(long index) {
      return index == 0 ? Ballot.ZERO : applied.get((int) (index - 1)).ballot();
    }

    /**
     * The largest entry timestamp at or below {@code index}, writes and no-ops alike (0 when none):
     * what {@code PersistedState.snapshotTimestampMicros} and {@code snapshotInstalled} want.
     */
    long maxTimestampThrough(long index) {
      long max = 0;
      for (long i = 1; i <= index; i++) {
        max = Math.max(max, applied.get((int) (i - 1)).timestampMicros());
      }
      return max;
    }
  }

  private final State synced;
  private final State current;
  private final List<Op> unsynced = new ArrayList<>();
  private long syncs;
  private long lostOps;

  SimDisk(Membership initialMembership) {
    this.synced = new State(initialMembership);
    this.current = new State(initialMembership);
  }

  void write(Op op) {
    current.replay(op);
    unsynced.add(op);
  }

  /** fsync: everything written so far is durable. */
  void sync() {
    for (Op op : unsynced) {
      synced.replay(op);
    }
    unsynced.clear();
    syncs++;
  }

  /** Power loss: unsynced writes are gone; the current view falls back to the synced state. */
  void crash() {
    lostOps += unsynced.size();
    unsynced.clear();
    current.hardState = synced.hardState;
    current.log.clear();
    current.log.putAll(synced.log);
    current.snapshotIndex = synced.snapshotIndex;
    current.applied = new ArrayList<>(synced.applied);
  }

  boolean hasUnsynced() {
    return !unsynced.isEmpty();
  }

  State current() {
    return current;
  }

  State synced() {
    return synced;
  }

  long lostOps() {
    return lostOps;
  }

  long syncs() {
    return syncs;
  }

  /** What a restarted replica reads back: the synced part only. */
  PersistedState persistedState() {
    State s = synced;
    List<LogEntry> log = new ArrayList<>();
    for (Map.Entry<Long, LogEntry> e : s.log.tailMap(s.snapshotIndex, false).entrySet()) {
      log.add(e.getValue());
    }
    return new PersistedState(s.hardState, log, s.snapshotIndex, s.ballotAt(s.snapshotIndex),
        s.maxTimestampThrough(s.snapshotIndex), s.membershipAt(s.snapshotIndex), s.appliedIndex());
  }
}

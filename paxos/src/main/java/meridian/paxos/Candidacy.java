package meridian.paxos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Phase 1, once per leadership, for every slot from the first one this replica does not know
 * chosen ({@link #fromIndex}). Promises may come in chunks (an acceptor answers at most one batch
 * per Prepare; the candidate asks again from where the chunk ended).
 *
 * <p>Phase 1 is won when, for every membership in force over the slots it covers (the one after
 * {@code fromIndex - 1}, and every change found in the merged promises), a quorum has promised in
 * full, this replica included (it promises itself last, see {@link #won()}). Then, per slot, the value accepted in the highest ballot is the only one that may have
 * been chosen; slots with none get a Noop.
 */
final class Candidacy {
  final Ballot ballot;
  final long fromIndex;
  final LeaseTracker lease;
  private final ReplicaState s;
  // Invariant: per slot >= fromIndex, the accepted value with the highest ballot among the
  // promises received so far.
  private final TreeMap<Long, LogEntry> merged = new TreeMap<>();
  // Per acceptor: promised entries received contiguously from fromIndex through this slot.
  private final Map<String, Long> coveredThrough = new HashMap<>();
  // Acceptors whose promise covers their whole log.
  private final Set<String> complete = new HashSet<>();
  private final Set<String> asked = new HashSet<>();
  // The highest slot some complete promiser knew chosen (its commit index, as far as it sent).
  private long knownChosenIndex;

  Candidacy(ReplicaState state, Ballot ballot) {
    this.s = state;
    this.ballot = ballot;
    this.fromIndex = state.commitIndex() + 1;
    this.lease = new LeaseTracker(state.config.leaseDurationMicros());
    this.knownChosenIndex = state.commitIndex();
    askNewMembers();
  }

  /** Sends a Prepare to every member of a membership in force not asked yet. */
  private void askNewMembers() {
    for (Membership m : memberships()) {
      for (String r : m.replicas()) {
        if (!r.equals(s.config.self()) && asked.add(r)) {
          prepare(r, fromIndex);
        }
      }
    }
  }

  private void prepare(String to, long from) {
    long request = s.fenced() ? 0 : s.now().earliestMicros();
    s.outbox.send(new Message.Prepare(s.config.groupId(), s.config.self(), to, ballot, from, request));
  }

  /** Asks again every acceptor that has not promised in full (lost messages). */
  void retry() {
    for (String r : asked) {
      if (!complete.contains(r)) {
        prepare(r, coveredThrough.getOrDefault(r, fromIndex - 1) + 1);
      }
    }
  }

  void onPromise(Message.Promise p) {
    if (!p.ballot().equals(ballot) || !asked.contains(p.from())) {
      return;
    }
    if (p.leaseVoteGranted()) {
      lease.recordVote(p.from(), p.leaseRequestMicros());
    }
    if (complete.contains(p.from())) {
      return;
    }
    long covered = coveredThrough.getOrDefault(p.from(), fromIndex - 1);
    List<LogEntry> accepted = p.accepted();
    if (!accepted.isEmpty() && accepted.get(0).index() > covered + 1) {
      return; // a later chunk overtook an earlier one; the retry asks again
    }
    for (LogEntry e : accepted) {
      if (e.index() >= fromIndex) {
        merged.merge(e.index(), e, (old, neu) -> neu.ballot().isAbove(old.ballot()) ? neu : old);
      }
      covered = Math.max(covered, e.index());
    }
    coveredThrough.put(p.from(), covered);
    if (covered >= p.lastIndex()) {
      complete.add(p.from());
      knownChosenIndex = Math.max(knownChosenIndex, Math.min(p.commitIndex(), covered));
      askNewMembers();
    } else {
      prepare(p.from(), covered + 1);
    }
  }

  /** The memberships whose quorums must promise: the one at fromIndex, then every change merged. */
  List<Membership> memberships() {
    List<Membership> out = new ArrayList<>();
    out.add(s.log.membershipFor(fromIndex));
    for (LogEntry e : merged.values()) {
      if (e.command() instanceof Command.ChangeMembership change) {
        out.add(change.next());
      }
    }
    return out;
  }

  /**
   * Whether phase 1 is won, counting this replica's own promise, which it gives only now (so that
   * a failed campaign leaves its acceptor state alone and cannot disrupt a live leader later). It
   * can promise itself unless it promised a higher ballot or holds a live lease vote for another.
   */
  boolean won() {
    if (s.promised().isAbove(ballot) || s.voteBlocks(s.config.self())) {
      return false;
    }
    Set<String> promisers = new HashSet<>(complete);
    promisers.add(s.config.self());
    for (Membership m : memberships()) {
      if (!m.isQuorum(promisers)) {
        return false;
      }
    }
    return true;
  }

  /** This replica promises its own ballot: its log, as it is now, joins the merged promises. */
  void promiseSelf() {
    s.promise(ballot);
    for (long i = Math.max(fromIndex, s.log.firstIndex()); i <= s.log.lastIndex(); i++) {
      merged.merge(i, s.log.get(i), (old, neu) -> neu.ballot().isAbove(old.ballot()) ? neu : old);
    }
  }

  /** The slots through which the recovered log is known chosen (they keep their ballots). */
  long knownChosenIndex() {
    return Math.min(knownChosenIndex, lastMergedIndex());
  }

  long lastMergedIndex() {
    return merged.isEmpty() ? fromIndex - 1 : merged.lastKey();
  }

  /** The value to propose for {@code slot}: the highest-ballot accepted one, or null (a gap). */
  LogEntry recovered(long slot) {
    return merged.get(slot);
  }

  /** The largest level (timestamp) among the recovered entries. */
  long maxRecoveredLevelMicros() {
    long max = 0;
    for (LogEntry e : merged.values()) {
      max = Math.max(max, e.timestampMicros());
    }
    return max;
  }

  /** Recovered slots whose values cannot have been chosen and break timestamp order (see {@link Recovery}). */
  Set<Long> deadSlots() {
    long chosen = knownChosenIndex();
    long level = s.chosenLevelMicros();
    for (LogEntry e : merged.headMap(chosen, true).values()) {
      level = Math.max(level, e.timestampMicros());
    }
    return Recovery.deadSlots(level, chosen + 1, merged.tailMap(chosen, false));
  }
}

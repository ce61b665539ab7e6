package meridian.paxos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meridian.truetime.TTInterval;

/**
 * Phase 2 of a leader that won phase 1 in {@link #ballot}: proposals, pipelined and batched
 * replication, commit by per-slot quorums, the lease, MinNextTS, and planned transfer.
 */
final class Leadership {
  final Ballot ballot;
  // Invariant: 0 until the barrier is written; then the slot of this ballot's first own entry, a
  // no-op at a timestamp inside the lease and above everything earlier leaders handed out. Nothing
  // new is proposed before it; reads, membership changes and MinNextTS wait until it is chosen
  // (then the whole recovered log is chosen too).
  private long barrierIndex;
  final LeaseTracker lease;
  private final ReplicaState s;
  private final Map<String, Progress> peers = new LinkedHashMap<>();
  private int heartbeatElapsedTicks;
  private boolean heartbeatDue = true;
  // "" when no transfer is under way; while one is, nothing new is proposed or read.
  private String transferTarget = "";
  private int transferTicksLeft;

  Leadership(ReplicaState state, Ballot ballot, LeaseTracker lease) {
    this.s = state;
    this.ballot = ballot;
    this.lease = lease;
    syncPeers();
  }

  /** Whether this ballot's barrier is chosen: the leader serves reads and changes membership. */
  boolean established() {
    return barrierIndex > 0 && s.commitIndex() >= barrierIndex;
  }

  /**
   * Writes the barrier once the lease is held: its timestamp {@code max(s_max, now.latest)} is
   * above every timestamp of every earlier leader (their leases ended before this one began) and
   * below this lease's end.
   */
  private void writeBarrierIfDue() {
    if (barrierIndex > 0 || s.fenced() || !holdsLease(s.now())) {
      return;
    }
    long ts = Math.max(s.timestamps.lastAssignedMicros(), s.now().latestMicros());
    if (ts >= leaseEndMicros()) {
      return;
    }
    s.timestamps.observe(ts);
    barrierIndex = s.log.lastIndex() + 1;
    append(new Command.Noop(), ts);
  }

  private String self() {
    return s.config.self();
  }

  /** Keeps a progress entry for exactly the members of the memberships in force (but this one). */
  void syncPeers() {
    Set<String> members = s.knownMembers();
    peers.keySet().retainAll(members);
    for (String r : members) {
      if (!r.equals(self())) {
        peers.computeIfAbsent(r, k -> new Progress(s.commitIndex() + 1));
      }
    }
  }

  void tick() {
    if (++heartbeatElapsedTicks >= s.config.heartbeatTicks()) {
      heartbeatElapsedTicks = 0;
      heartbeatDue = true;
      for (Progress p : peers.values()) {
        p.heartbeat(s.log.lastIndex());
      }
    }
    if (!transferTarget.isEmpty() && --transferTicksLeft <= 0) {
      transferTarget = "";
    }
    if (!s.committedMembership().contains(self()) && transferTarget.isEmpty()) {
      startTransfer(bestPeer());
    }
  }

  long leaseEndMicros() {
    return lease.leaseEndMicros(s.membershipsInForce());
  }

  /** Whether the lease may be used now: a clock reading, not released, {@code now.latest < end}. */
  private boolean holdsLease(TTInterval now) {
    return now.latestMicros() < leaseEndMicros();
  }

  ProposeResult proposeWrite(byte[] payload, TTInterval now, long floorMicros) {
    String refusal = refusal(now);
    if (refusal != null) {
      return new ProposeResult.Busy(refusal);
    }
    long ts = s.timestamps.assignWrite(now, leaseEndMicros(), floorMicros);
    if (ts == 0) {
      return new ProposeResult.Busy("no timestamp left in the lease");
    }
    return append(new Command.Write(payload.clone()), ts);
  }

  ProposeResult proposeMembership(Membership next, TTInterval now) {
    Membership current = s.committedMembership();
    if (!differsByOne(current, next)) {
      throw new IllegalArgumentException("membership " + next + " must add or remove exactly one replica of " + current);
    }
    String refusal = refusal(now);
    if (refusal == null && !established()) {
      refusal = "no entry of this ballot chosen yet";
    }
    if (refusal == null && leaseEndMicros() <= s.timestamps.lastAssignedMicros()) {
      // The committed membership's voters must cover every timestamp handed out, so that leaders
      // of the next membership (adjacent to it) cannot go below them.
      refusal = "lease does not cover the timestamps handed out";
    }
    if (refusal != null) {
      return new ProposeResult.Busy(refusal);
    }
    ProposeResult result = append(new Command.ChangeMembership(next), s.timestamps.lastAssignedMicros());
    syncPeers();
    return result;
  }

  private String refusal(TTInterval now) {
    if (barrierIndex == 0) {
      return "waiting for a lease to start the ballot";
    }
    if (!transferTarget.isEmpty()) {
      return "leadership transfer in progress";
    }
    if (!s.committedMembership().contains(self())) {
      return "this replica was removed from the group";
    }
    if (s.log.hasChangeAbove(s.commitIndex())) {
      return "membership change in progress";
    }
    if (s.log.lastIndex() - s.commitIndex() >= s.config.windowMax()) {
      return "window full";
    }
    if (!holdsLease(now)) {
      return "no lease";
    }
    return null;
  }

  private static boolean differsByOne(Membership current, Membership next) {
    List<String> added = new ArrayList<>(next.replicas());
    added.removeAll(current.replicas());
    List<String> removed = new ArrayList<>(current.replicas());
    removed.removeAll(next.replicas());
    return added.size() + removed.size() == 1;
  }

  private ProposeResult append(Command command, long timestampMicros) {
    LogEntry entry = new LogEntry(s.log.lastIndex() + 1, ballot, timestampMicros, command);
    s.log.put(entry);
    s.outbox.persist(entry);
    advanceCommit();
    return new ProposeResult.Proposed(entry.index(), timestampMicros);
  }

  ReadPermit read(TTInterval now) {
    if (!transferTarget.isEmpty()) {
      return new ReadPermit.NoLease("leadership transfer in progress");
    }
    if (!established()) {
      return new ReadPermit.NoLease("no entry of this ballot chosen yet");
    }
    if (!holdsLease(now)) {
      return new ReadPermit.NoLease("lease not held (ends at " + leaseEndMicros() + " us)");
    }
    return new ReadPermit.Granted(s.log.lastIndex(), s.timestamps.assignRead(now));
  }

  void onAccepted(Message.Accepted m) {
    Progress p = peers.get(m.from());
    if (!m.ballot().equals(ballot) || p == null) {
      return;
    }
    lease.recordVote(m.from(), m.leaseRequestMicros());
    long match = Math.min(m.matchIndex(), s.log.lastIndex());
    if (m.ok()) {
      p.acknowledged(match);
    } else {
      p.gap(match);
    }
    advanceCommit();
  }

  /** Commits the longest prefix whose every slot is accepted by a quorum of its own membership. */
  void advanceCommit() {
    long c = s.commitIndex();
    long last = s.log.lastIndex();
    while (c < last) {
      Membership m = s.log.membershipFor(c + 1);
      long change = s.log.nextChangeIndex(c + 1);
      long segmentEnd = change == 0 ? last : change;
      long quorumMatch = quorumMatch(m);
      if (quorumMatch <= c) {
        break;
      }
      c = Math.min(quorumMatch, segmentEnd);
      if (c < segmentEnd) {
        break;
      }
    }
    if (c > s.commitIndex()) {
      s.commitThrough(c);
      syncPeers();
    }
  }

  private long quorumMatch(Membership m) {
    long[] matches = m.replicas().stream()
        .mapToLong(r -> r.equals(self()) ? s.log.lastIndex() : peers.containsKey(r) ? peers.get(r).matchIndex : 0)
        .toArray();
    Arrays.sort(matches);
    return matches[matches.length - m.quorum()];
  }

  /**
   * Sends what is due: new entries to every peer (up to the window, in batches), heartbeats, and
   * SnapshotNeeded to peers behind the compacted log. Each Accept asks for a lease vote; this
   * replica votes for itself first, in the same Ready (persisted before the messages leave).
   */
  void flush() {
    long request = s.fenced() || lease.released() ? 0 : s.now().earliestMicros();
    if (request > 0 && (heartbeatDue || hasUnsent()) && s.grantVote(self())) {
      lease.recordVote(self(), request);
    }
    writeBarrierIfDue();
    long minNext = minNextPromise();
    s.safeTime.offer(s.commitIndex(), minNext, s.appliedIndex());
    for (Map.Entry<String, Progress> e : peers.entrySet()) {
      replicate(e.getKey(), e.getValue(), request, minNext);
    }
    heartbeatDue = false;
  }

  private boolean hasUnsent() {
    for (Progress p : peers.values()) {
      if (p.nextIndex <= s.log.lastIndex()) {
        return true;
      }
    }
    return false;
  }

  private void replicate(String peer, Progress p, long request, long minNext) {
    boolean sent = false;
    long last = s.log.lastIndex();
    if (p.nextIndex <= s.log.snapshotIndex()) {
      if (heartbeatDue) {
        s.outbox.send(new Message.SnapshotNeeded(s.config.groupId(), self(), peer, ballot, s.log.snapshotIndex()));
      }
    } else {
      while (p.nextIndex <= last && p.inFlight() < s.config.windowMax()) {
        List<LogEntry> batch = s.log.slice(p.nextIndex, last, s.config.batchEntriesMax(), s.config.batchBytesMax());
        send(peer, batch, request, minNext);
        p.nextIndex += batch.size();
        sent = true;
      }
    }
    if (!sent && heartbeatDue) {
      send(peer, List.of(), request, minNext);
    }
  }

  private void send(String peer, List<LogEntry> entries, long request, long minNext) {
    s.outbox.send(new Message.Accept(s.config.groupId(), self(), peer, ballot, entries, s.commitIndex(), minNext, request));
  }

  /**
   * MinNextTS: no future write of this leader (nor, by disjoint leases, of any later one) is below
   * it, and every write below it is at or before the commit index sent with it. With writes in
   * flight that is the first uncommitted write's timestamp; when idle the leader reserves up to
   * {@code now.latest} (inside its lease), unless it is fenced or handing over.
   */
  private long minNextPromise() {
    if (!established()) {
      return 0;
    }
    for (long i = s.commitIndex() + 1; i <= s.log.lastIndex(); i++) {
      LogEntry e = s.log.get(i);
      if (e.command() instanceof Command.Write) {
        return e.timestampMicros();
      }
    }
    boolean reserve = !s.fenced() && transferTarget.isEmpty() && holdsLease(s.now());
    return s.timestamps.promiseMinNext(reserve ? s.now() : null, reserve);
  }

  // ---- planned transfer ----

  void startTransfer(String target) {
    if (target.isEmpty() || !peers.containsKey(target)) {
      return;
    }
    transferTarget = target;
    transferTicksLeft = 2 * s.config.electionTicksMax();
    heartbeatDue = true;
  }

  String transferTarget() {
    return transferTarget;
  }

  /**
   * The target has the whole log and {@code TT.after(s_max)} holds: every timestamp this leader
   * handed out is in the past everywhere, so the lease can go.
   */
  boolean transferReady() {
    if (transferTarget.isEmpty()) {
      return false;
    }
    Progress target = peers.get(transferTarget);
    if (target == null) {
      transferTarget = ""; // the target left the group meanwhile
      return false;
    }
    return !s.fenced()
        && target.matchIndex >= s.log.lastIndex()
        && s.now().earliestMicros() > s.timestamps.lastAssignedMicros();
  }

  /** Releases the lease for good and hands over: LeaseReleased to the others, TimeoutNow to the target. */
  void completeTransfer() {
    lease.release();
    s.dropVote(self(), ballot);
    for (String peer : peers.keySet()) {
      if (!peer.equals(transferTarget)) {
        s.outbox.send(new Message.LeaseReleased(s.config.groupId(), self(), peer, ballot));
      }
    }
    s.outbox.send(new Message.TimeoutNow(s.config.groupId(), self(), transferTarget, ballot));
  }

  private String bestPeer() {
    Membership committed = s.committedMembership();
    String best = "";
    long bestMatch = -1;
    for (Map.Entry<String, Progress> e : peers.entrySet()) {
      if (committed.contains(e.getKey()) && e.getValue().matchIndex > bestMatch) {
        best = e.getKey();
        bestMatch = e.getValue().matchIndex;
      }
    }
    return best;
  }

  Map<String, Long> matchIndexes() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put(self(), s.log.lastIndex());
    peers.forEach((r, p) -> out.put(r, p.matchIndex));
    return out;
  }

  void checkInvariants() {
    for (Map.Entry<String, Progress> e : peers.entrySet()) {
      Progress p = e.getValue();
      if (p.matchIndex < 0 || p.matchIndex >= p.nextIndex || p.matchIndex > s.log.lastIndex()) {
        throw new IllegalStateException("progress of " + e.getKey() + ": match " + p.matchIndex + ", next "
            + p.nextIndex + ", last " + s.log.lastIndex());
      }
    }
    if (barrierIndex > s.log.lastIndex()) {
      throw new IllegalStateException("barrier " + barrierIndex + " beyond log end " + s.log.lastIndex());
    }
  }
}

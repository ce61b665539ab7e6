package meridian.tests.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;
import meridian.paxos.ProposeResult;
import meridian.paxos.ReadPermit;
import meridian.paxos.ReplicaStatus;

/**
 * The clients' side of one host, and the checks on what it answers them: only a leader takes a
 * proposal, inside its lease, with a timestamp at or above true time and below the lease end; a
 * lease read needs a lease covering it. A write proposed there completes when the host applies it and
 * commit wait has passed on the host's clock ({@code TT.after(ts)}, as {@code
 * ProposeResult.Proposed} asks), or fails when its slot went to another value, or is unknown when
 * the host crashes first; a lease read granted there completes when the host has applied its read
 * index.
 */
final class ClientSessions {
  private final SimHost host;
  private final SimCluster cluster;
  private final TreeMap<String, History.Op> writesInFlight = new TreeMap<>(); // by payload
  private final List<History.Op> readsWaiting = new ArrayList<>();

  ClientSessions(SimHost host, SimCluster cluster) {
    this.host = host;
    this.cluster = cluster;
  }

  /** A client writes {@code payload} through this host. */
  void write(History.Op op, byte[] payload) {
    if (!host.isUp() || host.isPaused()) {
      op.complete(History.Outcome.FAIL, now(), host.isUp() ? "no answer" : "down");
      return;
    }
    ReplicaStatus before = host.lastStatus();
    ProposeResult r = host.call(c -> c.propose(payload, host.tt()), res -> "client write " + op.payload + " -> " + res);
    switch (r) {
      case ProposeResult.Proposed p -> {
        if (before.role() != ReplicaStatus.Role.LEADER) {
          throw new InvariantViolation(host.id + " accepted a proposal while not leader: " + before);
        }
        if (p.timestampMicros() < op.invokeMicros) {
          throw new InvariantViolation(host.id + " gave write " + op.payload + " timestamp " + p.timestampMicros()
              + ", below true time " + op.invokeMicros + " at its proposal: commit wait would not order it");
        }
        op.index = p.index();
        op.timestampMicros = p.timestampMicros();
        cluster.chosen.proposed(op.payload, p.index());
        // A leader proposes only inside its lease, and timestamps its writes inside it.
        ReplicaStatus after = host.isUp() ? host.lastStatus() : before;
        cluster.leases.usedLease(host.id, after.ballot(), now());
        if (host.isUp() && p.timestampMicros() >= after.leaseEndMicros()) {
          throw new InvariantViolation(host.id + " gave write " + op.payload + " timestamp " + p.timestampMicros()
              + ", not below its lease end " + after.leaseEndMicros());
        }
        if (host.isUp()) {
          writesInFlight.put(op.payload, op);
        } else {
          op.complete(History.Outcome.UNKNOWN, now(), "proposer crashed");
        }
      }
      case ProposeResult.NotLeader n -> {
        op.complete(History.Outcome.FAIL, now(), "not leader, hint " + n.leaderHint());
        cluster.leaderHint(n.leaderHint());
      }
      case ProposeResult.Busy b -> op.complete(History.Outcome.FAIL, now(), "busy: " + b.reason());
    }
  }

  /** A client asks this host for a lease read. */
  void read(History.Op op) {
    if (!host.isUp() || host.isPaused()) {
      op.complete(History.Outcome.FAIL, now(), host.isUp() ? "no answer" : "down");
      return;
    }
    ReplicaStatus before = host.lastStatus();
    ReadPermit p = host.call(c -> c.leaderRead(host.tt()), res -> "client read #" + op.id + " -> " + res);
    switch (p) {
      case ReadPermit.Granted g -> {
        op.index = g.readIndex();
        op.timestampMicros = g.readTimestampMicros();
        cluster.reads.granted(op);
        cluster.leases.usedLease(host.id, (host.isUp() ? host.lastStatus() : before).ballot(), now());
        if (host.isUp()) {
          readsWaiting.add(op);
          appliedThrough(host.disk().current().appliedIndex());
        } else {
          op.complete(History.Outcome.FAIL, now(), "crashed before applying the read index");
        }
      }
      case ReadPermit.NotLeader n -> {
        op.complete(History.Outcome.FAIL, now(), "not leader, hint " + n.leaderHint());
        cluster.leaderHint(n.leaderHint());
      }
      case ReadPermit.NoLease n -> op.complete(History.Outcome.FAIL, now(), "no lease: " + n.reason());
    }
  }

  /** The host applied {@code e}. */
  void applied(LogEntry e) {
    if (e.command() instanceof Command.Write w) {
      History.Op mine = writesInFlight.remove(Describe.payload(w.payload()));
      if (mine != null) {
        acknowledgeAfterCommitWait(mine, host.incarnation());
      }
    }
    for (Iterator<History.Op> it = writesInFlight.values().iterator(); it.hasNext(); ) {
      History.Op op = it.next();
      if (op.index == e.index()) {
        op.complete(History.Outcome.FAIL, now(), "slot " + e.index() + " went to another value");
        it.remove();
      }
    }
  }

  private void acknowledgeAfterCommitWait(History.Op op, long incarnation) {
    if (incarnation != host.incarnation() || !host.isUp()) {
      op.complete(History.Outcome.UNKNOWN, now(), "proposer crashed in commit wait");
      return;
    }
    long earliest = host.clock().now(now()).earliestMicros();
    if (earliest > op.timestampMicros) {
      op.complete(History.Outcome.OK, now(), "applied at " + op.index);
      cluster.writeAcked(op);
    } else {
      cluster.events.after(op.timestampMicros - earliest + 1, () -> acknowledgeAfterCommitWait(op, incarnation));
    }
  }

  /** The host's state machine has applied through {@code appliedIndex}: reads at or below return. */
  void appliedThrough(long appliedIndex) {
    for (Iterator<History.Op> it = readsWaiting.iterator(); it.hasNext(); ) {
      History.Op op = it.next();
      if (op.index <= appliedIndex) {
        op.complete(History.Outcome.OK, now(), "applied " + appliedIndex);
        cluster.reads.completed(op);
        it.remove();
      }
    }
  }

  void crashed() {
    for (History.Op op : writesInFlight.values()) {
      op.complete(History.Outcome.UNKNOWN, now(), "proposer crashed");
    }
    writesInFlight.clear();
    for (History.Op op : readsWaiting) {
      op.complete(History.Outcome.FAIL, now(), "crashed before applying the read index");
    }
    readsWaiting.clear();
  }

  private long now() {
    return cluster.events.nowMicros();
  }
}

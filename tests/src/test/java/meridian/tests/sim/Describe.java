package meridian.tests.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;
import meridian.paxos.Message;
import meridian.paxos.Ready;

/**
 * Short, deterministic renderings for the trace. Records holding {@code byte[]} print an identity
 * hash in their {@code toString}, which differs between runs; nothing here does.
 */
final class Describe {
  private Describe() {}

  static String ballot(Ballot b) {
    return b.round() + "." + (b.replica().isEmpty() ? "-" : b.replica());
  }

  static String command(Command c) {
    return switch (c) {
      case Command.Noop n -> "noop";
      case Command.Write w -> "w:" + payload(w.payload());
      case Command.ChangeMembership m -> "members" + m.next().replicas();
    };
  }

  static String payload(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8);
  }

  static String entry(LogEntry e) {
    return e.index() + "@" + ballot(e.ballot()) + "/" + e.timestampMicros() + "/" + command(e.command());
  }

  static String entries(List<LogEntry> entries) {
    if (entries.isEmpty()) {
      return "[]";
    }
    if (entries.size() <= 2) {
      StringBuilder b = new StringBuilder("[");
      for (LogEntry e : entries) {
        b.append(b.length() > 1 ? " " : "").append(entry(e));
      }
      return b.append(']').toString();
    }
    return "[" + entry(entries.getFirst()) + " .. " + entry(entries.getLast()) + " (" + entries.size() + ")]";
  }

  static String message(Message m) {
    String head = m.from() + "->" + m.to() + " b=" + ballot(m.ballot());
    return switch (m) {
      case Message.Prepare p -> "Prepare{" + head + " from=" + p.fromIndex() + " lease=" + p.leaseRequestMicros() + "}";
      case Message.Promise p -> "Promise{" + head + " acc=" + entries(p.accepted()) + " last=" + p.lastIndex()
          + " commit=" + p.commitIndex() + " vote=" + p.leaseVoteGranted() + " lease=" + p.leaseRequestMicros() + "}";
      case Message.Reject r -> "Reject{" + head + " promised=" + ballot(r.promised()) + " hint=" + r.leaderHint() + "}";
      case Message.Accept a -> "Accept{" + head + " e=" + entries(a.entries()) + " commit=" + a.commitIndex()
          + " minNext=" + a.minNextTimestampMicros() + " lease=" + a.leaseRequestMicros() + "}";
      case Message.Accepted a -> "Accepted{" + head + " ok=" + a.ok() + " match=" + a.matchIndex()
          + " lease=" + a.leaseRequestMicros() + "}";
      case Message.SnapshotNeeded s -> "SnapshotNeeded{" + head + " at=" + s.snapshotIndex() + "}";
      case Message.TimeoutNow t -> "TimeoutNow{" + head + "}";
      case Message.LeaseReleased r -> "LeaseReleased{" + head + "}";
    };
  }

  static String ready(Ready r) {
    StringBuilder b = new StringBuilder();
    r.hardState().ifPresent(h -> b.append(" hs{promised=").append(ballot(h.promised())).append(" vote=")
        .append(h.leaseVoteLeader()).append('@').append(h.leaseVoteExpiryMicros()).append(" commit=")
        .append(h.commitIndex()).append('}'));
    if (r.truncateFromIndex() > 0) {
      b.append(" truncate>=").append(r.truncateFromIndex());
    }
    if (!r.entries().isEmpty()) {
      b.append(" persist").append(entries(r.entries()));
    }
    for (Message m : r.messages()) {
      b.append(" | ").append(message(m));
    }
    if (!r.committed().isEmpty()) {
      b.append(" | commit").append(entries(r.committed()));
    }
    r.snapshotToInstall().ifPresent(s -> b.append(" | snapshot ").append(s.leader()).append('@').append(s.index()));
    return b.toString();
  }
}

package meridian.server.replication;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.Message;
import meridian.proto.v1.BallotProto;
import meridian.proto.v1.CommandProto;
import meridian.proto.v1.HardStateProto;
import meridian.proto.v1.LogEntryProto;
import meridian.proto.v1.MembershipProto;
import meridian.proto.v1.NoopCommand;
import meridian.proto.v1.PaxosMessage;

/**
 * Paxos values to and from protobuf: one encoding on the wire and on disk. Decoding failures of
 * data from disk are corruption; of data from the network, a peer bug: both throw {@link
 * IllegalArgumentException} with the reason.
 */
public final class PaxosCodec {
  private PaxosCodec() {}

  static BallotProto ballot(Ballot b) {
    return BallotProto.newBuilder().setRound(b.round()).setReplica(b.replica()).build();
  }

  static Ballot ballot(BallotProto p) {
    return new Ballot(p.getRound(), p.getReplica());
  }

  static MembershipProto membership(Membership m) {
    return MembershipProto.newBuilder().addAllReplicas(m.replicas()).build();
  }

  static Membership membership(MembershipProto p) {
    return new Membership(p.getReplicasList());
  }

  static LogEntryProto entry(LogEntry e) {
    CommandProto.Builder command = CommandProto.newBuilder();
    switch (e.command()) {
      case Command.Noop noop -> command.setNoop(NoopCommand.getDefaultInstance());
      case Command.Write write -> command.setWrite(ByteString.copyFrom(write.payload()));
      case Command.ChangeMembership change -> command.setChangeMembership(membership(change.next()));
    }
    return LogEntryProto.newBuilder()
        .setIndex(e.index())
        .setBallot(ballot(e.ballot()))
        .setTimestampMicros(e.timestampMicros())
        .setCommand(command)
        .build();
  }

  static LogEntry entry(LogEntryProto p) {
    Command command =
        switch (p.getCommand().getKindCase()) {
          case NOOP -> new Command.Noop();
          case WRITE -> new Command.Write(p.getCommand().getWrite().toByteArray());
          case CHANGE_MEMBERSHIP -> new Command.ChangeMembership(membership(p.getCommand().getChangeMembership()));
          case KIND_NOT_SET -> throw new IllegalArgumentException("log entry " + p.getIndex() + " has no command");
        };
    return new LogEntry(p.getIndex(), ballot(p.getBallot()), p.getTimestampMicros(), command);
  }

  public static byte[] encodeEntry(LogEntry e) {
    return entry(e).toByteArray();
  }

  public static LogEntry decodeEntry(byte[] bytes) {
    try {
      return entry(LogEntryProto.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("undecodable log entry: " + e.getMessage(), e);
    }
  }

  public static byte[] encodeHardState(HardState h) {
    return HardStateProto.newBuilder()
        .setPromised(ballot(h.promised()))
        .setLeaseVoteLeader(h.leaseVoteLeader())
        .setLeaseVoteExpiryMicros(h.leaseVoteExpiryMicros())
        .setCommitIndex(h.commitIndex())
        .build()
        .toByteArray();
  }

  public static HardState decodeHardState(byte[] bytes) {
    try {
      HardStateProto p = HardStateProto.parseFrom(bytes);
      return new HardState(ballot(p.getPromised()), p.getLeaseVoteLeader(), p.getLeaseVoteExpiryMicros(), p.getCommitIndex());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("undecodable hard state: " + e.getMessage(), e);
    }
  }

  private static List<LogEntryProto> entries(List<LogEntry> entries) {
    return entries.stream().map(PaxosCodec::entry).toList();
  }

  private static List<LogEntry> entriesOf(List<LogEntryProto> entries) {
    return entries.stream().map(PaxosCodec::entry).toList();
  }

  public static PaxosMessage encode(Message m) {
    PaxosMessage.Builder b =
        PaxosMessage.newBuilder().setGroupId(m.groupId()).setFrom(m.from()).setTo(m.to()).setBallot(ballot(m.ballot()));
    switch (m) {
      case Message.Prepare p -> b.setPrepare(
          PaxosMessage.Prepare.newBuilder().setFromIndex(p.fromIndex()).setLeaseRequestMicros(p.leaseRequestMicros()));
      case Message.Promise p -> b.setPromise(
          PaxosMessage.Promise.newBuilder()
              .addAllAccepted(entries(p.accepted()))
              .setLastIndex(p.lastIndex())
              .setCommitIndex(p.commitIndex())
              .setLeaseVoteGranted(p.leaseVoteGranted())
              .setLeaseRequestMicros(p.leaseRequestMicros()));
      case Message.Reject r -> b.setReject(
          PaxosMessage.Reject.newBuilder().setPromised(ballot(r.promised())).setLeaderHint(r.leaderHint()));
      case Message.Accept a -> b.setAccept(
          PaxosMessage.Accept.newBuilder()
              .addAllEntries(entries(a.entries()))
              .setCommitIndex(a.commitIndex())
              .setMinNextTimestampMicros(a.minNextTimestampMicros())
              .setLeaseRequestMicros(a.leaseRequestMicros()));
      case Message.Accepted a -> b.setAccepted(
          PaxosMessage.Accepted.newBuilder()
              .setOk(a.ok())
              .setMatchIndex(a.matchIndex())
              .setLeaseRequestMicros(a.leaseRequestMicros()));
      case Message.SnapshotNeeded s -> b.setSnapshotNeeded(
          PaxosMessage.SnapshotNeeded.newBuilder().setSnapshotIndex(s.snapshotIndex()));
      case Message.TimeoutNow t -> b.setTimeoutNow(PaxosMessage.TimeoutNow.getDefaultInstance());
      case Message.LeaseReleased r -> b.setLeaseReleased(PaxosMessage.LeaseReleased.getDefaultInstance());
    }
    return b.build();
  }

  public static Message decode(PaxosMessage p) {
    long g = p.getGroupId();
    String from = p.getFrom();
    String to = p.getTo();
    Ballot ballot = ballot(p.getBallot());
    return switch (p.getKindCase()) {
      case PREPARE -> new Message.Prepare(
          g, from, to, ballot, p.getPrepare().getFromIndex(), p.getPrepare().getLeaseRequestMicros());
      case PROMISE -> {
        PaxosMessage.Promise x = p.getPromise();
        yield new Message.Promise(
            g, from, to, ballot, entriesOf(x.getAcceptedList()), x.getLastIndex(), x.getCommitIndex(),
            x.getLeaseVoteGranted(), x.getLeaseRequestMicros());
      }
      case REJECT -> new Message.Reject(
          g, from, to, ballot, ballot(p.getReject().getPromised()), p.getReject().getLeaderHint());
      case ACCEPT -> {
        PaxosMessage.Accept x = p.getAccept();
        yield new Message.Accept(
            g, from, to, ballot, entriesOf(x.getEntriesList()), x.getCommitIndex(), x.getMinNextTimestampMicros(),
            x.getLeaseRequestMicros());
      }
      case ACCEPTED -> {
        PaxosMessage.Accepted x = p.getAccepted();
        yield new Message.Accepted(g, from, to, ballot, x.getOk(), x.getMatchIndex(), x.getLeaseRequestMicros());
      }
      case SNAPSHOT_NEEDED -> new Message.SnapshotNeeded(g, from, to, ballot, p.getSnapshotNeeded().getSnapshotIndex());
      case TIMEOUT_NOW -> new Message.TimeoutNow(g, from, to, ballot);
      case LEASE_RELEASED -> new Message.LeaseReleased(g, from, to, ballot);
      case KIND_NOT_SET -> throw new IllegalArgumentException("Paxos message from " + from + " has no kind");
    };
  }
}

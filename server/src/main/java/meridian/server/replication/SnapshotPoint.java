package meridian.server.replication;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Objects;
import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.proto.v1.SnapshotPointProto;

/**
 * A point of a group's log as its state machine sees it: what {@link
 * meridian.paxos.Replica#snapshotInstalled} and {@link meridian.paxos.PersistedState} need to
 * describe a state machine that has applied everything through {@code index}.
 *
 * @param ballot the ballot of the entry at {@code index} ({@link Ballot#ZERO} at 0)
 * @param timestampMicros the largest entry timestamp through {@code index}, no-ops included
 * @param membership the membership in force after {@code index}
 */
record SnapshotPoint(long index, Ballot ballot, long timestampMicros, Membership membership) {
  SnapshotPoint {
    Objects.requireNonNull(ballot, "ballot");
    Objects.requireNonNull(membership, "membership");
    if (index < 0) {
      throw new IllegalArgumentException("snapshot index must not be negative: " + index);
    }
  }

  /** Nothing applied yet. */
  static SnapshotPoint initial(Membership membership) {
    return new SnapshotPoint(0, Ballot.ZERO, 0, membership);
  }

  /** The point after applying {@code entry}, the next entry of the log. */
  SnapshotPoint next(LogEntry entry) {
    if (entry.index() != index + 1) {
      throw new IllegalArgumentException("entry " + entry.index() + " does not follow applied index " + index);
    }
    Membership after = entry.command() instanceof Command.ChangeMembership change ? change.next() : membership;
    return new SnapshotPoint(entry.index(), entry.ballot(), Math.max(timestampMicros, entry.timestampMicros()), after);
  }

  SnapshotPointProto toProto() {
    return SnapshotPointProto.newBuilder()
        .setIndex(index)
        .setBallot(PaxosCodec.ballot(ballot))
        .setTimestampMicros(timestampMicros)
        .setMembership(PaxosCodec.membership(membership))
        .build();
  }

  static SnapshotPoint fromProto(SnapshotPointProto p) {
    return new SnapshotPoint(p.getIndex(), PaxosCodec.ballot(p.getBallot()), p.getTimestampMicros(), PaxosCodec.membership(p.getMembership()));
  }

  byte[] encode() {
    return toProto().toByteArray();
  }

  static SnapshotPoint decode(byte[] bytes) {
    try {
      return fromProto(SnapshotPointProto.parseFrom(bytes));
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new IllegalArgumentException("undecodable snapshot point: " + e.getMessage(), e);
    }
  }
}

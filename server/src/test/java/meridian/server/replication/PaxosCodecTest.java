package meridian.server.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.Message;
import meridian.proto.v1.PaxosMessage;
import org.junit.jupiter.api.Test;

class PaxosCodecTest {
  static final Ballot B = new Ballot(7, "n2");
  static final List<LogEntry> ENTRIES =
      List.of(
          new LogEntry(1, B, 0, new Command.Noop()),
          new LogEntry(2, B, 1_700_000_000_000_000L, new Command.Write(new byte[] {0, 1, 2})),
          new LogEntry(3, B, 1_700_000_000_000_001L, new Command.ChangeMembership(new Membership(List.of("n1", "n2")))));

  @Test
  void everyMessageKindRoundTrips() {
    List<Message> messages =
        List.of(
            new Message.Prepare(3, "n1", "n2", B, 5, 123),
            new Message.Promise(3, "n2", "n1", B, ENTRIES, 3, 2, true, 123),
            new Message.Reject(3, "n2", "n1", B, new Ballot(9, "n3"), "n3"),
            new Message.Accept(3, "n1", "n2", B, ENTRIES, 2, 456, 123),
            new Message.Accepted(3, "n2", "n1", B, false, 1, 123),
            new Message.SnapshotNeeded(3, "n1", "n2", B, 99),
            new Message.TimeoutNow(3, "n1", "n2", B),
            new Message.LeaseReleased(3, "n1", "n2", B));
    for (Message message : messages) {
      Message decoded = PaxosCodec.decode(PaxosCodec.encode(message));
      // Records compare byte arrays by identity, so compare the encodings.
      assertThat(PaxosCodec.encode(decoded)).as(message.toString()).isEqualTo(PaxosCodec.encode(message));
      assertThat(decoded.getClass()).isEqualTo(message.getClass());
    }
  }

  @Test
  void entriesAndHardStateRoundTripThroughTheirDiskEncoding() {
    for (LogEntry entry : ENTRIES) {
      LogEntry decoded = PaxosCodec.decodeEntry(PaxosCodec.encodeEntry(entry));
      assertThat(decoded.index()).isEqualTo(entry.index());
      assertThat(decoded.ballot()).isEqualTo(entry.ballot());
      assertThat(decoded.timestampMicros()).isEqualTo(entry.timestampMicros());
      assertThat(PaxosCodec.encodeEntry(decoded)).isEqualTo(PaxosCodec.encodeEntry(entry));
    }
    HardState hard = new HardState(B, "n2", 1_700_000_002_000_000L, 42);
    assertThat(PaxosCodec.decodeHardState(PaxosCodec.encodeHardState(hard))).isEqualTo(hard);
  }

  @Test
  void garbageIsRefusedWithAReason() {
    assertThatThrownBy(() -> PaxosCodec.decodeEntry(new byte[] {(byte) 0xff, 0x01})).hasMessageContaining("undecodable log entry");
    assertThatThrownBy(() -> PaxosCodec.decode(PaxosMessage.newBuilder().setFrom("n9").build())).hasMessageContaining("has no kind");
  }
}

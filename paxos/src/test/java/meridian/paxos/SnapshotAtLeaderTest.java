package meridian.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import meridian.truetime.TTInterval;
import org.junit.jupiter.api.Test;

/**
 * A snapshot a replica asked for as a follower may arrive after it became leader. The host has
 * installed it (it is beyond the applied index, as the contract asks), so the replica must count it
 * applied and never hand those entries out again. Found by the deterministic simulator
 * (meridian.tests.sim, seeds 107897, 121633, 121723 at a 40 s fault phase): the leader ignored the
 * snapshot and handed out slots its host had already applied.
 */
class SnapshotAtLeaderTest {
  private static final Membership GROUP = new Membership(List.of("n1", "n2", "n3"));
  private static final Ballot OLD = new Ballot(1, "n2");

  private static LogEntry write(long index, long ts) {
    return new LogEntry(index, OLD, ts, new Command.Write(("w" + index).getBytes()));
  }

  @Test
  void aSnapshotInstalledAtALeaderIsNotHandedOutAgain() {
    // n1 restarts with slots 1..4 accepted from an old leader, 1..2 known chosen and applied.
    List<LogEntry> log = List.of(write(1, 10), write(2, 20), write(3, 30), write(4, 40));
    PersistedState restored = new PersistedState(new HardState(OLD, "", 0, 2), log, 0, Ballot.ZERO, 0, GROUP, 2);
    ReplicaConfig config = SimCluster.fastConfig("n1", GROUP);
    Replica n1 = new Replica(config, restored, new SplittableRandom(1));
    long t = 1_000_000_000L;

    // It campaigns; n2 promises with the same accepted values; it leads.
    Message.Prepare prepare = null;
    for (int i = 0; i < 100 && prepare == null; i++) {
      t += config.tickMicros();
      n1.tick(tt(t));
      for (Message m : n1.ready().messages()) {
        if (m instanceof Message.Prepare p && p.to().equals("n2")) {
          prepare = p;
        }
      }
    }
    assertThat(prepare).isNotNull();
    n1.step(new Message.Promise(prepare.groupId(), "n2", "n1", prepare.ballot(), List.of(write(3, 30), write(4, 40)),
        4, 2, true, prepare.leaseRequestMicros()), tt(t));
    assertThat(n1.status(tt(t)).role()).isEqualTo(ReplicaStatus.Role.LEADER);
    assertThat(n1.ready().committed()).isEmpty(); // nothing beyond 2 is known chosen yet

    // The snapshot it asked for as a follower arrives: the host now holds the state through 4.
    n1.snapshotInstalled(4, OLD, 40, GROUP);
    assertThat(n1.status(tt(t)).appliedIndex()).isEqualTo(4);

    // Its own slots get chosen: what it hands out starts after the snapshot.
    List<LogEntry> committed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      t += config.tickMicros();
      n1.tick(tt(t));
      Ready r = n1.ready();
      committed.addAll(r.committed());
      long last = n1.status(tt(t)).lastIndex();
      n1.step(new Message.Accepted(config.groupId(), "n2", "n1", prepare.ballot(), true, last, 0), tt(t));
      committed.addAll(n1.ready().committed());
    }
    assertThat(n1.status(tt(t)).commitIndex()).isGreaterThan(4);
    assertThat(committed).isNotEmpty().allMatch(e -> e.index() > 4);
    n1.checkInvariants();
  }

  private static TTInterval tt(long trueMicros) {
    return new TTInterval(trueMicros - 100, trueMicros + 100);
  }
}

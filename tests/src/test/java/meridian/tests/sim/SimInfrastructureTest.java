package meridian.tests.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Membership;
import meridian.paxos.Message;
import meridian.paxos.PersistedState;
import meridian.truetime.TTInterval;
import org.junit.jupiter.api.Test;

/** The simulator's own parts, independent of the Paxos core: time, clocks, network, disk. */
class SimInfrastructureTest {
  private static final long T0 = SimConfig.START_MICROS;

  @Test
  void eventsRunInTimeOrderThenSchedulingOrder() {
    EventQueue q = new EventQueue(T0, 100);
    List<String> ran = new ArrayList<>();
    q.at(T0 + 5, () -> ran.add("b"));
    q.at(T0 + 1, () -> ran.add("a"));
    q.at(T0 + 5, () -> ran.add("c"));
    while (!q.isEmpty()) {
      q.take().action().run();
    }
    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(q.nowMicros()).isEqualTo(T0 + 5);
    assertThatThrownBy(() -> q.at(T0, () -> {})).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void simulatedClockAlwaysContainsTrueTimeAndStaysWithinItsBound() {
    for (long seed = 0; seed < 50; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      SimClock clock = new SimClock(new SplittableRandom(seed), T0, 0, 3_000, 1_000_000, 200);
      long t = T0;
      boolean sawEarliestEdge = false;
      for (int i = 0; i < 2_000; i++) {
        t += r.nextLong(20_000);
        if (r.nextInt(100) == 0) {
          clock.jump(t);
        }
        TTInterval tt = clock.now(t);
        assertThat(tt.contains(t)).isTrue();
        assertThat(tt.epsilonMicros()).isLessThanOrEqualTo(clock.epsilonMaxMicros());
        assertThat(clock.now(t)).isEqualTo(tt); // a reading is a function of true time
        sawEarliestEdge |= tt.earliestMicros() == t || tt.latestMicros() == t;
      }
      assertThat(sawEarliestEdge).as("true time sits at an edge of the interval sometimes").isTrue();
    }
  }

  @Test
  void networkDeliversWithDelayDropsAcrossPartitionsAndDuplicates() {
    EventQueue q = new EventQueue(T0, 10_000);
    List<Message> got = new ArrayList<>();
    SimNetwork net = new SimNetwork(new SplittableRandom(1), q, got::add,
        new SimNetwork.Faults(0, 0, 0, 100, 1_000, 1_000), 1_000);
    net.send(timeoutNow("n1", "n2"));
    assertThat(got).isEmpty(); // never synchronous
    drain(q);
    assertThat(got).hasSize(1);
    assertThat(q.nowMicros()).isBetween(T0 + 100, T0 + 1_000);

    got.clear();
    net.partition(List.of(List.of("n1"), List.of("n2", "n3")));
    net.send(timeoutNow("n1", "n2"));
    net.send(timeoutNow("n2", "n3"));
    drain(q);
    assertThat(got).extracting(Message::to).containsExactly("n3");

    got.clear();
    net.heal();
    net.send(timeoutNow("n1", "n2"));
    net.partition(List.of(List.of("n1"), List.of("n2", "n3"))); // cut while in flight
    drain(q);
    assertThat(got).isEmpty();

    net.heal();
    net.setFaults(new SimNetwork.Faults(0, 1, 0, 100, 1_000, 1_000));
    net.send(timeoutNow("n1", "n2"));
    drain(q);
    assertThat(got).hasSize(2);

    got.clear();
    net.setFaults(new SimNetwork.Faults(1, 0, 0, 100, 1_000, 1_000));
    net.send(timeoutNow("n1", "n2"));
    drain(q);
    assertThat(got).isEmpty();
  }

  @Test
  void networkReordersSlowMessages() {
    EventQueue q = new EventQueue(T0, 10_000);
    List<Message> got = new ArrayList<>();
    SimNetwork net = new SimNetwork(new SplittableRandom(7), q, got::add,
        new SimNetwork.Faults(0, 0, 0.5, 100, 200, 100_000), 1_000);
    List<Message> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Message m = new Message.TimeoutNow(1, "n1", "n2", new Ballot(i + 1, "n1"));
      sent.add(m);
      net.send(m);
    }
    drain(q);
    assertThat(got).containsExactlyInAnyOrderElementsOf(sent).isNotEqualTo(sent);
  }

  @Test
  void diskCrashLosesExactlyTheUnsyncedWrites() {
    Membership m = new Membership(List.of("n1", "n2", "n3"));
    SimDisk disk = new SimDisk(m);
    Ballot b = new Ballot(1, "n1");
    HardState hs1 = new HardState(b, "n1", 100, 0);
    disk.write(new SimDisk.PaxosWrite(hs1, 0, List.of(entry(1, b, 10), entry(2, b, 20))));
    disk.sync();
    disk.write(new SimDisk.Apply(entry(1, b, 10)));
    disk.write(new SimDisk.PaxosWrite(new HardState(new Ballot(2, "n2"), "", 0, 1), 0, List.of(entry(3, b, 30))));
    assertThat(disk.current().log).containsKeys(1L, 2L, 3L);
    assertThat(disk.current().appliedIndex()).isEqualTo(1);

    disk.crash();
    assertThat(disk.current().log).containsOnlyKeys(1L, 2L);
    assertThat(disk.current().appliedIndex()).isZero();
    PersistedState ps = disk.persistedState();
    assertThat(ps.hardState()).isEqualTo(hs1);
    assertThat(ps.log()).extracting(LogEntry::index).containsExactly(1L, 2L);
    assertThat(ps.appliedIndex()).isZero();
    assertThat(ps.snapshotMembership()).isEqualTo(m);
  }

  @Test
  void diskCompactionAndSnapshotsMoveTheSnapshotPoint() {
    Membership m = new Membership(List.of("n1", "n2", "n3"));
    Membership m4 = new Membership(List.of("n1", "n2", "n3", "n4"));
    SimDisk disk = new SimDisk(m);
    Ballot b = new Ballot(1, "n1");
    LogEntry change = new LogEntry(2, b, 10, new Command.ChangeMembership(m4));
    List<LogEntry> entries = List.of(entry(1, b, 10), change, new LogEntry(3, b, 10, new Command.Noop()),
        entry(4, b, 40));
    disk.write(new SimDisk.PaxosWrite(HardState.INITIAL, 0, entries));
    for (LogEntry e : entries.subList(0, 3)) {
      disk.write(new SimDisk.Apply(e));
    }
    disk.write(new SimDisk.Compact(3));
    disk.sync();
    PersistedState ps = disk.persistedState();
    assertThat(ps.snapshotIndex()).isEqualTo(3);
    assertThat(ps.snapshotTimestampMicros()).isEqualTo(10); // the largest timestamp at or below 3
    assertThat(ps.snapshotMembership()).isEqualTo(m4);
    assertThat(ps.log()).extracting(LogEntry::index).containsExactly(4L);
    assertThat(ps.appliedIndex()).isEqualTo(3);
    assertThatThrownBy(() -> disk.write(new SimDisk.Compact(4))).isInstanceOf(AssertionError.class);

    SimDisk other = new SimDisk(m);
    other.write(new SimDisk.InstallSnapshot(disk.current().applied));
    other.sync();
    assertThat(other.persistedState().snapshotIndex()).isEqualTo(3);
    assertThat(other.persistedState().appliedIndex()).isEqualTo(3);
  }

  @Test
  void traceHashDependsOnEveryLine() {
    Trace a = new Trace(T0, 3, null);
    Trace b = new Trace(T0, 3, null);
    a.add(T0 + 1, "x");
    b.add(T0 + 1, "x");
    assertThat(a.hash()).isEqualTo(b.hash());
    a.add(T0 + 2, "y");
    b.add(T0 + 3, "y");
    assertThat(a.hash()).isNotEqualTo(b.hash());
    assertThat(a.tail()).isEqualTo("0.000001 x\n0.000002 y");
  }

  static LogEntry entry(long index, Ballot b, long ts) {
    return new LogEntry(index, b, ts, new Command.Write(("w" + index).getBytes()));
  }

  private static Message timeoutNow(String from, String to) {
    return new Message.TimeoutNow(1, from, to, new Ballot(1, from));
  }

  private static void drain(EventQueue q) {
    while (!q.isEmpty()) {
      q.take().action().run();
    }
  }
}

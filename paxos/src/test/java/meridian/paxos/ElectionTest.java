package meridian.paxos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import meridian.truetime.TTInterval;
import org.junit.jupiter.api.Test;

/** Elections: phase 1 recovery, gap filling, dead values, stickiness, restarts. */
class ElectionTest {

  static final Membership ABCDE = new Membership(List.of("a", "b", "c", "d", "e"));

  static TTInterval at(long micros) {
    return new TTInterval(micros - 500, micros + 500);
  }

  static Replica replica(String self, Membership m, PersistedState state) {
    return new Replica(SimCluster.fastConfig(self, m), state, new SplittableRandom(42));
  }

  /** Ticks until the replica campaigns and returns the Prepares it sends. */
  static List<Message.Prepare> campaign(Replica r, long[] clock) {
    for (int i = 0; i < 100; i++) {
      clock[0] += 10_000;
      r.tick(at(clock[0]));
      List<Message.Prepare> prepares = r.ready().messages().stream()
          .filter(Message.Prepare.class::isInstance).map(Message.Prepare.class::cast).toList();
      if (!prepares.isEmpty()) {
        return prepares;
      }
    }
    throw new AssertionError("never campaigned");
  }

  static Message.Promise promise(String from, Message.Prepare p, List<LogEntry> accepted, long lastIndex) {
    return new Message.Promise(SimCluster.GROUP, from, p.from(), p.ballot(), accepted, lastIndex, 0, true,
        p.leaseRequestMicros());
  }

  static LogEntry write(long index, Ballot ballot, long ts, String text) {
    return new LogEntry(index, ballot, ts, new Command.Write(text.getBytes()));
  }

  @Test
  void phaseOneTakesTheHighestBallotPerSlotAndFillsGapsWithNoops() {
    long[] clock = {1_000_000_000L};
    Replica a = replica("a", ABCDE, PersistedState.empty(ABCDE));
    List<Message.Prepare> prepares = campaign(a, clock);
    assertThat(prepares).extracting(Message::to).containsExactlyInAnyOrder("b", "c", "d", "e");
    Message.Prepare p = prepares.get(0);
    assertThat(p.fromIndex()).isEqualTo(1);
    assertThat(a.status(at(clock[0])).role()).isEqualTo(ReplicaStatus.Role.CANDIDATE);

    Ballot x1 = new Ballot(1, "x");
    Ballot y2 = new Ballot(2, "y");
    a.step(promise("b", p, List.of(write(1, x1, 100, "one"), write(3, x1, 250, "stale")), 3), at(clock[0]));
    assertThat(a.status(at(clock[0])).role()).as("two of five promised").isEqualTo(ReplicaStatus.Role.CANDIDATE);
    a.step(promise("c", p, List.of(write(1, x1, 100, "one"), write(3, y2, 300, "three")), 3), at(clock[0]));
    assertThat(a.status(at(clock[0])).role()).isEqualTo(ReplicaStatus.Role.LEADER);

    Ready ready = a.ready();
    // Slot 2 nobody reported: Noop. Slot 3: the value of the highest ballot. Slot 4: the barrier,
    // written at once because the promises carried lease votes.
    assertThat(ready.entries()).extracting(SimCluster::text).containsExactly("one", "noop", "three", "noop");
    assertThat(ready.entries()).allMatch(e -> e.ballot().equals(p.ballot()));
    assertThat(ready.entries().get(1).timestampMicros()).as("gap fills claim no timestamp").isZero();
    assertThat(ready.entries().get(3).timestampMicros()).as("barrier at now.latest").isEqualTo(clock[0] + 500);
    assertThat(ready.messages()).filteredOn(Message.Accept.class::isInstance).hasSize(4);
    assertThat(ready.hardState()).isPresent();
  }

  @Test
  void aRecoveredValueThatBreaksTimestampOrderIsReplacedNotChosen() {
    long[] clock = {1_000_000_000L};
    Replica a = replica("a", ABCDE, PersistedState.empty(ABCDE));
    Message.Prepare p = campaign(a, clock).get(0);
    Ballot old = new Ballot(1, "x");
    Ballot newer = new Ballot(2, "y");
    // Leader y (ballot 2) wrote its barrier at 900 at slot 1; leader x's write at slot 2 (ballot 1,
    // timestamp 500) was never chosen: y's phase 1 covered slot 2 and y would have kept it.
    LogEntry barrier = new LogEntry(1, newer, 900, new Command.Noop());
    a.step(promise("b", p, List.of(barrier, write(2, old, 500, "dead")), 2), at(clock[0]));
    a.step(promise("c", p, List.of(barrier), 1), at(clock[0]));
    assertThat(a.status(at(clock[0])).role()).isEqualTo(ReplicaStatus.Role.LEADER);
    assertThat(a.ready().entries()).extracting(SimCluster::text).containsExactly("noop", "noop", "noop");
  }

  @Test
  void anAcceptorWithALiveLeaseVoteRefusesAnotherCandidateUntilItExpires() {
    long[] clock = {1_000_000_000L};
    Membership abc = new Membership(List.of("a", "b", "c"));
    Replica b = replica("b", abc, PersistedState.empty(abc));
    Ballot aBallot = new Ballot(1, "a");
    b.step(new Message.Accept(SimCluster.GROUP, "a", "b", aBallot, List.of(), 0, 0, clock[0]), at(clock[0]));
    Ready r = b.ready();
    assertThat(r.hardState().orElseThrow().leaseVoteLeader()).isEqualTo("a");
    long expiry = r.hardState().orElseThrow().leaseVoteExpiryMicros();
    assertThat(expiry).isEqualTo(clock[0] + 500 + 200_000);
    assertThat(((Message.Accepted) r.messages().get(0)).leaseRequestMicros()).as("vote granted").isEqualTo(clock[0]);

    Ballot cBallot = new Ballot(5, "c");
    b.step(new Message.Prepare(SimCluster.GROUP, "c", "b", cBallot, 1, clock[0]), at(clock[0] + 100_000));
    Message refusal = b.ready().messages().get(0);
    assertThat(refusal).isInstanceOf(Message.Reject.class);
    assertThat(((Message.Reject) refusal).leaderHint()).isEqualTo("a");

    // On b's own TrueTime the vote has expired once now.earliest > expiry.
    b.step(new Message.Prepare(SimCluster.GROUP, "c", "b", cBallot, 1, clock[0]), at(expiry + 501));
    Message promise = b.ready().messages().get(0);
    assertThat(promise).isInstanceOf(Message.Promise.class);
    assertThat(((Message.Promise) promise).leaseVoteGranted()).isTrue();
  }

  @Test
  void aStaleBallotIsRejectedWithTheHigherPromise() {
    long[] clock = {1_000_000_000L};
    Membership abc = new Membership(List.of("a", "b", "c"));
    Replica b = replica("b", abc, PersistedState.empty(abc));
    b.step(new Message.Prepare(SimCluster.GROUP, "c", "b", new Ballot(5, "c"), 1, clock[0]), at(clock[0]));
    b.ready();
    b.step(new Message.Accept(SimCluster.GROUP, "a", "b", new Ballot(3, "a"), List.of(), 0, 0, clock[0]), at(clock[0]));
    Message.Reject reject = (Message.Reject) b.ready().messages().get(0);
    assertThat(reject.promised()).isEqualTo(new Ballot(5, "c"));
    assertThat(reject.ballot()).isEqualTo(new Ballot(3, "a"));
  }

  @Test
  void messagesForAnotherGroupOrReplicaAreDropped() {
    Membership abc = new Membership(List.of("a", "b", "c"));
    Replica b = replica("b", abc, PersistedState.empty(abc));
    b.step(new Message.Prepare(99, "c", "b", new Ballot(5, "c"), 1, 1), at(1_000_000_000L));
    b.step(new Message.Prepare(SimCluster.GROUP, "c", "a", new Ballot(5, "c"), 1, 1), at(1_000_000_000L));
    assertThat(b.ready().isEmpty()).isTrue();
  }

  @Test
  void threeAndFiveReplicasElectExactlyOneLeaderAndSurviveItsCrash() {
    for (int size : new int[] {3, 5}) {
      SimCluster c = new SimCluster(7, 2_000, SimCluster.ids(size), SimCluster::fastConfig);
      SimCluster.Node first = c.awaitLeader(300);
      assertThat(c.leaders()).hasSize(1);
      assertThat(c.propose(first, "before")).isInstanceOf(ProposeResult.Proposed.class);
      c.run(5);
      first.crash();
      SimCluster.Node second = c.awaitLeader(300);
      assertThat(second).isNotSameAs(first);
      assertThat(c.propose(second, "after")).isInstanceOf(ProposeResult.Proposed.class);
      c.run(5);
      assertThat(second.applied.values()).extracting(SimCluster::text).contains("before", "after");
      c.checker.finish();
    }
  }

  @Test
  void restartFromPersistedStateKeepsTheLogAndTheGroupGoesOn() {
    SimCluster c = new SimCluster(11, 1_000, SimCluster.ids(3), SimCluster::fastConfig);
    SimCluster.Node leader = c.awaitLeader(300);
    for (int i = 0; i < 10; i++) {
      c.propose(leader, "w" + i);
    }
    c.run(5);
    for (SimCluster.Node n : c.nodes.values()) {
      n.crash();
    }
    for (SimCluster.Node n : c.nodes.values()) {
      n.restart();
      ReplicaStatus st = n.replica.status(n.now());
      assertThat(st.appliedIndex()).isEqualTo(n.appliedIndex());
      assertThat(st.lastIndex()).isGreaterThanOrEqualTo(11);
    }
    SimCluster.Node again = c.awaitLeader(300);
    assertThat(c.propose(again, "w10")).isInstanceOf(ProposeResult.Proposed.class);
    c.run(5);
    for (SimCluster.Node n : c.nodes.values()) {
      assertThat(n.applied.values()).extracting(SimCluster::text).filteredOn(t -> t.startsWith("w")).hasSize(11);
    }
    c.checker.finish();
  }
}

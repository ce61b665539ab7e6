package meridian.tests.sim;

import static meridian.tests.sim.SimInfrastructureTest.entry;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import meridian.paxos.Ballot;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;
import org.junit.jupiter.api.Test;

/** Each checker catches the violation it is for, and accepts the legal histories next to it. */
class CheckersTest {
  private static final Ballot B1 = new Ballot(1, "n1");
  private static final Ballot B2 = new Ballot(2, "n2");

  @Test
  void chosenLogRejectsTwoValuesInOneSlotButNotANewBallotForTheSameValue() {
    ChosenLogChecker c = new ChosenLogChecker();
    c.committed("n1", entry(1, B1, 10));
    assertThatCode(() -> c.committed("n2", entry(1, B2, 10))).doesNotThrowAnyException();
    LogEntry other = new LogEntry(1, B2, 10, new Command.Write("other".getBytes()));
    assertThatThrownBy(() -> c.committed("n3", other)).hasMessageContaining("two values chosen at slot 1");
    assertThatThrownBy(() -> c.committed("n3", entry(1, B1, 11))).hasMessageContaining("two values");
    assertThatThrownBy(() -> c.committed("n3", new LogEntry(1, B1, 10, new Command.Noop())))
        .hasMessageContaining("two values");
  }

  @Test
  void chosenLogRejectsTimestampsThatDoNotIncreaseAlongWrites() {
    ChosenLogChecker c = new ChosenLogChecker();
    c.committed("n1", entry(1, B1, 10));
    c.committed("n1", new LogEntry(2, B1, 10, new Command.Noop())); // no-ops carry the last timestamp
    assertThatThrownBy(() -> c.committed("n1", entry(3, B1, 10))).hasMessageContaining("not increasing");
    c.committed("n1", entry(5, B1, 50));
    assertThatThrownBy(() -> c.committed("n1", entry(4, B1, 60))).hasMessageContaining("not increasing");
  }

  @Test
  void chosenLogRejectsAPayloadChosenTwiceOrAwayFromItsProposedSlot() {
    ChosenLogChecker c = new ChosenLogChecker();
    c.proposed("w1", 1);
    c.committed("n1", entry(1, B1, 10));
    LogEntry again = new LogEntry(2, B1, 20, new Command.Write("w1".getBytes()));
    assertThatThrownBy(() -> c.committed("n1", again)).hasMessageContaining("chosen twice");
    c.proposed("w3", 4);
    assertThatThrownBy(() -> c.committed("n1", entry(3, B1, 30))).hasMessageContaining("proposed at index 4");
  }

  @Test
  void leasesOfTwoBallotsMayNotCoverOneInstant() {
    LeaseChecker c = new LeaseChecker();
    c.observe("n1", true, B1, 1_000, 0);
    c.observe("n2", false, B2, 0, 500);
    assertThatThrownBy(() -> c.observe("n2", true, B2, 2_000, 900)).hasMessageContaining("leases overlap");
  }

  @Test
  void aLeaseEndsWhenItsHolderStepsDownCrashesOrItExpires() {
    LeaseChecker c = new LeaseChecker();
    c.observe("n1", true, B1, 1_000, 0);
    c.observe("n1", false, B1, 0, 400); // stepped down at 400
    assertThatCode(() -> c.observe("n2", true, B2, 2_000, 401)).doesNotThrowAnyException();
    c.down("n2", 900);
    assertThatCode(() -> c.observe("n3", true, new Ballot(3, "n3"), 3_000, 901)).doesNotThrowAnyException();
    // n3's lease ends at 3000 on its own; a later ballot may start after it.
    assertThatCode(() -> c.observe("n1", true, new Ballot(4, "n1"), 5_000, 3_001)).doesNotThrowAnyException();
  }

  @Test
  void aLeaseReadNeedsTheReadersOwnLease() {
    LeaseChecker c = new LeaseChecker();
    c.observe("n1", true, B1, 1_000, 0);
    assertThatCode(() -> c.usedLease("n1", B1, 1_000)).doesNotThrowAnyException();
    assertThatThrownBy(() -> c.usedLease("n1", B1, 1_001)).hasMessageContaining("without reporting a lease");
    assertThatThrownBy(() -> c.usedLease("n2", B2, 10)).hasMessageContaining("without reporting a lease");
  }

  @Test
  void aVoteMovesToAnotherLeaderOnlyAfterItExpiredOrWasReleased() {
    LeaseVoteChecker c = new LeaseVoteChecker();
    c.restarted("n2", "", 0);
    c.observe("n2", "n1", 1_000, 0, "");
    c.observe("n2", "n1", 1_500, 200, ""); // renewed
    assertThatThrownBy(() -> c.observe("n2", "n3", 3_000, 1_500, "")).hasMessageContaining("without the vote");
    c.restarted("n2", "n1", 1_500);
    assertThatThrownBy(() -> c.observe("n2", "n1", 1_000, 300, "")).hasMessageContaining("shortened");
    c.restarted("n2", "n1", 1_500);
    assertThatThrownBy(() -> c.observe("n2", "", 0, 300, "")).hasMessageContaining("without the vote");
    c.observe("n2", "", 0, 300, "n1"); // released by n1
    c.observe("n2", "n3", 2_000, 300, "");
    assertThatCode(() -> c.observe("n2", "n1", 4_000, 2_001, "")).doesNotThrowAnyException(); // expired
  }

  @Test
  void aLeaseReadMustSeeEverySlotChosenBeforeItWasInvoked() {
    ChosenLogChecker chosen = new ChosenLogChecker();
    ReadChecker reads = new ReadChecker(chosen);
    History h = new History(100);
    LogEntry e1 = entry(1, B1, 10);
    chosen.committed("n1", e1);
    reads.firstChosen(e1, 100);

    History.Op concurrent = read(h, 100, 0, 5); // invoked at the same instant: not after
    assertThatCode(() -> reads.granted(concurrent)).doesNotThrowAnyException();
    assertThatThrownBy(() -> reads.granted(read(h, 101, 0, 500))).hasMessageContaining("stale lease read");
    // At the right index but at a timestamp below a write that may have been acknowledged (10 < 101).
    assertThatThrownBy(() -> reads.granted(read(h, 101, 1, 9))).hasMessageContaining("read timestamp below write");
    History.Op fresh = read(h, 101, 1, 150);
    reads.granted(fresh);
    fresh.complete(History.Outcome.OK, 120, "");
    reads.completed(fresh);
  }

  @Test
  void aLeaseReadMayMissAWriteStillInCommitWait() {
    ChosenLogChecker chosen = new ChosenLogChecker();
    ReadChecker reads = new ReadChecker(chosen);
    History h = new History(100);
    LogEntry future = entry(1, B1, 500); // chosen at 100, but its timestamp is still ahead of true time
    chosen.committed("n1", future);
    reads.firstChosen(future, 100);
    assertThatCode(() -> reads.granted(read(h, 200, 1, 300))).doesNotThrowAnyException();
  }

  @Test
  void noWriteAboveAReadIndexMayTakeATimestampAtOrBelowTheReadTimestamp() {
    ChosenLogChecker chosen = new ChosenLogChecker();
    ReadChecker reads = new ReadChecker(chosen);
    History h = new History(100);
    LogEntry e1 = entry(1, B1, 10);
    chosen.committed("n1", e1);
    reads.firstChosen(e1, 100);
    reads.granted(read(h, 200, 1, 30));
    LogEntry e2 = entry(2, B1, 30);
    chosen.committed("n1", e2);
    assertThatThrownBy(() -> reads.firstChosen(e2, 300)).hasMessageContaining("read timestamp of a lease read");

    ChosenLogChecker chosen2 = new ChosenLogChecker();
    ReadChecker reads2 = new ReadChecker(chosen2);
    chosen2.committed("n1", e1);
    chosen2.committed("n1", entry(2, B1, 30)); // already chosen when a read at index 1 comes
    assertThatThrownBy(() -> reads2.granted(read(h, 400, 1, 40))).hasMessageContaining("above its read index");
  }

  @Test
  void aWriteInvokedAfterAReadCompletedIsNotVisibleToIt() {
    ChosenLogChecker chosen = new ChosenLogChecker();
    ReadChecker reads = new ReadChecker(chosen);
    History h = new History(100);
    History.Op r = read(h, 100, 5, 1_000); // read index above the write: only the timestamps tell
    reads.granted(r);
    r.complete(History.Outcome.OK, 150, "");
    reads.completed(r);
    reads.writeInvoked("w1", 200);
    LogEntry e1 = entry(1, B1, 900); // below the completed read's timestamp
    chosen.committed("n1", e1);
    assertThatThrownBy(() -> reads.firstChosen(e1, 300)).hasMessageContaining("completed before it");
  }

  private static History.Op read(History h, long invokeMicros, long readIndex, long readTs) {
    History.Op op = h.invoke(History.Kind.READ, "n1", null, invokeMicros);
    op.index = readIndex;
    op.timestampMicros = readTs;
    return op;
  }

  @Test
  void safeTimeNeverGoesBackAndNoWriteLandsAtOrBelowIt() {
    SafeTimeChecker c = new SafeTimeChecker();
    c.observe("n1", 10);
    assertThatThrownBy(() -> c.observe("n1", 9)).hasMessageContaining("went back");
    c.restarted("n1");
    c.observe("n1", 5); // volatile: a new incarnation may start lower
    c.applying("n1", entry(1, B1, 11));
    assertThatThrownBy(() -> c.applying("n1", entry(2, B1, 10))).hasMessageContaining("safe time it reported");
    assertThatCode(() -> c.applying("n1", entry(1, B1, 11))).doesNotThrowAnyException(); // re-applied
  }
}

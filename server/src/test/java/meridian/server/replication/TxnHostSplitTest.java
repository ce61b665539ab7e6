package meridian.server.replication;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import meridian.paxos.Ballot;
import meridian.paxos.ReadPermit;
import meridian.storage.StorageEngine;
import meridian.storage.StorageOptions;
import meridian.truetime.TTInterval;
import meridian.txn.GroupTxnState;
import meridian.txn.Key;
import meridian.txn.PriorGrants;
import meridian.txn.TxnId;
import meridian.txn.TxnLimits;
import meridian.txn.TxnRecord;
import meridian.txn.Write;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A split and the transactions that wait behind its exclusive lock, at one leader: once the split
 * has narrowed the group's range, a lock granted on a key it moved is refused with WRONG_RANGE,
 * and a commit of such a key is never proposed. The group is a fake that runs every task in the
 * test thread; the lock table, the leader's transaction state and MVCC storage are real.
 */
class TxnHostSplitTest {
  static final byte[] SPLIT_AT = "m".getBytes(UTF_8);
  static final TTInterval NOW = new TTInterval(1_000_000, 1_000_100);

  @TempDir Path temp;
  StorageEngine engine;
  FakeGroup group;
  TxnHost host;
  final TxnId split = new TxnId(100, "n1", 1, 0); // older: it holds, the others wait
  final TxnId younger = new TxnId(200, "n2", 1, 0);

  @BeforeEach
  void open() {
    engine = StorageEngine.open(temp.resolve("data"), StorageOptions.defaults());
    group = new FakeGroup();
    host = new TxnHost(group, new GroupTxnState(), TxnLimits.defaults(), engine.mvcc(), (g, t) -> new CompletableFuture<>());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void aLockGrantedAfterTheSplitMovedItsKeyIsRefused() {
    assertThat(host.lockForSplit(split, PriorGrants.NONE, SPLIT_AT, NOW)).isCompleted();
    CompletableFuture<TxnHost.Rows> read = host.lockAndRead(younger, PriorGrants.NONE, query("p"), NOW);
    group.pump();
    assertThat(read).isNotDone(); // waits behind the split's exclusive range lock
    group.narrowTo(SPLIT_AT); // the split applied
    host.rollback(split, NOW); // and released its locks
    group.pump();
    assertThat(read).isCompletedExceptionally();
    assertThat(kindOf(read)).isEqualTo(ReplicationException.Kind.WRONG_RANGE);
  }

  @Test
  void aCommitOfAMovedKeyIsNeverProposed() {
    assertThat(host.lockForSplit(split, PriorGrants.NONE, SPLIT_AT, NOW)).isCompleted();
    List<Write> writes = List.of(Write.put(Key.of("q".getBytes(UTF_8)), "v".getBytes(UTF_8)));
    CompletableFuture<TxnHost.CommitResult> commit = host.commit(younger, PriorGrants.NONE, writes, List.of(), 0, false, NOW);
    group.pump();
    assertThat(commit).isNotDone();
    group.narrowTo(SPLIT_AT);
    host.rollback(split, NOW);
    group.pump();
    assertThat(kindOf(commit)).isEqualTo(ReplicationException.Kind.WRONG_RANGE);
    assertThat(group.proposed).isEmpty();
    // Checked when it arrives, too.
    assertThat(kindOf(host.commit(younger.retry(), PriorGrants.NONE, writes, List.of(), 0, false, NOW))).isEqualTo(ReplicationException.Kind.WRONG_RANGE);
  }

  @Test
  void aSplitOfAPartThatHoldsDataIsRefusedAndFreesItsLocks() {
    engine.newBatch().putVersion("x".getBytes(UTF_8), 5, "v".getBytes(UTF_8)).commit(true);
    CompletableFuture<TxnHost.Rows> refused = host.lockForSplit(split, PriorGrants.NONE, SPLIT_AT, NOW);
    group.pump();
    assertThat(refused).isCompletedExceptionally();
    // Nothing of the split is left: a younger transaction locks inside the part at once.
    CompletableFuture<TxnHost.Rows> read = host.lockAndRead(younger, PriorGrants.NONE, query("p"), NOW);
    group.pump();
    assertThat(read).isCompleted();
  }

  static TxnHost.Query query(String key) {
    return new TxnHost.Query(List.of(key.getBytes(UTF_8)), null, null, 1);
  }

  static ReplicationException.Kind kindOf(CompletableFuture<?> f) {
    assertThat(f).as("finished by now").isDone();
    Throwable error = f.handle((v, e) -> e).join();
    Throwable cause = error instanceof java.util.concurrent.CompletionException ce ? ce.getCause() : error;
    return cause instanceof ReplicationException re ? re.kind() : null;
  }

  /** A leader with a lease, whose tasks run when the test pumps them; proposals are recorded. */
  final class FakeGroup implements TxnHost.Group {
    final ArrayDeque<Consumer<TTInterval>> tasks = new ArrayDeque<>();
    final List<TxnRecord> proposed = new ArrayList<>();
    RangeMap.Range range = new RangeMap.Range(new byte[0], null, 1, List.of("n1"));
    private final Ballot ballot = new Ballot(1, "n1");

    void narrowTo(byte[] end) {
      range = new RangeMap.Range(range.start(), end, range.groupId(), range.replicas());
    }

    void pump() {
      for (int i = 0; i < 1_000 && !tasks.isEmpty(); i++) {
        tasks.poll().accept(NOW);
      }
      assertThat(tasks).as("tasks left after 1000 turns").isEmpty();
    }

    @Override
    public long groupId() {
      return 1;
    }

    @Override
    public Optional<Ballot> leadingBallot() {
      return Optional.of(ballot);
    }

    @Override
    public ReadPermit leaderRead(TTInterval now) {
      return new ReadPermit.Granted(0, now.latestMicros());
    }

    @Override
    public long appliedIndex() {
      return 0;
    }

    @Override
    public long newLeadershipId() {
      return 7;
    }

    @Override
    public boolean installing() {
      return false;
    }

    @Override
    public RangeMap.Range range() {
      return range;
    }

    @Override
    public boolean holdsVersions(byte[] start, byte[] end) {
      return !engine.mvcc().scan(start, end, Long.MAX_VALUE, 1).rows().isEmpty();
    }

    @Override
    public long paxosSafeMicros() {
      return 0;
    }

    @Override
    public CompletableFuture<TxnStateMachine.AppliedEntry> propose(TxnRecord record, long floorMicros, TTInterval now) {
      proposed.add(record);
      return new CompletableFuture<>(); // never chosen here: the tests look only at what is proposed
    }

    @Override
    public void execute(Consumer<TTInterval> task) {
      tasks.add(task);
    }

    @Override
    public CommitWait commitWait() {
      throw new UnsupportedOperationException("no commit reaches commit wait in these tests");
    }

    @Override
    public ReplicationException notLeader() {
      return new ReplicationException(ReplicationException.Kind.NOT_LEADER, "not the leader", "");
    }

    @Override
    public ReplicationException busy(String reason) {
      return new ReplicationException(ReplicationException.Kind.BUSY, reason, "");
    }
  }
}

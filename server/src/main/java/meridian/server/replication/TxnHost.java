package meridian.server.replication;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import meridian.paxos.Ballot;
import meridian.paxos.ReadPermit;
import meridian.storage.MvccStore;
import meridian.storage.ScanResult;
import meridian.storage.Version;
import meridian.truetime.TTInterval;
import meridian.txn.AbortReason;
import meridian.txn.Decision;
import meridian.txn.GroupTxnState;
import meridian.txn.KeySpan;
import meridian.txn.LeaderTxns;
import meridian.txn.PriorGrants;
import meridian.txn.TxnEffect;
import meridian.txn.TxnId;
import meridian.txn.TxnLimits;
import meridian.txn.TxnRecord;
import meridian.txn.Write;

/**
 * Hosts the transaction core of one group next to its replica, on the group's executor (every
 * method here runs there): the replicated {@link GroupTxnState}, and while this replica leads, a
 * {@link LeaderTxns} for its leadership. Turns the core's effects into reads, Paxos proposals,
 * commit waits and answers.
 */
public final class TxnHost {
  static final int SNAPSHOT_WAITERS_MAX = 10_000;
  static final long COMMIT_WAIT_MICROS_MAX = 5_000_000;

  /** What the host needs from its group's runtime. */
  interface Group {
    long groupId();

    Optional<Ballot> leadingBallot();

    ReadPermit leaderRead(TTInterval now);

    long appliedIndex();

    /** A fresh, unique id for a new leadership's transaction state (see {@link PriorGrants}). */
    long newLeadershipId();

    /** A snapshot install is replacing the state machine: nothing may be read from it. */
    boolean installing();

    /** The group's key range as this replica has applied it. */
    RangeMap.Range range();

    /** Whether the DATA column family holds any version of a key in [start, end) (end null: unbounded). */
    boolean holdsVersions(byte[] start, byte[] end);

    long paxosSafeMicros();

    /** Proposes {@code record}; completes once applied here (fails if not chosen). */
    CompletableFuture<TxnStateMachine.AppliedEntry> propose(TxnRecord record, long floorMicros, TTInterval now);

    /** Runs {@code task} on the group's executor with the current time (skipped if fenced). */
    void execute(java.util.function.Consumer<TTInterval> task);

    CommitWait commitWait();

    ReplicationException notLeader();

    ReplicationException busy(String reason);
  }

  /** Asks a coordinator group for its decision about a transaction (deciding abort if none). */
  public interface Inquirer {
    CompletableFuture<Decision> inquire(long coordinatorGroup, TxnId txn);
  }

  /** Rows read, and whether a range has more beyond {@code resumeKey}. */
  public record Rows(List<Version> rows, boolean more, byte[] resumeKey, long readMicros, long leadershipId) {
    public Rows(List<Version> rows, boolean more, byte[] resumeKey, long readMicros) {
      this(rows, more, resumeKey, readMicros, 0);
    }
  }

  /** What a read asks for: keys, or a range of at most {@code limit} rows. */
  public record Query(List<byte[]> keys, byte[] rangeStart, byte[] rangeEnd, int limit) {
    public boolean isRange() {
      return rangeStart != null;
    }

    /** Whether everything this query asks for lies in {@code range}. */
    boolean within(RangeMap.Range range) {
      if (!isRange()) {
        return keys.stream().allMatch(range::contains);
      }
      return range.contains(rangeStart)
          && (range.end() == null || rangeEnd != null && java.util.Arrays.compareUnsigned(rangeEnd, range.end()) <= 0);
    }

    List<KeySpan> spans() {
      if (isRange()) {
        return List.of(new KeySpan(meridian.txn.Key.of(rangeStart), rangeEnd == null ? null : meridian.txn.Key.of(rangeEnd)));
      }
      return keys.stream().map(k -> KeySpan.point(meridian.txn.Key.of(k))).distinct().toList();
    }
  }

  /** A commit's timestamp and what it cost. */
  public record CommitResult(long commitMicros, long epsilonMicros, long commitWaitMicros) {}

  private final Group group;
  // Replaced (never changed under a leader) when a snapshot install brings a new state.
  private GroupTxnState state;
  private final TxnLimits limits;
  private final MvccStore mvcc;
  private final Inquirer inquirer;
  private LeaderTxns leader;
  private Ballot leaderBallot;
  private long nextRequestId;
  // Callers waiting on the current LeaderTxns, by request id.
  private final Map<Long, Waiter> waiters = new HashMap<>();
  private final List<SnapshotWaiter> snapshotWaiters = new ArrayList<>();
  // Snapshot waiters whose safe time is reached and that wait for commit wait (one timer each).
  private final java.util.Set<SnapshotWaiter> waitingForCommitWait =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private sealed interface Waiter {
    TxnId txn();
  }

  /** @param splitAt non-null for a split's lock: [splitAt, splitEnd) must hold no version when granted */
  private record LockWaiter(TxnId txn, Query query, byte[] splitAt, byte[] splitEnd, CompletableFuture<Rows> result) implements Waiter {
    LockWaiter(TxnId txn, Query query, CompletableFuture<Rows> result) {
      this(txn, query, null, null, result);
    }
  }

  private record PrepareWaiter(TxnId txn, CompletableFuture<Long> result) implements Waiter {}

  private record CommitWaiter(TxnId txn, long epsilonMicros, boolean replyBeforeCommitWait, CompletableFuture<CommitResult> result)
      implements Waiter {}

  private record SnapshotWaiter(long readMicros, Query query, long deadlineMicros, CompletableFuture<Rows> result) {}

  TxnHost(Group group, GroupTxnState state, TxnLimits limits, MvccStore mvcc, Inquirer inquirer) {
    this.group = group;
    this.state = state;
    this.limits = limits;
    this.mvcc = mvcc;
    this.inquirer = inquirer;
  }

  GroupTxnState state() {
    return state;
  }

  /**
   * A snapshot install replaced the group's state machine: take its transaction state; the
   * current leadership's locks no longer describe it, so they go (their callers learn LOCKS_LOST).
   */
  void replaceState(GroupTxnState installed) {
    dropLeader("group " + group.groupId() + " installed a snapshot");
    state = installed;
    snapshotWaiters.forEach(w -> w.result().completeExceptionally(group.busy("a snapshot was installed; read again")));
    snapshotWaiters.clear();
    waitingForCommitWait.clear();
  }

  // ---- read-write transactions (leader) ----

  public CompletableFuture<Rows> lockAndRead(TxnId txn, PriorGrants priorGrants, Query query, TTInterval now) {
    CompletableFuture<Rows> result = new CompletableFuture<>();
    if (!query.within(group.range())) {
      return CompletableFuture.failedFuture(wrongRange());
    }
    withLeader(now, result, l -> {
      long id = register(new LockWaiter(txn, query, result));
      l.lock(id, txn, priorGrants, query.spans(), now.latestMicros());
    });
    return result;
  }

  /** Exclusive locks on {@code keys}, taken before any group prepares (see {@link LeaderTxns}). */
  public CompletableFuture<Rows> lockForWrite(TxnId txn, PriorGrants priorGrants, List<byte[]> keys, TTInterval now) {
    CompletableFuture<Rows> result = new CompletableFuture<>();
    if (!keys.stream().allMatch(this::writable)) {
      return CompletableFuture.failedFuture(wrongRange());
    }
    withLeader(now, result, l -> {
      long id = register(new LockWaiter(txn, null, result));
      List<KeySpan> spans = keys.stream().map(k -> KeySpan.point(meridian.txn.Key.of(k))).distinct().toList();
      l.lock(id, txn, priorGrants, spans, meridian.txn.LockMode.EXCLUSIVE, now.latestMicros());
    });
    return result;
  }

  /**
   * The first step of a split at {@code at}: an exclusive lock on [at, end of this group's range),
   * granted only if that part holds no version of any key. Under that lock no other transaction
   * can write there until the split commits or aborts, so the new group may start empty.
   */
  public CompletableFuture<Rows> lockForSplit(TxnId txn, PriorGrants priorGrants, byte[] at, TTInterval now) {
    RangeMap.Range range = group.range();
    if (java.util.Arrays.compareUnsigned(at, Keys.SYSTEM_END) < 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "cannot split at " + Keys.show(at) + ": keys below " + Keys.show(Keys.SYSTEM_END) + " are reserved for the range map"));
    }
    if (!range.contains(at) || java.util.Arrays.equals(at, range.start())) {
      return CompletableFuture.failedFuture(wrongRange());
    }
    CompletableFuture<Rows> result = new CompletableFuture<>();
    withLeader(now, result, l -> {
      long id = register(new LockWaiter(txn, null, at, range.end(), result));
      KeySpan span = new KeySpan(meridian.txn.Key.of(at), range.end() == null ? null : meridian.txn.Key.of(range.end()));
      l.lock(id, txn, priorGrants, List.of(span), meridian.txn.LockMode.EXCLUSIVE, now.latestMicros());
    });
    return result;
  }

  public CompletableFuture<Long> prepare(TxnId txn, PriorGrants priorGrants, List<Write> writes, long coordinatorGroup, TTInterval now) {
    if (!writes.stream().allMatch(w -> writable(w.key().toByteArray()))) {
      return CompletableFuture.failedFuture(wrongRange());
    }
    CompletableFuture<Long> result = new CompletableFuture<>();
    withLeader(now, result, l -> {
      long id = register(new PrepareWaiter(txn, result));
      l.prepare(id, txn, priorGrants, writes, coordinatorGroup, now.latestMicros());
    });
    return result;
  }

  public CompletableFuture<CommitResult> commit(
      TxnId txn, PriorGrants priorGrants, List<Write> writes, List<Long> participants, long maxPrepareMicros, boolean replyBeforeCommitWait, TTInterval now) {
    if (!writes.stream().allMatch(w -> writable(w.key().toByteArray()))) {
      return CompletableFuture.failedFuture(wrongRange());
    }
    CompletableFuture<CommitResult> result = new CompletableFuture<>();
    withLeader(now, result, l -> {
      long epsilon = (now.latestMicros() - now.earliestMicros()) / 2;
      long id = register(new CommitWaiter(txn, epsilon, replyBeforeCommitWait, result));
      l.commit(id, txn, priorGrants, writes, participants, maxPrepareMicros, now.latestMicros(), now.latestMicros());
    });
    return result;
  }

  /**
   * The coordinator's decision about {@code txn}, deciding abort when there is none yet. A commit
   * decision is revealed only after commit wait.
   */
  public CompletableFuture<Decision> decide(TxnId txn, TTInterval now) {
    Optional<Decision> known = state.decision(txn);
    if (known.isPresent()) {
      return afterCommitWait(known.get());
    }
    CompletableFuture<Decision> result = new CompletableFuture<>();
    withLeader(now, result, l ->
        group.propose(new TxnRecord.Abort(txn), 0, now)
            .thenCompose(entry -> afterCommitWait(entry.applied().decision().orElse(Decision.ABORTED)))
            .whenComplete((d, e) -> complete(result, d, e)));
    return result;
  }

  private CompletableFuture<Decision> afterCommitWait(Decision d) {
    if (!d.committed()) {
      return CompletableFuture.completedFuture(d);
    }
    return group.commitWait().until(d.commitMicros(), COMMIT_WAIT_MICROS_MAX).thenApply(v -> d);
  }

  /**
   * A participant learns the outcome. Answered only by the leader, once it has applied its log: a
   * transaction not prepared there was never prepared or already has its outcome applied, so
   * there is nothing to do. A follower cannot tell (it may not have applied the Prepare yet), and
   * the driver takes success as "applied here" and lets the coordinator forget its decision: a
   * participant still prepared would then ask, hear abort, and lose a committed transaction's
   * writes.
   */
  public CompletableFuture<Void> outcome(TxnId txn, boolean committed, long commitMicros, TTInterval now) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    withLeader(now, result, l -> {
      if (state.prepared(txn).isEmpty()) {
        result.complete(null);
        return;
      }
      group.propose(new TxnRecord.Outcome(txn, committed, commitMicros), 0, now).whenComplete((entry, e) -> complete(result, null, e));
    });
    return result;
  }

  /** Drops the coordinator's commit decision about {@code txn}: every participant applied it. */
  public CompletableFuture<Void> forget(TxnId txn, TTInterval now) {
    if (state.decision(txn).isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    withLeader(now, result, l -> group.propose(new TxnRecord.Forget(txn), 0, now).whenComplete((entry, e) -> complete(result, null, e)));
    return result;
  }

  public void rollback(TxnId txn, TTInterval now) {
    if (currentLeader(now) != null) {
      leader.rollback(txn, now.latestMicros());
      drain(now);
    }
  }

  public List<Boolean> heartbeat(List<TxnId> txns, TTInterval now) {
    LeaderTxns l = currentLeader(now);
    return txns.stream().map(t -> l != null && l.heartbeat(t, now.latestMicros())).toList();
  }

  // ---- lock-free reads (any replica) ----

  /**
   * Reads at {@code readMicros} once this replica's safe time reaches it, waiting at most {@code
   * waitMicrosMax}; {@code readMicros == 0} asks the leader for a strong read at a timestamp it
   * picks (the group's last commit when nothing is prepared, else its lease-read timestamp).
   */
  public CompletableFuture<Rows> snapshotRead(long readMicros, Query query, long waitMicrosMax, boolean atLeader, TTInterval now) {
    CompletableFuture<Rows> result = new CompletableFuture<>();
    if (atLeader && group.leadingBallot().isEmpty()) {
      result.completeExceptionally(group.notLeader());
      return result;
    }
    long ts = readMicros;
    if (ts == 0) {
      if (!(group.leaderRead(now) instanceof ReadPermit.Granted permit) || group.appliedIndex() < permit.readIndex()) {
        result.completeExceptionally(group.leadingBallot().isPresent() ? group.busy("no lease read possible yet") : group.notLeader());
        return result;
      }
      ts = state.prepared().isEmpty() ? Math.max(1, state.lastCommitMicros()) : permit.readTimestampMicros();
    }
    SnapshotWaiter waiter = new SnapshotWaiter(ts, query, now.latestMicros() + waitMicrosMax, result);
    if (!tryServe(waiter, now)) {
      if (waitMicrosMax == 0 || snapshotWaiters.size() >= SNAPSHOT_WAITERS_MAX) {
        waitingForCommitWait.remove(waiter);
      }
      if (waitMicrosMax == 0) {
        result.completeExceptionally(group.busy("safe time " + safeMicros(now) + " is below " + ts + " at this replica"));
      } else if (snapshotWaiters.size() >= SNAPSHOT_WAITERS_MAX) {
        result.completeExceptionally(group.busy(SNAPSHOT_WAITERS_MAX + " snapshot reads already wait for safe time"));
      } else {
        snapshotWaiters.add(waiter);
        if (ts > now.latestMicros()) {
          // A leader can serve once its own clock passes ts (its lease-read time); look again
          // then rather than at the next tick. Other waiters are looked at after each apply.
          group.commitWait().until(ts, waitMicrosMax).whenComplete((v, e) -> group.execute(this::serveWaiting));
        }
      }
    }
    return result;
  }

  /** t_safe = min(t_paxos_safe, t_TM_safe); at a leader holding its lease, up to its lease-read time. */
  public long safeMicros(TTInterval now) {
    long paxosSafe = group.paxosSafeMicros();
    if (now != null && group.leadingBallot().isPresent()
        && group.leaderRead(now) instanceof ReadPermit.Granted permit && group.appliedIndex() >= permit.readIndex()) {
      paxosSafe = Math.max(paxosSafe, permit.readTimestampMicros());
    }
    return Math.min(paxosSafe, state.tmSafeMicros());
  }

  private boolean tryServe(SnapshotWaiter w, TTInterval now) {
    if (group.installing()) {
      w.result().completeExceptionally(group.busy("installing a snapshot"));
      return true;
    }
    if (w.readMicros() > safeMicros(now)) {
      if (now != null && now.latestMicros() > w.deadlineMicros()) {
        w.result().completeExceptionally(group.busy("safe time " + safeMicros(now) + " did not reach " + w.readMicros() + " in time"));
        return true;
      }
      return false;
    }
    if (!w.query().within(group.range())) {
      w.result().completeExceptionally(wrongRange()); // split off while the read waited
      return true;
    }
    // A commit is applied here before its commit wait ends (the coordinator's Commit record), but
    // nobody may see it before TT.after(s) (paper 4.2.1): a read at t could otherwise show a write
    // that a transaction starting after the read returns is timestamped below. So a read at t
    // returns once every commit it could see, all at or below min(t, last commit), is in the past.
    long visibleMicros = Math.min(w.readMicros(), state.lastCommitMicros());
    if (now == null || visibleMicros >= now.earliestMicros()) {
      if (now != null && now.latestMicros() > w.deadlineMicros()) {
        w.result().completeExceptionally(group.busy("commit wait for " + visibleMicros + " did not end in time"));
        return true;
      }
      if (waitingForCommitWait.add(w)) {
        group.commitWait().until(visibleMicros, COMMIT_WAIT_MICROS_MAX).whenComplete((v, e) -> group.execute(this::serveWaiting));
      }
      return false;
    }
    waitingForCommitWait.remove(w);
    w.result().complete(read(w.query(), w.readMicros()));
    return true;
  }

  /** Whether every write of {@code record} is one this group may make. */
  private boolean fits(TxnRecord record) {
    List<Write> writes = switch (record) {
      case TxnRecord.Prepare prepare -> prepare.writes();
      case TxnRecord.Commit commit -> commit.writes();
      default -> List.of();
    };
    return writes.stream().allMatch(w -> writable(w.key().toByteArray()));
  }

  /** A key this group may lock and write: one of its range, or the split write. */
  private boolean writable(byte[] key) {
    return group.range().contains(key) || java.util.Arrays.equals(key, Keys.SPLIT);
  }

  private ReplicationException wrongRange() {
    return new ReplicationException(ReplicationException.Kind.WRONG_RANGE,
        "group " + group.groupId() + " holds " + group.range() + " now: refresh the range map", "");
  }

  private Rows read(Query query, long atMicros) {
    if (query.isRange()) {
      ScanResult scan = mvcc.scan(query.rangeStart(), query.rangeEnd(), atMicros, query.limit());
      return new Rows(scan.rows(), scan.more(), scan.resumeKey(), atMicros);
    }
    List<Version> rows = new ArrayList<>();
    for (byte[] key : query.keys()) {
      mvcc.get(key, atMicros).ifPresent(rows::add);
    }
    return new Rows(rows, false, null, atMicros);
  }

  // ---- driven by the runtime ----

  /** Entries were applied (in order): update the leader's state and answer snapshot reads. */
  void applied(List<TxnStateMachine.AppliedEntry> entries, TTInterval now) {
    if (leader != null) {
      long nowMicros = now == null ? 0 : now.latestMicros();
      for (TxnStateMachine.AppliedEntry e : entries) {
        leader.applied(e.record(), e.entryMicros(), e.applied(), nowMicros);
      }
      drain(now);
    }
    serveWaiting(now);
  }

  void tick(TTInterval now) {
    LeaderTxns l = currentLeader(now);
    if (l != null) {
      l.tick(now.latestMicros());
      drain(now);
    }
    serveWaiting(now);
  }

  boolean hasSnapshotWaiters() {
    return !snapshotWaiters.isEmpty();
  }

  void serveWaiting(TTInterval now) {
    snapshotWaiters.removeIf(w -> {
      boolean done = w.result().isDone() || tryServe(w, now);
      if (done) {
        waitingForCommitWait.remove(w);
      }
      return done;
    });
  }

  // ---- internals ----

  /**
   * The LeaderTxns of the current leadership, created once this replica leads, holds a lease and
   * has applied its log (so every prepared transaction's locks are re-taken first); null if not.
   */
  private LeaderTxns currentLeader(TTInterval now) {
    Optional<Ballot> ballot = group.leadingBallot();
    if (ballot.isEmpty()) {
      dropLeader("this replica no longer leads group " + group.groupId());
      return null;
    }
    if (leader != null && ballot.get().equals(leaderBallot)) {
      return leader;
    }
    dropLeader("group " + group.groupId() + " changed leadership");
    if (now != null && group.leaderRead(now) instanceof ReadPermit.Granted permit && group.appliedIndex() >= permit.readIndex()) {
      leader = new LeaderTxns(limits, state, group.newLeadershipId(), now.latestMicros());
      leaderBallot = ballot.get();
    }
    return leader;
  }

  private void dropLeader(String why) {
    if (leader == null) {
      return;
    }
    leader = null;
    leaderBallot = null;
    List<Waiter> orphans = List.copyOf(waiters.values());
    waiters.clear();
    for (Waiter w : orphans) {
      fail(w, new TxnAbortedException(w.txn(), AbortReason.LOCKS_LOST, why));
    }
  }

  private <T> void withLeader(TTInterval now, CompletableFuture<T> result, java.util.function.Consumer<LeaderTxns> action) {
    LeaderTxns l = currentLeader(now);
    if (l == null) {
      result.completeExceptionally(group.leadingBallot().isPresent() ? group.busy("leadership not ready for transactions yet") : group.notLeader());
      return;
    }
    action.accept(l);
    drain(now);
  }

  private long register(Waiter waiter) {
    long id = ++nextRequestId;
    waiters.put(id, waiter);
    return id;
  }

  private void drain(TTInterval now) {
    if (leader == null) {
      return;
    }
    for (TxnEffect effect : leader.drain()) {
      switch (effect) {
        case TxnEffect.Granted g -> {
          if (waiters.remove(g.requestId()) instanceof LockWaiter w) {
            if (group.installing() && w.query() != null) {
              w.result().completeExceptionally(group.busy("installing a snapshot"));
              continue;
            }
            if (w.query() != null && !w.query().within(group.range())) {
              w.result().completeExceptionally(wrongRange()); // split off while the lock waited
              group.execute(t -> rollback(w.txn(), t));
              continue;
            }
            if (w.splitAt() != null && group.holdsVersions(w.splitAt(), w.splitEnd())) {
              w.result().completeExceptionally(new IllegalArgumentException("cannot split at " + Keys.show(w.splitAt())
                  + ": that part of the range holds data; only the empty part of a range can be split for now"));
              group.execute(t -> rollback(w.txn(), t)); // the split is over: free what it holds here
              continue;
            }
            Rows rows = w.query() == null ? new Rows(List.of(), false, null, 0) : read(w.query(), Long.MAX_VALUE);
            w.result().complete(new Rows(rows.rows(), rows.more(), rows.resumeKey(), 0, g.leadershipId()));
          }
        }
        case TxnEffect.Failed f -> {
          Waiter w = waiters.remove(f.requestId());
          if (w != null) {
            fail(w, new TxnAbortedException(f.txn(), f.reason(), f.detail()));
          }
        }
        case TxnEffect.AlreadyPrepared p -> {
          if (waiters.remove(p.requestId()) instanceof PrepareWaiter w) {
            w.result().complete(p.prepareMicros());
          }
        }
        case TxnEffect.Propose p -> propose(p, now);
        case TxnEffect.Inquire q -> inquire(q);
      }
    }
  }

  private void propose(TxnEffect.Propose p, TTInterval now) {
    Waiter w = waiters.remove(p.requestId());
    LeaderTxns proposer = leader;
    if (!fits(p.record())) {
      // A split narrowed this group after the request was checked (its locks were granted after
      // the split's were released): a write outside the range must never reach the log.
      group.execute(t -> {
        if (leader == proposer) {
          leader.proposalFailed(p.record().txn(), t.latestMicros());
          drain(t);
        }
      });
      if (w != null) {
        fail(w, wrongRange());
      }
      return;
    }
    group.propose(p.record(), p.floorMicros(), now).whenComplete((entry, error) -> {
      if (error != null) {
        group.execute(t -> {
          if (leader == proposer) {
            leader.proposalFailed(p.record().txn(), t.latestMicros());
            drain(t);
          }
        });
        if (w != null) {
          fail(w, error);
        }
        return;
      }
      switch (w) {
        case PrepareWaiter pw -> pw.result().complete(entry.entryMicros());
        case CommitWaiter cw -> commitWaitThenFinish(cw, entry, proposer);
        case null, default -> {}
      }
    });
  }

  private void commitWaitThenFinish(CommitWaiter w, TxnStateMachine.AppliedEntry entry, LeaderTxns proposer) {
    Decision decision = entry.applied().decision().orElse(Decision.ABORTED);
    if (!decision.committed()) {
      w.result().completeExceptionally(new TxnAbortedException(w.txn(), AbortReason.DECIDED_ABORT, "the coordinator had decided to abort"));
      return;
    }
    long waitStartNanos = System.nanoTime();
    if (w.replyBeforeCommitWait()) {
      w.result().complete(new CommitResult(decision.commitMicros(), w.epsilonMicros(), 0));
    }
    group.commitWait().until(decision.commitMicros(), COMMIT_WAIT_MICROS_MAX).whenComplete((v, error) -> {
      long waitedMicros = (System.nanoTime() - waitStartNanos) / 1000;
      group.execute(t -> {
        if (leader == proposer) {
          leader.finished(w.txn(), t.latestMicros());
          drain(t);
        }
      });
      if (error != null) {
        w.result().completeExceptionally(error);
      } else {
        w.result().complete(new CommitResult(decision.commitMicros(), w.epsilonMicros(), waitedMicros));
      }
    });
  }

  private void inquire(TxnEffect.Inquire q) {
    inquirer.inquire(q.coordinatorGroup(), q.txn()).whenComplete((decision, error) -> {
      if (decision != null) {
        group.execute(now -> outcome(q.txn(), decision.committed(), decision.commitMicros(), now));
      }
    });
  }

  private static void fail(Waiter w, Throwable error) {
    switch (w) {
      case LockWaiter l -> l.result().completeExceptionally(error);
      case PrepareWaiter p -> p.result().completeExceptionally(error);
      case CommitWaiter c -> c.result().completeExceptionally(error);
    }
  }

  private static <T> void complete(CompletableFuture<T> result, T value, Throwable error) {
    if (error != null) {
      result.completeExceptionally(error);
    } else {
      result.complete(value);
    }
  }
}

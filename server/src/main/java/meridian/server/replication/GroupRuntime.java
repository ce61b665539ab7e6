package meridian.server.replication;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;
import meridian.paxos.Command;
import meridian.paxos.HardState;
import meridian.paxos.LogEntry;
import meridian.paxos.Message;
import meridian.paxos.PersistedState;
import meridian.paxos.ProposeResult;
import meridian.paxos.ReadPermit;
import meridian.paxos.Ready;
import meridian.paxos.Replica;
import meridian.paxos.ReplicaConfig;
import meridian.paxos.ReplicaStatus;
import meridian.storage.Batch;
import meridian.storage.StorageEngine;
import meridian.truetime.NowResult;
import meridian.truetime.TTInterval;
import meridian.truetime.TrueTime;
import meridian.truetime.TrueTimeFencedException;
import meridian.txn.TxnLimits;
import meridian.txn.TxnRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host of one Paxos group on this node: the only owner of its {@link Replica}. Every input is a
 * task on the group's {@link SerialExecutor}; after each turn the replica's {@link Ready} is
 * carried out in its contract's order: persist (one synced batch; concurrent groups share fsyncs
 * through RocksDB's group commit), then send, then apply and complete the waiting callers, then
 * fetch a snapshot if asked, then compact the log if it has grown past {@link LogCompaction}.
 *
 * <p>While a snapshot is being fetched and installed ({@code installing}), committed entries are
 * held back rather than applied (the install replaces the state machine under them), and reads
 * are refused: every read runs on this executor ({@link TxnHost}), which checks {@code installing}
 * first; the group's transaction state is reloaded from the installed snapshot.
 */
final class GroupRuntime {
  private static final Logger log = LoggerFactory.getLogger(GroupRuntime.class);
  static final int MAILBOX_MAX = 20_000;
  static final int PENDING_PROPOSALS_MAX = 10_000;

  private final long groupId;
  private final ReplicaConfig config;
  private final RandomGenerator random;
  // Null until the first tick with a TrueTime interval (see start()); then the only replica.
  private Replica replica;
  // The hard state as of the last synced write: a change of promise or of lease-vote leader
  // against it needs an fsync; a lease extension or a commit index alone does not (see flush()).
  private HardState syncedHardState;
  // The hard state as of the last write, synced or not.
  private HardState writtenHardState;
  private final GroupStorage storage;
  private final TxnStateMachine stateMachine;
  private final CommitWait commitWait;
  private final TxnHost.Inquirer inquirer;
  // Null until start(); then the only transaction host of this group.
  private TxnHost txns;
  private final PaxosTransport transport;
  private final TrueTime trueTime;
  private final StorageEngine engine;
  private final SerialExecutor executor;

  // Owned by the executor's tasks (one at a time), never touched elsewhere.
  private final Map<Long, Pending> pending = new HashMap<>();
  // Invariant: the point through which this node's state machine has applied the log (outside an
  // install: with an install in progress the state machine on disk may be incomplete).
  private SnapshotPoint applied;
  // The group's key range: its start, narrowed by every split its log applied. Written on the
  // executor; read by snapshot senders on other threads.
  private volatile RangeMap.Range range;
  // Told of every group split off this one (it may already exist here).
  private final java.util.function.Consumer<GroupStorage.Child> onChild;
  private final LogCompaction compaction;
  private final SnapshotTransfers snapshots;
  // Invariant: true from a snapshot request (or a restart that found the install marker) until the
  // install finished or was given up with the state machine intact.
  private boolean installing;
  // Committed entries handed out by the replica during an install, in order, to apply after it.
  // Bounded by the replica's own log: it hands out only entries it holds.
  private List<LogEntry> heldBack = new ArrayList<>();
  // The state machine is incomplete and could not be completed: the group stays down.
  private boolean stopped;
  private volatile long snapshotIndex;

  private record Pending(byte[] payload, CompletableFuture<TxnStateMachine.AppliedEntry> result) {}

  GroupRuntime(
      ReplicaConfig config,
      StorageEngine engine,
      TrueTime trueTime,
      PaxosTransport transport,
      Executor pool,
      RandomGenerator random,
      RangeMap.Range range,
      java.util.function.Consumer<GroupStorage.Child> onChild,
      LogCompaction compaction,
      SnapshotTransfers snapshots,
      CommitWait commitWait,
      TxnHost.Inquirer inquirer) {
    this.groupId = config.groupId();
    this.engine = engine;
    this.trueTime = trueTime;
    this.transport = transport;
    this.storage = new GroupStorage(engine, groupId);
    this.stateMachine = new TxnStateMachine(engine);
    this.commitWait = commitWait;
    this.inquirer = inquirer;
    this.config = config;
    this.random = random;
    this.range = range;
    this.onChild = onChild;
    this.compaction = compaction;
    this.snapshots = snapshots;
    this.executor = new SerialExecutor("group " + groupId, pool, MAILBOX_MAX, this::flush);
  }

  long groupId() {
    return groupId;
  }

  /** The group's state machine as a snapshot covers it (its current range). Any thread. */
  List<SnapshotSpan> spans() {
    return SnapshotSpan.ofGroup(range);
  }

  /** The group's key range as this replica has applied it. Any thread. */
  RangeMap.Range range() {
    return range;
  }

  /** Odd while a snapshot install is in progress; changes with every install. Any thread. */

  /** Where this replica's log begins (the last compaction or install). Any thread. */
  long snapshotIndex() {
    return snapshotIndex;
  }

  void tick() {
    submit(() -> {
      switch (trueTime.tryNow()) {
        case NowResult.Granted granted -> {
          if (replica == null) {
            start(granted.interval());
          }
          if (replica != null) {
            replica.tick(granted.interval());
            txns.tick(granted.interval());
          }
        }
        case NowResult.Fenced fenced -> {
          if (replica != null) {
            replica.clockFenced();
          }
        }
      }
    });
  }

  /**
   * Creates the replica from disk at the first moment TrueTime can be read. A lease vote's
   * extensions are written without fsync (only a new promise or a vote for a different leader is
   * synced), so after a restart the stored expiry may be older than one this replica granted before
   * the crash. Every expiry it granted was at most {@code now.latest + leaseDuration} at that time,
   * so raising the stored expiry to {@code now.latest + leaseDuration} now keeps the vote binding at
   * least as long as it was promised: leases stay disjoint.
   */
  private void start(TTInterval now) {
    if (stopped || installing) {
      return;
    }
    storage.loadRange().ifPresent(r -> range = r); // before a resumed install clears the range's data
    Optional<SnapshotPoint> marker = storage.installMarker();
    if (marker.isPresent()) {
      resumeInstall(marker.get());
      return;
    }
    GroupStorage.Loaded loaded = storage.load(config.initialMembership());
    PersistedState restored = loaded.state();
    applied = loaded.applied();
    snapshotIndex = loaded.snapshot().index();
    HardState hard = restored.hardState();
    if (!hard.leaseVoteLeader().isEmpty()) {
      hard =
          new HardState(
              hard.promised(),
              hard.leaseVoteLeader(),
              Math.max(hard.leaseVoteExpiryMicros(), now.latestMicros() + config.leaseDurationMicros()),
              hard.commitIndex());
    }
    syncedHardState = restored.hardState();
    writtenHardState = restored.hardState();
    txns = new TxnHost(new HostAccess(), storage.loadTxnState(), TxnLimits.defaults(), engine.mvcc(), inquirer);
    replica =
        new Replica(
            config,
            new PersistedState(
                hard,
                restored.log(),
                restored.snapshotIndex(),
                restored.snapshotBallot(),
                restored.snapshotTimestampMicros(),
                restored.snapshotMembership(),
                restored.appliedIndex()),
            random);
  }

  /** A fenced node refuses at once (no retry here can help: the client should try another node). */
  private RuntimeException fenced() {
    return switch (trueTime.tryNow()) {
      case NowResult.Fenced f -> new TrueTimeFencedException(f.fence());
      case NowResult.Granted g -> busy("TrueTime was fenced a moment ago");
    };
  }

  private ReplicationException notStarted() {
    String why = stopped ? "stopped: its state machine is incomplete after a failed snapshot install (see the log)"
        : installing ? "installing a snapshot" : "not started yet (waiting for TrueTime)";
    return new ReplicationException(ReplicationException.Kind.BUSY, "group " + groupId + " replica " + why, "");
  }

  void deliver(Message message) {
    submit(() -> {
      if (replica != null) {
        now().ifPresent(now -> replica.step(message, now));
      }
    });
  }

  /**
   * Runs {@code action} on the group's executor against its transaction host, with the current
   * TrueTime interval; fails at once when the replica has not started or the clock is fenced.
   */
  <T> CompletableFuture<T> onTxns(java.util.function.BiFunction<TxnHost, TTInterval, CompletableFuture<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    submitOrFail(result, () -> {
      var now = now();
      if (replica == null || installing) {
        result.completeExceptionally(notStarted());
        return;
      }
      if (now.isEmpty()) {
        result.completeExceptionally(fenced());
        return;
      }
      CompletableFuture<T> inner;
      try {
        inner = action.apply(txns, now.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      inner.whenComplete((value, error) -> {
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(value);
        }
      });
    });
    return result;
  }

  /** Proposes a transaction record (on the executor); completes once it is applied here. */
  private CompletableFuture<TxnStateMachine.AppliedEntry> proposeRecord(TxnRecord record, long floorMicros, TTInterval now) {
    CompletableFuture<TxnStateMachine.AppliedEntry> result = new CompletableFuture<>();
    if (pending.size() >= PENDING_PROPOSALS_MAX) {
      result.completeExceptionally(busy(PENDING_PROPOSALS_MAX + " proposals already pending"));
      return result;
    }
    byte[] payload = TxnCodec.encodeRecord(record);
    switch (replica.propose(payload, now, floorMicros)) {
      case ProposeResult.Proposed proposed -> pending.put(proposed.index(), new Pending(payload, result));
      case ProposeResult.NotLeader notLeader -> result.completeExceptionally(notLeader(notLeader.leaderHint()));
      case ProposeResult.Busy b -> result.completeExceptionally(busy(b.reason()));
    }
    return result;
  }

  /** What the transaction host sees of this runtime; used on the executor only. */
  private final class HostAccess implements TxnHost.Group {
    @Override
    public long groupId() {
      return groupId;
    }

    @Override
    public java.util.Optional<meridian.paxos.Ballot> leadingBallot() {
      return replica.leadingBallot();
    }

    @Override
    public ReadPermit leaderRead(TTInterval now) {
      return replica.leaderRead(now);
    }

    @Override
    public long appliedIndex() {
      return applied.index();
    }

    @Override
    public long newLeadershipId() {
      long id;
      do {
        id = random.nextLong();
      } while (id == 0); // 0 names no leadership (PriorGrants.NONE)
      return id;
    }

    @Override
    public boolean installing() {
      return installing;
    }

    @Override
    public RangeMap.Range range() {
      return range;
    }

    @Override
    public boolean holdsVersions(byte[] start, byte[] end) {
      byte[] rawEnd = end == null ? null : meridian.storage.MvccStore.rawKeyOf(end);
      try (meridian.storage.ReadView view = engine.openReadView()) {
        return !view.scan(meridian.storage.ColumnFamily.DATA, meridian.storage.MvccStore.rawKeyOf(start), rawEnd, 1, Long.MAX_VALUE)
            .entries().isEmpty();
      }
    }

    @Override
    public long paxosSafeMicros() {
      return replica.safeTimeMicros();
    }

    @Override
    public CompletableFuture<TxnStateMachine.AppliedEntry> propose(TxnRecord record, long floorMicros, TTInterval now) {
      return proposeRecord(record, floorMicros, now);
    }

    @Override
    public void execute(java.util.function.Consumer<TTInterval> task) {
      submit(() -> now().ifPresent(task));
    }

    @Override
    public CommitWait commitWait() {
      return commitWait;
    }

    @Override
    public ReplicationException notLeader() {
      return GroupRuntime.this.notLeader(replica.status(new TTInterval(0, 0)).leader());
    }

    @Override
    public ReplicationException busy(String reason) {
      return GroupRuntime.this.busy(reason);
    }
  }

  CompletableFuture<ReplicaStatus> status() {
    CompletableFuture<ReplicaStatus> result = new CompletableFuture<>();
    submitOrFail(result, () -> {
      if (replica == null) {
        result.completeExceptionally(notStarted());
        return;
      }
      result.complete(replica.status(now().orElse(new TTInterval(0, 0))));
    });
    return result;
  }

  void transferLeadership(String target) {
    submit(() -> {
      if (replica != null) {
        now().ifPresent(now -> replica.transferLeadership(target, now));
      }
    });
  }

  private java.util.Optional<TTInterval> now() {
    return switch (trueTime.tryNow()) {
      case NowResult.Granted granted -> java.util.Optional.of(granted.interval());
      case NowResult.Fenced fenced -> java.util.Optional.empty();
    };
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      log.warn("group {}: dropped an input: {}", groupId, e.getMessage());
    }
  }

  /** For completions that must not be lost (see {@link SerialExecutor#executeAlways}). */
  private void submitAlways(Runnable task) {
    executor.executeAlways(task);
  }

  private void submitOrFail(CompletableFuture<?> result, Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(busy(e.getMessage()));
    }
  }

  /** After every turn: carry out the replica's Ready in order. Runs on the group's executor. */
  private void flush() {
    if (replica == null) {
      return;
    }
    Ready ready = replica.ready();
    if (ready.isEmpty()) {
      return;
    }
    if (ready.hardState().isPresent() || ready.truncateFromIndex() > 0 || !ready.entries().isEmpty()) {
      Batch batch = engine.newBatch();
      storage.stage(ready, batch);
      // Persist before send. Log changes, a new promise and a vote for a different leader are
      // synced; a lease extension or a commit index alone is written without fsync (see start():
      // a restart re-extends the vote; the commit index is relearned). RocksDB's WAL keeps write
      // order, so the next synced write makes the unsynced ones before it durable too.
      boolean sync =
          ready.truncateFromIndex() > 0
              || !ready.entries().isEmpty()
              || ready.hardState()
                  .map(h -> !h.promised().equals(syncedHardState.promised())
                      || !h.leaseVoteLeader().equals(syncedHardState.leaseVoteLeader()))
                  .orElse(false);
      batch.commit(sync);
      writtenHardState = ready.hardState().orElse(writtenHardState);
      if (sync) {
        syncedHardState = writtenHardState;
      }
    }
    transport.send(ready.messages());
    if (!ready.committed().isEmpty()) {
      apply(ready.committed());
    }
    if (txns.hasSnapshotWaiters()) {
      txns.serveWaiting(now().orElse(null)); // safe time may have moved (a MinNextTS promise)
    }
    ready.snapshotToInstall().ifPresent(this::fetchSnapshot);
    maybeCompact();
  }

  private void apply(List<LogEntry> committed) {
    long done = installing && !heldBack.isEmpty() ? heldBack.getLast().index() : applied.index();
    List<LogEntry> fresh = committed.stream().filter(e -> e.index() > done).toList();
    if (fresh.isEmpty()) {
      return;
    }
    if (installing) {
      heldBack.addAll(fresh);
      return;
    }
    SnapshotPoint after = applied;
    for (LogEntry entry : fresh) {
      after = after.next(entry);
    }
    TxnStateMachine.Result result = stateMachine.apply(fresh, after, storage, txns.state(), range);
    List<TxnStateMachine.AppliedEntry> appliedEntries = result.entries();
    applied = after;
    range = result.range();
    result.children().forEach(onChild);
    Map<Long, TxnStateMachine.AppliedEntry> byIndex = new HashMap<>();
    appliedEntries.forEach(a -> byIndex.put(a.index(), a));
    for (LogEntry entry : fresh) {
      Pending waiting = pending.remove(entry.index());
      if (waiting == null) {
        continue;
      }
      boolean ours = entry.command() instanceof Command.Write write && Arrays.equals(write.payload(), waiting.payload());
      if (ours) {
        waiting.result().complete(byIndex.get(entry.index()));
      } else {
        waiting.result().completeExceptionally(
            new ReplicationException(ReplicationException.Kind.NOT_CHOSEN, "another value was chosen for slot " + entry.index(), ""));
      }
    }
    txns.applied(appliedEntries, now().orElse(null));
  }

  /** Compacts the log once enough applied entries lie above the last snapshot point. */
  private void maybeCompact() {
    if (installing || replica == null) {
      return;
    }
    long through = compaction.throughIndex(storage.snapshot().index(), applied.index());
    if (through <= 0) {
      return;
    }
    long startNanos = System.nanoTime();
    long before = storage.snapshot().index();
    storage.compact(through);
    replica.compactLog(through);
    snapshotIndex = through;
    snapshots.counters().compactions.incrementAndGet();
    log.info("group {}: compacted the log through {} ({} entries dropped, {} kept above it) in {} ms", groupId, through,
        through - before, applied.index() - through, (System.nanoTime() - startNanos) / 1_000_000);
  }

  /** The replica is behind the leader's compacted log: fetch a snapshot, off this executor. */
  private void fetchSnapshot(Ready.SnapshotRequest request) {
    if (installing) {
      return; // one at a time; if this one fails, the replica asks again
    }
    beginInstalling();
    List<String> sources = new ArrayList<>();
    sources.add(request.leader());
    applied.membership().replicas().stream()
        .filter(r -> !r.equals(config.self()) && !r.equals(request.leader()))
        .forEach(sources::add);
    long floor = Math.max(request.index(), applied.index() + 1);
    log.info("group {}: behind the leader's compacted log (applied {}); fetching a snapshot at >= {} from {}", groupId,
        applied.index(), floor, request.leader());
    snapshots.install(new SnapshotTransfers.Job(storage, spans(), sources, floor, false, o -> submitAlways(() -> installed(o))));
  }

  /** A restart found the install marker: the state machine is incomplete, the replica stays down. */
  private void resumeInstall(SnapshotPoint marker) {
    List<String> sources = marker.membership().replicas().stream().filter(r -> !r.equals(config.self())).toList();
    if (sources.isEmpty()) {
      stopped = true;
      log.error("group {}: a snapshot install at {} did not finish and no other replica can supply one; the group stays down",
          groupId, marker.index());
      return;
    }
    beginInstalling();
    log.warn("group {}: a snapshot install at {} did not finish before the restart; the group stays down until it installs a"
        + " complete snapshot from one of {}", groupId, marker.index(), sources);
    snapshots.install(
        new SnapshotTransfers.Job(storage, spans(), sources, marker.index(), true, o -> submitAlways(() -> installed(o))));
  }

  private void beginInstalling() {
    installing = true;
  }

  private void endInstalling() {
    installing = false;
  }

  /** An install ended (on this executor). */
  private void installed(SnapshotTransfers.Outcome outcome) {
    switch (outcome) {
      case SnapshotTransfers.Outcome.Written written -> {
        flush(); // persist what earlier tasks of this turn produced before the log changes under it
        SnapshotPoint point = written.snapshot().point();
        storage.finishInstall(point);
        snapshotIndex = point.index();
        storage.loadRange().ifPresent(r -> range = r); // the snapshot brought the range and the splits
        storage.keepRange(range);
        storage.loadChildren().forEach(onChild);
        endInstalling();
        snapshots.counters().installed.incrementAndGet();
        snapshots.counters().installedBytes.addAndGet(written.snapshot().bytes());
        log.info("group {}: installed snapshot at {} from {}: {} entries, {} bytes in {} ms", groupId, point.index(),
            written.source(), written.snapshot().entries(), written.snapshot().bytes(), written.millis());
        if (replica == null) {
          return; // a restart's install: the next tick starts the replica from it
        }
        applied = point;
        txns.replaceState(storage.loadTxnState()); // the snapshot brought the group's transaction state
        replica.snapshotInstalled(point.index(), point.ballot(), point.timestampMicros(), point.membership());
        pending.entrySet().removeIf(e -> {
          if (e.getKey() > point.index()) {
            return false;
          }
          e.getValue().result().completeExceptionally(new TimeoutException(
              "outcome unknown: slot " + e.getKey() + " was covered by a snapshot installed here"));
          return true;
        });
        releaseHeldBack();
      }
      case SnapshotTransfers.Outcome.Failed failed when !failed.incomplete() -> {
        snapshots.counters().failedInstalls.incrementAndGet();
        endInstalling();
        releaseHeldBack();
      }
      case SnapshotTransfers.Outcome.Failed failed -> {
        snapshots.counters().failedInstalls.incrementAndGet();
        stopped = true;
        replica = null;
        pending.values().forEach(p -> p.result().completeExceptionally(notStarted()));
        pending.clear();
        if (txns != null) {
          txns.replaceState(new meridian.txn.GroupTxnState()); // fails its waiters; nothing is served from here
        }
        log.error("group {}: stopped: its state machine is incomplete and no snapshot could be installed ({}); restart the node"
            + " to try again", groupId, failed.reason());
      }
    }
  }

  private void releaseHeldBack() {
    List<LogEntry> held = heldBack;
    heldBack = new ArrayList<>();
    apply(held);
  }

  private ReplicationException notLeader(String hint) {
    return new ReplicationException(ReplicationException.Kind.NOT_LEADER, "group " + groupId + ": not the leader", hint);
  }

  private ReplicationException busy(String reason) {
    return new ReplicationException(ReplicationException.Kind.BUSY, "group " + groupId + ": " + reason, "");
  }
}

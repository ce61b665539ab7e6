package meridian.server.replication;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host of one Paxos group on this node: the only owner of its {@link Replica}. Every input is a
 * task on the group's {@link SerialExecutor}; after each turn the replica's {@link Ready} is
 * carried out in its contract's order: persist (one synced batch; concurrent groups share fsyncs
 * through RocksDB's group commit), then send, then apply and complete the waiting callers.
 */
final class GroupRuntime {
  private static final Logger log = LoggerFactory.getLogger(GroupRuntime.class);
  static final int MAILBOX_MAX = 20_000;
  static final int PENDING_PROPOSALS_MAX = 10_000;
  static final int WAITING_READS_MAX = 10_000;

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
  private final KvStateMachine stateMachine;
  private final PaxosTransport transport;
  private final TrueTime trueTime;
  private final StorageEngine engine;
  private final SerialExecutor executor;

  // Owned by the executor's tasks (one at a time), never touched elsewhere.
  private final Map<Long, Pending> pending = new HashMap<>();
  private final List<WaitingRead> waitingReads = new ArrayList<>();
  // Invariant: the highest index whose entry this node's state machine has applied.
  private long appliedIndex;

  private record Pending(byte[] payload, CompletableFuture<KvStateMachine.Outcome> result) {}

  private record WaitingRead(ReadPermit.Granted permit, CompletableFuture<ReadPermit.Granted> result) {}

  GroupRuntime(
      ReplicaConfig config,
      StorageEngine engine,
      TrueTime trueTime,
      PaxosTransport transport,
      Executor pool,
      RandomGenerator random) {
    this.groupId = config.groupId();
    this.engine = engine;
    this.trueTime = trueTime;
    this.transport = transport;
    this.storage = new GroupStorage(engine, groupId);
    this.stateMachine = new KvStateMachine(engine);
    this.config = config;
    this.random = random;
    this.executor = new SerialExecutor("group " + groupId, pool, MAILBOX_MAX, this::flush);
  }

  long groupId() {
    return groupId;
  }

  void tick() {
    submit(() -> {
      switch (trueTime.tryNow()) {
        case NowResult.Granted granted -> {
          if (replica == null) {
            start(granted.interval());
          }
          replica.tick(granted.interval());
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
    PersistedState restored = storage.load(config.initialMembership());
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
    appliedIndex = restored.appliedIndex();
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

  private static ReplicationException notStarted() {
    return new ReplicationException(ReplicationException.Kind.BUSY, "replica not started yet (waiting for TrueTime)", "");
  }

  void deliver(Message message) {
    submit(() -> {
      if (replica != null) {
        now().ifPresent(now -> replica.step(message, now));
      }
    });
  }

  /** Proposes a write; completes once it is applied here (the caller then commit-waits). */
  CompletableFuture<KvStateMachine.Outcome> propose(byte[] payload) {
    CompletableFuture<KvStateMachine.Outcome> result = new CompletableFuture<>();
    submitOrFail(result, () -> {
      var now = now();
      if (replica == null) {
        result.completeExceptionally(notStarted());
        return;
      }
      if (now.isEmpty()) {
        result.completeExceptionally(fenced());
        return;
      }
      if (pending.size() >= PENDING_PROPOSALS_MAX) {
        result.completeExceptionally(busy(PENDING_PROPOSALS_MAX + " proposals already pending"));
        return;
      }
      switch (replica.propose(payload, now.get())) {
        case ProposeResult.Proposed proposed -> pending.put(proposed.index(), new Pending(payload, result));
        case ProposeResult.NotLeader notLeader -> result.completeExceptionally(notLeader(notLeader.leaderHint()));
        case ProposeResult.Busy b -> result.completeExceptionally(busy(b.reason()));
      }
    });
    return result;
  }

  /** A lease read: completes with the permit once everything up to its index is applied here. */
  CompletableFuture<ReadPermit.Granted> read() {
    CompletableFuture<ReadPermit.Granted> result = new CompletableFuture<>();
    submitOrFail(result, () -> {
      var now = now();
      if (replica == null) {
        result.completeExceptionally(notStarted());
        return;
      }
      if (now.isEmpty()) {
        result.completeExceptionally(fenced());
        return;
      }
      switch (replica.leaderRead(now.get())) {
        case ReadPermit.Granted granted -> {
          if (appliedIndex >= granted.readIndex()) {
            result.complete(granted);
          } else if (waitingReads.size() >= WAITING_READS_MAX) {
            // The entries the reads wait for may never commit (leadership lost): callers time out,
            // and their reads are dropped here when the list is full.
            waitingReads.removeIf(read -> read.result().isDone());
            if (waitingReads.size() >= WAITING_READS_MAX) {
              result.completeExceptionally(busy(WAITING_READS_MAX + " reads already waiting"));
            } else {
              waitingReads.add(new WaitingRead(granted, result));
            }
          } else {
            waitingReads.add(new WaitingRead(granted, result));
          }
        }
        case ReadPermit.NotLeader notLeader -> result.completeExceptionally(notLeader(notLeader.leaderHint()));
        case ReadPermit.NoLease noLease -> result.completeExceptionally(busy(noLease.reason()));
      }
    });
    return result;
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
    ready.snapshotToInstall()
        .ifPresent(s -> log.error("group {}: snapshot install from {} at {} is not supported yet", groupId, s.leader(), s.index()));
  }

  private void apply(List<LogEntry> committed) {
    List<LogEntry> fresh = committed.stream().filter(e -> e.index() > appliedIndex).toList();
    if (fresh.isEmpty()) {
      return;
    }
    Map<Long, KvStateMachine.Outcome> outcomes = stateMachine.apply(fresh, storage);
    appliedIndex = fresh.getLast().index();
    for (LogEntry entry : fresh) {
      Pending waiting = pending.remove(entry.index());
      if (waiting == null) {
        continue;
      }
      boolean ours = entry.command() instanceof Command.Write write && Arrays.equals(write.payload(), waiting.payload());
      if (ours) {
        waiting.result().complete(outcomes.get(entry.index()));
      } else {
        waiting.result().completeExceptionally(
            new ReplicationException(ReplicationException.Kind.NOT_CHOSEN, "another value was chosen for slot " + entry.index(), ""));
      }
    }
    waitingReads.removeIf(
        read -> {
          if (appliedIndex >= read.permit().readIndex()) {
            read.result().complete(read.permit());
            return true;
          }
          return false;
        });
  }

  private ReplicationException notLeader(String hint) {
    return new ReplicationException(ReplicationException.Kind.NOT_LEADER, "group " + groupId + ": not the leader", hint);
  }

  private ReplicationException busy(String reason) {
    return new ReplicationException(ReplicationException.Kind.BUSY, "group " + groupId + ": " + reason, "");
  }
}

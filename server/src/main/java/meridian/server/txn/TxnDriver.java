package meridian.server.txn;

import meridian.server.node.Futures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import meridian.server.replication.CommitOutcomeUnknownException;
import meridian.server.placement.RangeCache;
import meridian.server.replication.RangeMap;
import meridian.server.replication.TxnAbortedException;
import meridian.server.replication.TxnHost;
import meridian.storage.Version;
import meridian.txn.AbortReason;
import meridian.txn.Key;
import meridian.txn.PriorGrants;
import meridian.txn.TxnId;
import meridian.txn.Write;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one read-write transaction on behalf of a client, from the node the client talks to:
 * locking reads at each group's leader, writes buffered here (later reads see them), and the
 * commit: one Commit record for a single group, else two-phase commit with a coordinator chosen
 * among the participants.
 *
 * <p>Failure rules. A read that fails ends the transaction (its grants at that group are no longer
 * known). A commit whose answer is lost is never guessed: the coordinator group is asked for its
 * decision, which decides abort if there is none yet; if even that cannot be learned the client
 * gets {@link CommitOutcomeUnknownException}. One operation at a time: the client serializes.
 */
public final class TxnDriver {
  private static final Logger log = LoggerFactory.getLogger(TxnDriver.class);
  static final int WRITES_MAX = 100_000;
  static final int RANGE_ROWS_MAX = 10_000;

  private enum State {
    ACTIVE,
    COMMITTING,
    DONE
  }

  /** A committed transaction: its timestamp and what it cost. */
  public record Commit(long commitMicros, long epsilonMicros, long commitWaitMicros, int participantGroups) {}

  /** Rows of a range read, and where to go on. */
  public record RangeRows(List<Version> rows, boolean more, byte[] resumeKey) {}

  private final TxnId id;
  private final Participants participants;
  private final RangeCache ranges;
  // Lock requests granted per group, as the driver saw them (sent with each later request).
  private final Map<Long, PriorGrants> grants = new TreeMap<>();
  private final TreeMap<Key, Write> writes = new TreeMap<>();
  // Writes that go to a named group whatever their key (a split's write).
  private final Map<Long, List<Write>> pinned = new TreeMap<>();
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile State state = State.ACTIVE;
  private volatile long lastUsedNanos = System.nanoTime();

  TxnDriver(TxnId id, Participants participants, RangeCache ranges) {
    this.id = id;
    this.participants = participants;
    this.ranges = ranges;
  }

  public TxnId id() {
    return id;
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  boolean isActive() {
    return state == State.ACTIVE;
  }

  /** Groups where this transaction holds locks (for heartbeats). */
  synchronized List<Long> lockedGroups() {
    return List.copyOf(grants.keySet());
  }

  /** Reads {@code keys}: buffered writes first, the rest under shared locks at the leaders. */
  public CompletableFuture<List<Version>> read(List<byte[]> keys) {
    return operation(() -> {
      RangeMap map = ranges.map();
      Map<Long, List<byte[]>> byGroup = new LinkedHashMap<>();
      List<Version> rows = new ArrayList<>();
      for (byte[] key : keys) {
        Write own = writes.get(Key.of(key));
        if (own != null) {
          if (!own.isDelete()) {
            rows.add(new Version(key, own.value(), 0));
          }
        } else {
          byGroup.computeIfAbsent(map.groupOf(key), g -> new ArrayList<>()).add(key);
        }
      }
      List<CompletableFuture<TxnHost.Rows>> reads = new ArrayList<>();
      byGroup.forEach((g, groupKeys) -> reads.add(lockAndRead(g, new TxnHost.Query(groupKeys, null, null, groupKeys.size()))));
      return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
        reads.forEach(r -> rows.addAll(r.join().rows()));
        return rows;
      });
    });
  }

  /** Reads up to {@code limit} rows of [start, end) (end null: unbounded), merged with buffered writes. */
  public CompletableFuture<RangeRows> readRange(byte[] start, byte[] end, int limit) {
    int cap = Math.max(1, Math.min(limit, RANGE_ROWS_MAX));
    return operation(() -> {
      RangeMap map = ranges.map();
      return readRangeFrom(map, map.groupsOverlapping(start, end), 0, start, end, cap, new ArrayList<>());
    });
  }

  private CompletableFuture<RangeRows> readRangeFrom(
      RangeMap map, List<Long> groups, int i, byte[] start, byte[] end, int limit, List<Version> acc) {
    long g = groups.get(i);
    byte[] from = map.startWithin(g, start);
    byte[] to = map.endWithin(g, end);
    return lockAndRead(g, new TxnHost.Query(List.of(), from, to, limit - acc.size())).thenCompose(part -> {
      byte[] partEnd = part.more() ? part.resumeKey() : to;
      List<Version> merged = mergeBuffered(part.rows(), from, partEnd);
      for (Version row : merged) {
        if (acc.size() == limit) {
          return CompletableFuture.completedFuture(new RangeRows(acc, true, row.key()));
        }
        acc.add(row);
      }
      if (part.more()) {
        return CompletableFuture.completedFuture(new RangeRows(acc, true, part.resumeKey()));
      }
      if (i + 1 == groups.size()) {
        return CompletableFuture.completedFuture(new RangeRows(acc, false, null));
      }
      if (acc.size() == limit) {
        return CompletableFuture.completedFuture(new RangeRows(acc, true, map.startKey(groups.get(i + 1))));
      }
      return readRangeFrom(map, groups, i + 1, start, end, limit, acc);
    });
  }

  /** Storage rows of [from, to) with this transaction's buffered writes laid over them. */
  private List<Version> mergeBuffered(List<Version> stored, byte[] from, byte[] to) {
    TreeMap<Key, Version> merged = new TreeMap<>();
    stored.forEach(v -> merged.put(Key.of(v.key()), v));
    var buffered = to == null ? writes.tailMap(Key.of(from), true) : writes.subMap(Key.of(from), Key.of(to));
    buffered.forEach((key, w) -> {
      if (w.isDelete()) {
        merged.remove(key);
      } else {
        merged.put(key, new Version(key.toByteArray(), w.value(), 0));
      }
    });
    return List.copyOf(merged.values());
  }

  /** Buffers writes; later reads of this transaction see them. */
  public synchronized void buffer(List<Write> more) {
    if (state != State.ACTIVE) {
      throw new IllegalStateException("transaction " + id + " is no longer active");
    }
    for (Write w : more) {
      if (!writes.containsKey(w.key()) && writes.size() >= WRITES_MAX) {
        throw new IllegalArgumentException("a transaction may write at most " + WRITES_MAX + " keys");
      }
      writes.put(w.key(), w);
    }
    lastUsedNanos = System.nanoTime();
  }

  /** Buffers {@code write} for group {@code group}, whatever its key: a split's write. */
  public synchronized void pin(long group, Write write) {
    if (state != State.ACTIVE) {
      throw new IllegalStateException("transaction " + id + " is no longer active");
    }
    pinned.computeIfAbsent(group, g -> new ArrayList<>()).add(write);
  }

  /**
   * Locks [at, end of the range) at {@code group} exclusively for a split, granted only when that
   * part holds no data (see {@code meridian.server.placement}).
   */
  public CompletableFuture<Void> lockForSplit(long group, byte[] at) {
    return operation(() -> lockAt(group, prior -> participants.lockForSplit(group, id, prior, at), leadership -> leadership)
        .thenApply(leadership -> null));
  }


  /** Commits (see the class docs for what failures mean). */
  public CompletableFuture<Commit> commit() {
    return operation(this::runCommit);
  }

  private CompletableFuture<Commit> runCommit() {
    state = State.COMMITTING;
    RangeMap map = ranges.map();
    Map<Long, List<Write>> writesByGroup = new TreeMap<>();
    writes.values().forEach(w -> writesByGroup.computeIfAbsent(map.groupOf(w.key().toByteArray()), g -> new ArrayList<>()).add(w));
    pinned.forEach((g, ws) -> writesByGroup.computeIfAbsent(g, x -> new ArrayList<>()).addAll(ws));
    TreeSet<Long> groups = new TreeSet<>(grants.keySet());
    groups.addAll(writesByGroup.keySet());
    if (groups.isEmpty()) {
      state = State.DONE;
      return CompletableFuture.completedFuture(new Commit(0, 0, 0, 0));
    }
    long coordinator = writesByGroup.isEmpty() ? groups.first() : writesByGroup.keySet().iterator().next();
    List<Long> others = groups.stream().filter(g -> g != coordinator).toList();
    CompletableFuture<Void> locked = others.isEmpty() ? CompletableFuture.completedFuture(null) : lockWrites(writesByGroup);
    CompletableFuture<Commit> result =
        locked.thenCompose(v -> prepareAll(others, writesByGroup, coordinator)).handle((Long maxPrepare, Throwable error) -> {
          if (error != null) {
            return this.<Commit>abortAll(groups, Futures.unwrap(error));
          }
          return commitAt(coordinator, writesByGroup, others, maxPrepare).thenCompose(c -> finish(c, groups, coordinator, others));
        }).thenCompose(f -> f);
    return result.whenComplete((c, e) -> state = State.DONE);
  }

  /** Asks the coordinator to commit; a failure is resolved by asking for its decision. */
  private CompletableFuture<Participants.Committed> commitAt(long coordinator, Map<Long, List<Write>> writesByGroup, List<Long> others, long maxPrepare) {
    CompletableFuture<Participants.Committed> asked = participants.commit(
        coordinator, id, grants.getOrDefault(coordinator, PriorGrants.NONE), writesByGroup.getOrDefault(coordinator, List.of()), others, maxPrepare, false);
    return asked.handle((Participants.Committed c, Throwable error) -> error == null
            ? CompletableFuture.completedFuture(c)
            : resolve(coordinator, Futures.unwrap(error)))
        .thenCompose(f -> f);
  }

  /**
   * Takes the exclusive locks of the writes at every group before any group prepares, so that a
   * prepared transaction never waits for a lock (two prepared transactions could wait for each
   * other forever otherwise).
   */
  private CompletableFuture<Void> lockWrites(Map<Long, List<Write>> writesByGroup) {
    List<CompletableFuture<Void>> locks = new ArrayList<>();
    writesByGroup.forEach((g, groupWrites) -> {
      PriorGrants prior;
      synchronized (this) {
        prior = grants.getOrDefault(g, PriorGrants.NONE);
      }
      List<byte[]> keys = groupWrites.stream().map(w -> w.key().toByteArray()).toList();
      locks.add(participants.lockForWrite(g, id, prior, keys).thenAccept(leadership -> granted(g, leadership)));
    });
    return CompletableFuture.allOf(locks.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Long> prepareAll(List<Long> others, Map<Long, List<Write>> writesByGroup, long coordinator) {
    List<CompletableFuture<Long>> prepares = new ArrayList<>();
    for (long p : others) {
      prepares.add(participants.prepare(p, id, grants.getOrDefault(p, PriorGrants.NONE), writesByGroup.getOrDefault(p, List.of()), coordinator));
    }
    return CompletableFuture.allOf(prepares.toArray(CompletableFuture[]::new))
        .thenApply(v -> prepares.stream().mapToLong(CompletableFuture::join).max().orElse(0));
  }

  /** The commit's answer was lost or refused: learn the decision (deciding abort if none). */
  private CompletableFuture<Participants.Committed> resolve(long coordinator, Throwable commitError) {
    return participants.decide(coordinator, id).handle((d, error) -> {
      if (error != null) {
        throw new CommitOutcomeUnknownException(
            "the commit of " + id + " failed (" + commitError.getMessage() + ") and group " + coordinator
                + " could not say how it decided (" + Futures.unwrap(error).getMessage() + ")",
            commitError);
      }
      return d;
    });
  }

  private CompletableFuture<Commit> finish(Participants.Committed c, TreeSet<Long> groups, long coordinator, List<Long> others) {
    if (!c.committed()) {
      return abortAll(groups, new TxnAbortedException(id, AbortReason.DECIDED_ABORT, "the coordinator decided to abort"));
    }
    List<CompletableFuture<Void>> delivered = new ArrayList<>();
    for (long p : others) {
      delivered.add(participants.outcome(p, id, true, c.commitMicros()));
    }
    // Once every participant applied the outcome, none will ask the coordinator again: it may
    // forget its decision. If one is not delivered, the participant asks, and the decision stays.
    if (others.isEmpty()) {
      // A single group's decision expires by itself; nobody else will ask about it.
      return CompletableFuture.completedFuture(new Commit(c.commitMicros(), c.epsilonMicros(), c.commitWaitMicros(), groups.size()));
    }
    CompletableFuture.allOf(delivered.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
      if (e != null) {
        log.debug("outcome of {} not delivered everywhere (the participants will ask): {}", id, e.getMessage());
      } else {
        participants.forget(coordinator, id).exceptionally(f -> null);
      }
    });
    return CompletableFuture.completedFuture(new Commit(c.commitMicros(), c.epsilonMicros(), c.commitWaitMicros(), groups.size()));
  }

  /**
   * The transaction will not commit (no commit was sent, or the coordinator decided abort): tell
   * every participant, then fail with {@code cause} as an abort.
   */
  private <T> CompletableFuture<T> abortAll(TreeSet<Long> groups, Throwable cause) {
    for (long g : groups) {
      participants.outcome(g, id, false, 0).exceptionally(e -> null);
      participants.rollback(g, id).exceptionally(e -> null);
    }
    return CompletableFuture.failedFuture(asAbort(cause));
  }

  /** Rolls back: releases every lock this transaction holds (best effort; leaders also time out). */
  public void rollback() {
    if (state != State.ACTIVE) {
      return;
    }
    state = State.DONE;
    for (long g : lockedGroups()) {
      participants.rollback(g, id).exceptionally(e -> null);
    }
  }

  private CompletableFuture<TxnHost.Rows> lockAndRead(long group, TxnHost.Query query) {
    return lockAt(group, prior -> participants.lockAndRead(group, id, prior, query), TxnHost.Rows::leadershipId);
  }

  /**
   * Sends a lock request to {@code group} with this transaction's grants there and counts the
   * grant. A failure ends the transaction: a malformed request as it is (retrying cannot help),
   * anything else as an abort.
   */
  private <T> CompletableFuture<T> lockAt(
      long group, java.util.function.Function<PriorGrants, CompletableFuture<T>> request, java.util.function.ToLongFunction<T> leadershipOf) {
    PriorGrants prior;
    synchronized (this) {
      prior = grants.getOrDefault(group, PriorGrants.NONE);
    }
    return request.apply(prior).handle((value, error) -> {
      if (error != null) {
        Throwable cause = Futures.unwrap(error);
        rollback();
        if (cause instanceof IllegalArgumentException bad) {
          throw bad; // the split's part holds data, a reserved key, a malformed request
        }
        throw asAbort(cause);
      }
      granted(group, leadershipOf.applyAsLong(value));
      if (state == State.DONE) {
        // Rolled back meanwhile (a read of another group failed): free this group's locks too,
        // rather than leave them to the leader's idle timeout.
        participants.rollback(group, id).exceptionally(e -> null);
      }
      return value;
    });
  }


  /**
   * Counts a grant at {@code group} by {@code leadership}. Grants of two leaderships mean the
   * first leader's locks are gone (a leader change): the transaction cannot go on.
   */
  private synchronized void granted(long group, long leadership) {
    PriorGrants prior = grants.getOrDefault(group, PriorGrants.NONE);
    if (prior.count() > 0 && prior.leadershipId() != leadership) {
      throw new TxnAbortedException(id, AbortReason.LOCKS_LOST, "group " + group + " changed leader while the transaction held locks there");
    }
    grants.put(group, prior.plusOne(leadership));
  }

  private TxnAbortedException asAbort(Throwable cause) {
    if (cause instanceof TxnAbortedException aborted) {
      return aborted;
    }
    if (cause instanceof CommitOutcomeUnknownException unknown) {
      throw unknown;
    }
    return new TxnAbortedException(id, AbortReason.LOCKS_LOST, cause.getMessage());
  }

  /** Runs one operation at a time; a second one while the first runs is a client error. */
  private <T> CompletableFuture<T> operation(java.util.function.Supplier<CompletableFuture<T>> op) {
    if (state != State.ACTIVE) {
      return CompletableFuture.failedFuture(new IllegalStateException("transaction " + id + " is no longer active"));
    }
    if (!busy.compareAndSet(false, true)) {
      return CompletableFuture.failedFuture(new IllegalStateException("transaction " + id + " already runs an operation"));
    }
    lastUsedNanos = System.nanoTime();
    CompletableFuture<T> result;
    try {
      result = op.get();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((v, e) -> {
      busy.set(false);
      lastUsedNanos = System.nanoTime();
    });
  }
}

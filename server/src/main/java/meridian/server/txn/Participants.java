package meridian.server.txn;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import meridian.proto.v1.CoordinatorCommitRequest;
import meridian.proto.v1.DecideRequest;
import meridian.proto.v1.DecisionResponse;
import meridian.proto.v1.HeartbeatRequest;
import meridian.proto.v1.HeartbeatResponse;
import meridian.proto.v1.LockReadRequest;
import meridian.proto.v1.LockReadResponse;
import meridian.proto.v1.OutcomeResponse;
import meridian.proto.v1.PrepareResponse;
import meridian.proto.v1.ReadResponse;
import meridian.proto.v1.SafeTimeResponse;
import meridian.proto.v1.OutcomeRequest;
import meridian.proto.v1.ParticipantRollbackRequest;
import meridian.proto.v1.PrepareRequest;
import meridian.proto.v1.SafeTimeRequest;
import meridian.proto.v1.SnapshotReadRequest;
import meridian.server.replication.TxnCodec;
import meridian.server.replication.TxnHost;
import meridian.txn.Decision;
import meridian.txn.PriorGrants;
import meridian.txn.TxnId;
import meridian.txn.Write;

/** The operations a transaction driver asks of groups, typed; each reaches the right node. */
public final class Participants {
  private final ParticipantClient client;

  public Participants(ParticipantClient client) {
    this.client = client;
  }

  /** The outcome of a coordinator's commit or decision, with what it cost. */
  public record Committed(boolean committed, long commitMicros, long epsilonMicros, long commitWaitMicros) {}

  public CompletableFuture<TxnHost.Rows> lockAndRead(long group, TxnId txn, PriorGrants priorGrants, TxnHost.Query query) {
    LockReadRequest.Builder request =
        LockReadRequest.newBuilder().setGroup(group).setTxn(TxnCodec.encode(txn)).setPriorGrants(priorGrants.count())
            .setPriorLeadership(priorGrants.leadershipId()).setLimit(query.limit());
    if (query.isRange()) {
      request.setRange(Rows.range(query));
    } else {
      request.addAllKeys(Rows.keys(query));
    }
    return client.call(
        group,
        (host, now) -> host.lockAndRead(txn, priorGrants, query, now),
        (stub, observer) -> stub.lockAndRead(request.build(), observer),
        (LockReadResponse r) ->
            new TxnHost.Rows(Rows.decode(r.getRowsList()), r.getMore(), r.getMore() ? r.getResumeKey().toByteArray() : null, 0, r.getLeadership()));
  }

  /** Exclusive locks on {@code keys}; completes with the id of the leadership that granted them. */
  public CompletableFuture<Long> lockForWrite(long group, TxnId txn, PriorGrants priorGrants, List<byte[]> keys) {
    LockReadRequest request =
        exclusive(group, txn, priorGrants).addAllKeys(keys.stream().map(com.google.protobuf.ByteString::copyFrom).toList()).build();
    return exclusiveLock(group, request, (host, now) -> host.lockForWrite(txn, priorGrants, keys, now));
  }

  /** A split's exclusive lock on [at, end of the range) at {@code group} (see TxnHost#lockForSplit). */
  public CompletableFuture<Long> lockForSplit(long group, TxnId txn, PriorGrants priorGrants, byte[] at) {
    LockReadRequest request = exclusive(group, txn, priorGrants).setSplitAt(com.google.protobuf.ByteString.copyFrom(at)).build();
    return exclusiveLock(group, request, (host, now) -> host.lockForSplit(txn, priorGrants, at, now));
  }

  private static LockReadRequest.Builder exclusive(long group, TxnId txn, PriorGrants priorGrants) {
    return LockReadRequest.newBuilder()
        .setGroup(group)
        .setTxn(TxnCodec.encode(txn))
        .setPriorGrants(priorGrants.count())
        .setPriorLeadership(priorGrants.leadershipId())
        .setExclusive(true);
  }

  private CompletableFuture<Long> exclusiveLock(
      long group, LockReadRequest request, java.util.function.BiFunction<TxnHost, meridian.truetime.TTInterval, CompletableFuture<TxnHost.Rows>> local) {
    return client.call(
        group,
        (host, now) -> local.apply(host, now).thenApply(TxnHost.Rows::leadershipId),
        (stub, observer) -> stub.lockAndRead(request, observer),
        (LockReadResponse r) -> r.getLeadership());
  }

  public CompletableFuture<Long> prepare(long group, TxnId txn, PriorGrants priorGrants, List<Write> writes, long coordinatorGroup) {
    PrepareRequest request =
        PrepareRequest.newBuilder()
            .setGroup(group)
            .setTxn(TxnCodec.encode(txn))
            .setPriorGrants(priorGrants.count())
            .setPriorLeadership(priorGrants.leadershipId())
            .addAllMutations(TxnCodec.encodeWrites(writes))
            .setCoordinatorGroup(coordinatorGroup)
            .build();
    return client.call(
        group,
        (host, now) -> host.prepare(txn, priorGrants, writes, coordinatorGroup, now),
        (stub, observer) -> stub.prepare(request, observer),
        (PrepareResponse r) -> r.getPrepareTimestampMicros());
  }

  public CompletableFuture<Committed> commit(
      long group, TxnId txn, PriorGrants priorGrants, List<Write> writes, List<Long> participants, long maxPrepareMicros, boolean replyBeforeCommitWait) {
    CoordinatorCommitRequest request =
        CoordinatorCommitRequest.newBuilder()
            .setGroup(group)
            .setTxn(TxnCodec.encode(txn))
            .setPriorGrants(priorGrants.count())
            .setPriorLeadership(priorGrants.leadershipId())
            .addAllMutations(TxnCodec.encodeWrites(writes))
            .addAllParticipants(participants)
            .setMaxPrepareTimestampMicros(maxPrepareMicros)
            .setReplyBeforeCommitWait(replyBeforeCommitWait)
            .build();
    return client.call(
        group,
        (host, now) -> host.commit(txn, priorGrants, writes, participants, maxPrepareMicros, replyBeforeCommitWait, now)
            .thenApply(c -> new Committed(true, c.commitMicros(), c.epsilonMicros(), c.commitWaitMicros())),
        (stub, observer) -> stub.commit(request, observer),
        Participants::committed);
  }

  /** The coordinator's decision, deciding abort if it has none. */
  public CompletableFuture<Committed> decide(long group, TxnId txn) {
    DecideRequest request = DecideRequest.newBuilder().setGroup(group).setTxn(TxnCodec.encode(txn)).build();
    return client.call(
        group,
        (host, now) -> host.decide(txn, now).thenApply(d -> new Committed(d.committed(), d.commitMicros(), 0, 0)),
        (stub, observer) -> stub.decide(request, observer),
        Participants::committed);
  }

  /** For a participant's inquiry. */
  public CompletableFuture<Decision> inquire(long coordinatorGroup, TxnId txn) {
    return decide(coordinatorGroup, txn).thenApply(c -> new Decision(c.committed(), c.commitMicros()));
  }

  public CompletableFuture<Void> outcome(long group, TxnId txn, boolean committed, long commitMicros) {
    OutcomeRequest request =
        OutcomeRequest.newBuilder().setGroup(group).setTxn(TxnCodec.encode(txn)).setCommitted(committed).setCommitTimestampMicros(commitMicros).build();
    return client.call(
        group,
        (host, now) -> host.outcome(txn, committed, commitMicros, now),
        (stub, observer) -> stub.outcome(request, observer),
        (OutcomeResponse r) -> (Void) null);
  }

  public CompletableFuture<Void> forget(long group, TxnId txn) {
    DecideRequest request = DecideRequest.newBuilder().setGroup(group).setTxn(TxnCodec.encode(txn)).build();
    return client.call(
        group,
        (host, now) -> host.forget(txn, now),
        (stub, observer) -> stub.forget(request, observer),
        (OutcomeResponse r) -> (Void) null);
  }

  public CompletableFuture<Void> rollback(long group, TxnId txn) {
    ParticipantRollbackRequest request = ParticipantRollbackRequest.newBuilder().setGroup(group).setTxn(TxnCodec.encode(txn)).build();
    return client.call(
        group,
        (host, now) -> {
          host.rollback(txn, now);
          return CompletableFuture.<Void>completedFuture(null);
        },
        (stub, observer) -> stub.rollback(request, observer),
        (OutcomeResponse r) -> (Void) null);
  }

  public CompletableFuture<List<Boolean>> heartbeat(long group, List<TxnId> txns) {
    HeartbeatRequest request =
        HeartbeatRequest.newBuilder().setGroup(group).addAllTxns(txns.stream().map(TxnCodec::encode).toList()).build();
    return client.call(
        group,
        (host, now) -> CompletableFuture.completedFuture(host.heartbeat(txns, now)),
        (stub, observer) -> stub.heartbeat(request, observer),
        (HeartbeatResponse r) -> r.getLiveList());
  }

  /**
   * A lock-free read at {@code readMicros} (0: a strong read at a timestamp the leader picks), at
   * the leader, or at this node's replica first when {@code nearest} (a read in the past).
   */
  public CompletableFuture<TxnHost.Rows> snapshotRead(long group, long readMicros, TxnHost.Query query, long waitMicrosMax, boolean nearest) {
    SnapshotReadRequest.Builder request =
        SnapshotReadRequest.newBuilder().setGroup(group).setReadTimestampMicros(readMicros).setLimit(query.limit()).setWaitMicrosMax(waitMicrosMax)
            .setAtLeader(!nearest);
    if (query.isRange()) {
      request.setRange(Rows.range(query));
    } else {
      request.addAllKeys(Rows.keys(query));
    }
    ParticipantClient.Remote<ReadResponse> remote = (stub, observer) -> stub.snapshotRead(request.build(), observer);
    java.util.function.Function<ReadResponse, TxnHost.Rows> decode =
        r -> new TxnHost.Rows(Rows.decode(r.getRowsList()), r.getMore(), r.getMore() ? r.getResumeKey().toByteArray() : null, r.getReadTimestampMicros());
    if (nearest) {
      // A replica behind the timestamp answers at once (no waiting there): then the leader serves.
      return client.callNearest(group, (host, now) -> host.snapshotRead(readMicros, query, 0, false, now), remote, decode);
    }
    return client.call(
        group,
        (host, now) -> host.snapshotRead(readMicros, query, waitMicrosMax, true, now),
        remote,
        decode);
  }

  public CompletableFuture<Long> safeTime(long group) {
    SafeTimeRequest request = SafeTimeRequest.newBuilder().setGroup(group).build();
    return client.callNearest(
        group,
        (host, now) -> CompletableFuture.completedFuture(host.safeMicros(now)),
        (stub, observer) -> stub.safeTime(request, observer),
        (SafeTimeResponse r) -> r.getSafeTimeMicros());
  }

  private static Committed committed(DecisionResponse r) {
    return new Committed(r.getCommitted(), r.getCommitTimestampMicros(), r.getEpsilonMicros(), r.getCommitWaitMicros());
  }
}

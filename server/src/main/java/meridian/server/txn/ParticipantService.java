package meridian.server.txn;

import meridian.server.node.Futures;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import meridian.proto.v1.CoordinatorCommitRequest;
import meridian.proto.v1.DecideRequest;
import meridian.proto.v1.DecisionResponse;
import meridian.proto.v1.HeartbeatRequest;
import meridian.proto.v1.HeartbeatResponse;
import meridian.proto.v1.LockReadRequest;
import meridian.proto.v1.LockReadResponse;
import meridian.proto.v1.OutcomeRequest;
import meridian.proto.v1.OutcomeResponse;
import meridian.proto.v1.ParticipantRollbackRequest;
import meridian.proto.v1.ParticipantServiceGrpc;
import meridian.proto.v1.PrepareRequest;
import meridian.proto.v1.PrepareResponse;
import meridian.proto.v1.ReadResponse;
import meridian.proto.v1.SafeTimeRequest;
import meridian.proto.v1.SafeTimeResponse;
import meridian.proto.v1.SnapshotReadRequest;
import meridian.server.node.GrpcErrors;
import meridian.server.replication.Replication;
import meridian.server.replication.TxnCodec;
import meridian.server.replication.TxnHost;
import meridian.txn.PriorGrants;
import meridian.txn.TxnId;

/**
 * The internal transaction service: what a driving node asks of this node's replica of a group.
 * Runs only here (never forwards): a caller that reached the wrong node gets NOT_LEADER with a hint
 * in the trailers and goes there itself.
 */
public final class ParticipantService extends ParticipantServiceGrpc.ParticipantServiceImplBase {
  static final long ANSWER_TIMEOUT_MILLIS = 15_000;
  static final long SNAPSHOT_WAIT_MICROS_MAX = 10_000_000;

  private final Replication replication;

  public ParticipantService(Replication replication) {
    this.replication = replication;
  }

  @Override
  public void lockAndRead(LockReadRequest r, StreamObserver<LockReadResponse> response) {
    TxnId txn = TxnCodec.decode(r.getTxn());
    TxnHost.Query query = Rows.query(r.getKeysList(), r.hasRange(), r.getRange(), r.getLimit());
    if (r.getExclusive() && !r.getSplitAt().isEmpty()) {
      answer(response, replication.onTxns(r.getGroup(),
              (host, now) -> host.lockForSplit(txn, prior(r.getPriorLeadership(), r.getPriorGrants()), r.getSplitAt().toByteArray(), now))
          .thenApply(rows -> LockReadResponse.newBuilder().setLeadership(rows.leadershipId()).build()));
      return;
    }
    if (r.getExclusive()) {
      answer(response, replication.onTxns(r.getGroup(), (host, now) -> host.lockForWrite(txn, prior(r.getPriorLeadership(), r.getPriorGrants()), query.keys(), now))
          .thenApply(rows -> LockReadResponse.newBuilder().setLeadership(rows.leadershipId()).build()));
      return;
    }
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> host.lockAndRead(txn, prior(r.getPriorLeadership(), r.getPriorGrants()), query, now))
        .thenApply(rows -> {
          LockReadResponse.Builder b =
              LockReadResponse.newBuilder().addAllRows(Rows.encode(rows.rows())).setMore(rows.more()).setLeadership(rows.leadershipId());
          if (rows.more()) {
            b.setResumeKey(com.google.protobuf.ByteString.copyFrom(rows.resumeKey()));
          }
          return b.build();
        }));
  }

  @Override
  public void prepare(PrepareRequest r, StreamObserver<PrepareResponse> response) {
    TxnId txn = TxnCodec.decode(r.getTxn());
    var writes = TxnCodec.decodeWrites(r.getMutationsList());
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> host.prepare(txn, prior(r.getPriorLeadership(), r.getPriorGrants()), writes, r.getCoordinatorGroup(), now))
        .thenApply(ts -> PrepareResponse.newBuilder().setPrepareTimestampMicros(ts).build()));
  }

  @Override
  public void commit(CoordinatorCommitRequest r, StreamObserver<DecisionResponse> response) {
    TxnId txn = TxnCodec.decode(r.getTxn());
    var writes = TxnCodec.decodeWrites(r.getMutationsList());
    answer(response, replication.onTxns(r.getGroup(), (host, now) ->
            host.commit(txn, prior(r.getPriorLeadership(), r.getPriorGrants()), writes, r.getParticipantsList(), r.getMaxPrepareTimestampMicros(), r.getReplyBeforeCommitWait(), now))
        .thenApply(c -> DecisionResponse.newBuilder()
            .setCommitted(true)
            .setCommitTimestampMicros(c.commitMicros())
            .setEpsilonMicros(c.epsilonMicros())
            .setCommitWaitMicros(c.commitWaitMicros())
            .build()));
  }

  @Override
  public void decide(DecideRequest r, StreamObserver<DecisionResponse> response) {
    TxnId txn = TxnCodec.decode(r.getTxn());
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> host.decide(txn, now))
        .thenApply(d -> DecisionResponse.newBuilder().setCommitted(d.committed()).setCommitTimestampMicros(d.commitMicros()).build()));
  }

  @Override
  public void outcome(OutcomeRequest r, StreamObserver<OutcomeResponse> response) {
    TxnId txn = TxnCodec.decode(r.getTxn());
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> host.outcome(txn, r.getCommitted(), r.getCommitTimestampMicros(), now))
        .thenApply(v -> OutcomeResponse.getDefaultInstance()));
  }

  @Override
  public void forget(DecideRequest r, StreamObserver<OutcomeResponse> response) {
    TxnId txn = TxnCodec.decode(r.getTxn());
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> host.forget(txn, now)).thenApply(v -> OutcomeResponse.getDefaultInstance()));
  }

  @Override
  public void rollback(ParticipantRollbackRequest r, StreamObserver<OutcomeResponse> response) {
    TxnId txn = TxnCodec.decode(r.getTxn());
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> {
      host.rollback(txn, now);
      return CompletableFuture.completedFuture(OutcomeResponse.getDefaultInstance());
    }));
  }

  @Override
  public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatResponse> response) {
    List<TxnId> txns = r.getTxnsList().stream().map(TxnCodec::decode).toList();
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> CompletableFuture.completedFuture(host.heartbeat(txns, now)))
        .thenApply(live -> HeartbeatResponse.newBuilder().addAllLive(live).build()));
  }

  @Override
  public void snapshotRead(SnapshotReadRequest r, StreamObserver<ReadResponse> response) {
    TxnHost.Query query = Rows.query(r.getKeysList(), r.hasRange(), r.getRange(), r.getLimit());
    long wait = Math.min(Math.max(0, r.getWaitMicrosMax()), SNAPSHOT_WAIT_MICROS_MAX);
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> host.snapshotRead(r.getReadTimestampMicros(), query, wait, r.getAtLeader(), now))
        .thenApply(ParticipantService::encode));
  }

  static ReadResponse encode(TxnHost.Rows rows) {
    ReadResponse.Builder b = ReadResponse.newBuilder().addAllRows(Rows.encode(rows.rows())).setMore(rows.more()).setReadTimestampMicros(rows.readMicros());
    if (rows.more()) {
      b.setResumeKey(com.google.protobuf.ByteString.copyFrom(rows.resumeKey()));
    }
    return b.build();
  }

  @Override
  public void safeTime(SafeTimeRequest r, StreamObserver<SafeTimeResponse> response) {
    answer(response, replication.onTxns(r.getGroup(), (host, now) -> CompletableFuture.completedFuture(host.safeMicros(now)))
        .thenApply(ts -> SafeTimeResponse.newBuilder().setSafeTimeMicros(ts).build()));
  }

  static PriorGrants prior(long leadership, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("negative prior grants " + count);
    }
    return count == 0 ? PriorGrants.NONE : new PriorGrants(leadership, count);
  }

  static <T> void answer(StreamObserver<T> response, CompletableFuture<T> work) {
    work.orTimeout(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
      if (error != null) {
        response.onError(GrpcErrors.toStatus(Futures.unwrap(error)));
      } else {
        response.onNext(reply);
        response.onCompleted();
      }
    });
  }
}

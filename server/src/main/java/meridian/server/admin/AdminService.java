package meridian.server.admin;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import com.google.protobuf.ByteString;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import meridian.paxos.ReplicaStatus;
import meridian.proto.v1.AdminServiceGrpc;
import meridian.proto.v1.GroupStatus;
import meridian.proto.v1.TransferLeaderRequest;
import meridian.proto.v1.TransferLeaderResponse;
import meridian.server.node.GrpcErrors;
import meridian.proto.v1.RangesRequest;
import meridian.proto.v1.RangesResponse;
import meridian.proto.v1.SplitRangeRequest;
import meridian.proto.v1.SplitRangeResponse;
import meridian.server.placement.RangeCache;
import meridian.server.placement.Splitter;
import meridian.server.replication.RangeMap;
import meridian.server.replication.Replication;
import meridian.proto.v1.MasterView;
import meridian.proto.v1.SkewClockRequest;
import meridian.proto.v1.SkewClockResponse;
import meridian.proto.v1.StatusRequest;
import meridian.proto.v1.StatusResponse;
import meridian.proto.v1.TrueTimeStatus;
import meridian.server.node.NodeConfig;
import meridian.truetime.OffsetRange;
import meridian.truetime.SkewableClock;
import meridian.truetime.TrueTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Node status for {@code meridian status}, and clock skew for fault injection. */
public final class AdminService extends AdminServiceGrpc.AdminServiceImplBase {
  private static final Logger log = LoggerFactory.getLogger(AdminService.class);
  /** Largest skew the fault-injection RPC accepts: a day, or 10% rate error. */
  static final long SKEW_OFFSET_MICROS_MAX = 86_400_000_000L;
  static final long SKEW_DRIFT_PPM_MAX = 100_000;
  static final long STATUS_WAIT_MILLIS = 2_000;

  private final NodeConfig config;
  private final TrueTime trueTime;
  private final SkewableClock clock;
  private final long startedNanos;
  private final Replication replication;
  private final RangeCache ranges;
  private final Splitter splitter;

  public AdminService(NodeConfig config, TrueTime trueTime, SkewableClock clock, Replication replication, RangeCache ranges,
      Splitter splitter, long startedNanos) {
    this.replication = replication;
    this.ranges = ranges;
    this.splitter = splitter;
    this.config = config;
    this.trueTime = trueTime;
    this.clock = clock;
    this.startedNanos = startedNanos;
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> response) {
    var tt = trueTime.status();
    TrueTimeStatus.Builder time =
        TrueTimeStatus.newBuilder()
            .setEpsilonMicros(tt.epsilonMicros().orElse(0))
            .setLastSyncMicros(tt.lastSyncWallMicros().orElse(0))
            .setFenced(tt.fenced())
            .setFenceReason(tt.fenceReason())
            .setDriftRatePpm(tt.driftRatePpm());
    tt.interval()
        .ifPresent(now -> time.setNowEarliestMicros(now.earliestMicros()).setNowLatestMicros(now.latestMicros()));
    for (var master : tt.masters()) {
      String address =
          config.peers().stream()
              .filter(p -> p.id().equals(master.masterId()))
              .map(p -> p.address().toString())
              .findFirst()
              .orElse(config.listen().toString());
      time.addMasters(
          MasterView.newBuilder()
              .setMasterId(master.masterId())
              .setAddress(address)
              .setState(master.self() ? "self" : master.state().name().toLowerCase(java.util.Locale.ROOT))
              .setOffsetMicros(master.offset().map(OffsetRange::centreMicros).orElse(0L))
              .setRoundTripMicros(master.rttMicros().orElse(0)));
    }
    StatusResponse.Builder reply = StatusResponse.newBuilder();
    // Ask every group at once; a group whose owner is busy past the bound is reported as such.
    var statuses = new java.util.LinkedHashMap<Long, java.util.concurrent.CompletableFuture<ReplicaStatus>>();
    for (long group : replication.hostedGroups()) {
      statuses.put(group, replication.status(group));
    }
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATUS_WAIT_MILLIS);
    for (var entry : statuses.entrySet()) {
      try {
        long leftNanos = Math.max(0, deadlineNanos - System.nanoTime());
        reply.addGroups(groupStatus(entry.getValue().get(leftNanos, TimeUnit.NANOSECONDS)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException e) {
        reply.addGroups(GroupStatus.newBuilder().setGroupId(entry.getKey()).setRole("busy"));
      }
    }
    response.onNext(
        reply
            .setNodeId(config.id())
            .setZone(config.zone())
            .setListenAddress(config.listen().toString())
            .setTimeMaster(config.timeMaster())
            .setUptimeMillis((System.nanoTime() - startedNanos) / 1_000_000)
            .setTruetime(time)
            .setVersion(Versions.meridian())
            .setPid((int) ProcessHandle.current().pid())
            .setMetricsPort(config.metricsPort())
            .build());
    response.onCompleted();
  }

  private GroupStatus groupStatus(ReplicaStatus s) {
    GroupStatus.Builder g =
        GroupStatus.newBuilder()
            .setGroupId(s.groupId())
            .setRole(s.role().name().toLowerCase(java.util.Locale.ROOT))
            .setLeader(s.leader())
            .setBallot(s.ballot().round() + "." + s.ballot().replica())
            .setLeaseEndMicros(s.leaseEndMicros())
            .setCommitIndex(s.commitIndex())
            .setAppliedIndex(s.appliedIndex())
            .setLastIndex(s.lastIndex())
            .setSnapshotIndex(replication.snapshotIndex(s.groupId()))
            .setSafeTimeMicros(s.safeTimeMicros())
            .addAllReplicas(s.membership().replicas())
            .putAllMatchIndex(s.matchIndex());
    replication.hostedRange(s.groupId()).ifPresent(range -> {
      g.setRangeStart(ByteString.copyFrom(range.start()));
      if (range.end() != null) {
        g.setRangeEnd(ByteString.copyFrom(range.end()));
      }
    });
    return g.build();
  }

  @Override
  public void splitRange(SplitRangeRequest request, StreamObserver<SplitRangeResponse> response) {
    if (request.getSplitKey().isEmpty()) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("a split key must not be empty").asRuntimeException());
      return;
    }
    splitter.split(request.getSplitKey().toByteArray()).whenComplete((reply, error) -> {
      if (error != null) {
        response.onError(GrpcErrors.toStatus(meridian.server.node.Futures.unwrap(error)));
      } else {
        response.onNext(reply);
        response.onCompleted();
      }
    });
  }

  @Override
  public void ranges(RangesRequest request, StreamObserver<RangesResponse> response) {
    var map = request.getRefresh() ? ranges.refresh() : java.util.concurrent.CompletableFuture.completedFuture(ranges.map());
    map.whenComplete((m, error) -> {
      if (error != null) {
        response.onError(GrpcErrors.toStatus(meridian.server.node.Futures.unwrap(error)));
        return;
      }
      response.onNext(RangesResponse.newBuilder().addAllRanges(m.ranges().stream().map(RangeMap.Range::toProto).toList()).build());
      response.onCompleted();
    });
  }

  @Override
  public void transferLeader(TransferLeaderRequest request, StreamObserver<TransferLeaderResponse> response) {
    try {
      replication.transferLeadership(request.getGroupId(), request.getTargetNode());
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus(e));
      return;
    }
    response.onNext(TransferLeaderResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void skewClock(SkewClockRequest request, StreamObserver<SkewClockResponse> response) {
    if (!config.allowFaultInjection()) {
      response.onError(
          Status.PERMISSION_DENIED
              .withDescription("clock skew is refused: node " + config.id() + " was not started with --allow-fault-injection")
              .asRuntimeException());
      return;
    }
    if (Math.abs(request.getOffsetMicros()) > SKEW_OFFSET_MICROS_MAX
        || Math.abs(request.getDriftPpm()) > SKEW_DRIFT_PPM_MAX) {
      response.onError(
          Status.INVALID_ARGUMENT
              .withDescription("skew beyond +-" + SKEW_OFFSET_MICROS_MAX + " us or +-" + SKEW_DRIFT_PPM_MAX + " ppm")
              .asRuntimeException());
      return;
    }
    clock.setSkew(request.getOffsetMicros(), request.getDriftPpm());
    log.warn(
        "fault injection: physical clock skewed to offset {} us, drift {} ppm",
        request.getOffsetMicros(),
        request.getDriftPpm());
    response.onNext(
        SkewClockResponse.newBuilder().setOffsetMicros(clock.offsetMicros()).setDriftPpm(clock.driftPpm()).build());
    response.onCompleted();
  }
}

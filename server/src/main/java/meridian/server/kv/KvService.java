package meridian.server.kv;

import meridian.server.node.Futures;
import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import meridian.proto.v1.CasRequest;
import meridian.proto.v1.CasResponse;
import meridian.proto.v1.DeleteRequest;
import meridian.proto.v1.DeleteResponse;
import meridian.proto.v1.GetRequest;
import meridian.proto.v1.GetResponse;
import meridian.proto.v1.KeyValue;
import meridian.proto.v1.KvServiceGrpc;
import meridian.proto.v1.PutRequest;
import meridian.proto.v1.PutResponse;
import meridian.proto.v1.ScanRequest;
import meridian.proto.v1.ScanResponse;
import meridian.server.node.GrpcErrors;
import meridian.server.node.NodeMetrics;
import meridian.server.replication.Keys;
import meridian.server.replication.RangeMap;
import meridian.server.replication.Replication;
import meridian.server.replication.ReplicationException;
import meridian.storage.Version;

/**
 * The key/value gRPC service: validates requests, runs them through {@link ReplicatedKv}, and
 * forwards them once to the group's leader (or to a replica, when this node hosts none) when that
 * is elsewhere. Never blocks a gRPC thread: everything is a future.
 */
public final class KvService extends KvServiceGrpc.KvServiceImplBase {
  static final int KEY_BYTES_MAX = 16 * 1024;
  static final int VALUE_BYTES_MAX = 8 * 1024 * 1024;
  static final int SCAN_LIMIT_DEFAULT = 1000;

  private final ReplicatedKv kv;
  private final Replication replication;
  private final meridian.server.placement.RangeCache ranges;
  private final Forwarding forwarding;
  private final String self;
  private final Timer putTimer;
  private final Timer getTimer;
  private final Timer deleteTimer;
  private final Timer scanTimer;
  private final Timer casTimer;

  public KvService(ReplicatedKv kv, Replication replication, meridian.server.placement.RangeCache ranges, Forwarding forwarding, String self,
      NodeMetrics metrics) {
    this.kv = kv;
    this.replication = replication;
    this.ranges = ranges;
    this.forwarding = forwarding;
    this.self = self;
    this.putTimer = metrics.kvRequest("put");
    this.getTimer = metrics.kvRequest("get");
    this.deleteTimer = metrics.kvRequest("delete");
    this.scanTimer = metrics.kvRequest("scan");
    this.casTimer = metrics.kvRequest("cas");
  }

  @Override
  public void put(PutRequest request, StreamObserver<PutResponse> response) {
    if (!validKey(request.getKey(), response) || !userKey(request.getKey(), response)) {
      return;
    }
    if (request.getValue().size() > VALUE_BYTES_MAX) {
      fail(response, new IllegalArgumentException("value of " + request.getValue().size() + " bytes exceeds " + VALUE_BYTES_MAX));
      return;
    }
    answer(
        response,
        putTimer,
        rerouting(request.getKey().toByteArray(), group -> routed(
            group,
            () -> kv.write(group, request.getKey().toByteArray(), java.util.Optional.of(request.getValue().toByteArray()), !request.getSkipCommitWait()).thenApply(w -> PutResponse.newBuilder().setCommitTimestampMicros(w.timestampMicros()).build()),
            node -> forwarding.call(node, request, KvServiceGrpc.KvServiceStub::put))));
  }

  @Override
  public void delete(DeleteRequest request, StreamObserver<DeleteResponse> response) {
    if (!validKey(request.getKey(), response) || !userKey(request.getKey(), response)) {
      return;
    }
    answer(
        response,
        deleteTimer,
        rerouting(request.getKey().toByteArray(), group -> routed(
            group,
            () -> kv.write(group, request.getKey().toByteArray(), java.util.Optional.empty(), true).thenApply(w -> DeleteResponse.newBuilder().setCommitTimestampMicros(w.timestampMicros()).build()),
            node -> forwarding.call(node, request, KvServiceGrpc.KvServiceStub::delete))));
  }

  @Override
  public void compareAndSet(CasRequest request, StreamObserver<CasResponse> response) {
    if (!validKey(request.getKey(), response) || !userKey(request.getKey(), response)) {
      return;
    }
    java.util.Optional<byte[]> expected =
        request.getExpectAbsent() ? java.util.Optional.empty() : java.util.Optional.of(request.getExpectedValue().toByteArray());
    java.util.Optional<byte[]> next = request.getDelete() ? java.util.Optional.empty() : java.util.Optional.of(request.getNewValue().toByteArray());
    answer(
        response,
        casTimer,
        rerouting(request.getKey().toByteArray(), group -> routed(
            group,
            () ->
                kv.compareAndSet(group, request.getKey().toByteArray(), expected, next)
                    .thenApply(
                        w -> {
                          CasResponse.Builder reply =
                              CasResponse.newBuilder().setSucceeded(w.succeeded()).setCommitTimestampMicros(w.timestampMicros());
                          w.current().ifPresent(v -> reply.setCurrentFound(true).setCurrentValue(ByteString.copyFrom(v)));
                          return reply.build();
                        }),
            node -> forwarding.call(node, request, KvServiceGrpc.KvServiceStub::compareAndSet))));
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> response) {
    if (!validKey(request.getKey(), response)) {
      return;
    }
    if (request.getReadTimestampMicros() < 0) {
      fail(response, new IllegalArgumentException("read timestamp must not be negative"));
      return;
    }
    answer(
        response,
        getTimer,
        rerouting(request.getKey().toByteArray(), group -> routed(
            group,
            () ->
                kv.get(group, request.getKey().toByteArray(), request.getReadTimestampMicros())
                    .thenApply(
                        read -> {
                          GetResponse.Builder reply = GetResponse.newBuilder().setReadTimestampMicros(read.timestampMicros());
                          read.version()
                              .ifPresent(v -> reply.setFound(true).setValue(ByteString.copyFrom(v.value())).setVersionTimestampMicros(v.timestampMicros()));
                          return reply.build();
                        }),
            node -> forwarding.call(node, request, KvServiceGrpc.KvServiceStub::get))));
  }

  @Override
  public void scan(ScanRequest request, StreamObserver<ScanResponse> response) {
    if (request.getLimit() < 0 || request.getReadTimestampMicros() < 0) {
      fail(response, new IllegalArgumentException("limit and read timestamp must not be negative"));
      return;
    }
    int limit = request.getLimit() == 0 ? SCAN_LIMIT_DEFAULT : Math.min(request.getLimit(), ReplicatedKv.SCAN_ROWS_MAX);
    byte[] start = request.getStartKey().toByteArray();
    byte[] end = request.getEndKey().isEmpty() ? null : request.getEndKey().toByteArray();
    answer(response, scanTimer, ranges.routed(
        map -> scanFrom(map, map.groupsOverlapping(start, end), 0, request, start, end, limit, ScanResponse.newBuilder())));
  }

  /** Scans the groups one after another, in key order, until the limit is reached. */
  private CompletableFuture<ScanResponse> scanFrom(
      RangeMap map,
      java.util.List<Long> groups, int i, ScanRequest request, byte[] start, byte[] end, int limit, ScanResponse.Builder acc) {
    if (i >= groups.size()) {
      return CompletableFuture.completedFuture(acc.build());
    }
    long group = groups.get(i);
    int remaining = limit - acc.getRowsCount();
    ScanRequest part =
        request.toBuilder()
            .setStartKey(ByteString.copyFrom(map.startWithin(group, start)))
            .setEndKey(endOf(map, group, end))
            .setLimit(remaining)
            .build();
    CompletableFuture<ScanResponse> partResult =
        routed(
            group,
            () ->
                kv.scanGroup(map, group, part.getStartKey().toByteArray(), end, remaining, request.getReadTimestampMicros())
                    .thenApply(
                        p -> {
                          ScanResponse.Builder reply =
                              ScanResponse.newBuilder().setReadTimestampMicros(p.timestampMicros()).setMore(p.result().more());
                          if (p.result().more() && p.result().resumeKey() != null) {
                            reply.setResumeKey(ByteString.copyFrom(p.result().resumeKey()));
                          }
                          for (Version v : p.result().rows()) {
                            if (Keys.isReserved(v.key())) {
                              continue; // the range map: not a user's row
                            }
                            reply.addRows(
                                KeyValue.newBuilder()
                                    .setKey(ByteString.copyFrom(v.key()))
                                    .setValue(ByteString.copyFrom(v.value()))
                                    .setVersionTimestampMicros(v.timestampMicros()));
                          }
                          return reply.build();
                        }),
            node -> forwarding.call(node, part, KvServiceGrpc.KvServiceStub::scan));
    return partResult.thenCompose(
        r -> {
          acc.addAllRows(r.getRowsList()).setReadTimestampMicros(Math.max(acc.getReadTimestampMicros(), r.getReadTimestampMicros()));
          if (r.getMore()) {
            return CompletableFuture.completedFuture(acc.setMore(true).setResumeKey(r.getResumeKey()).build());
          }
          if (acc.getRowsCount() >= limit) {
            boolean moreGroups = i + 1 < groups.size();
            return CompletableFuture.completedFuture(
                moreGroups
                    ? acc.setMore(true).setResumeKey(ByteString.copyFrom(map.startKey(groups.get(i + 1)))).build()
                    : acc.build());
          }
          return scanFrom(map, groups, i + 1, request, start, end, limit, acc);
        });
  }

  private ByteString endOf(RangeMap map, long group, byte[] end) {
    byte[] bound = map.endWithin(group, end);
    return bound == null ? ByteString.EMPTY : ByteString.copyFrom(bound);
  }

  /** Runs {@code op} on the group that holds {@code key}, rerouted after a split (see RangeCache#routed). */
  private <R> CompletableFuture<R> rerouting(byte[] key, java.util.function.LongFunction<CompletableFuture<R>> op) {
    return ranges.routed(map -> op.apply(map.groupOf(key)));
  }

  /**
   * Runs {@code local} when this node hosts the group; forwards (once) to the leader it names when
   * it is not the leader, or to a replica when it hosts none. A forward that finds the other node
   * unavailable (down, fenced, no longer leader), or a local NOT_LEADER that names no node to
   * forward to, is tried again from the start after a short backoff, until the operation's bound:
   * leadership may have moved meanwhile.
   */
  private <R> CompletableFuture<R> routed(
      long group, java.util.function.Supplier<CompletableFuture<R>> local, Function<String, CompletableFuture<R>> forward) {
    boolean forwarded = Forwarding.isForwarded();
    long deadlineNanos = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(ReplicatedKv.OPERATION_TIMEOUT_MILLIS);
    return routedUntil(group, local, forward, forwarded, deadlineNanos);
  }

  private <R> CompletableFuture<R> routedUntil(
      long group,
      java.util.function.Supplier<CompletableFuture<R>> local,
      Function<String, CompletableFuture<R>> forward,
      boolean forwarded,
      long deadlineNanos) {
    CompletableFuture<R> attempt;
    if (!replication.hosts(group)) {
      String replica = ranges.map().holds(group) ? ranges.map().range(group).replicas().getFirst() : self;
      if (forwarded || !forwarding.knows(replica)) {
        return CompletableFuture.failedFuture(
            new ReplicationException(ReplicationException.Kind.NO_REPLICA, "node " + self + " hosts no replica of group " + group, ""));
      }
      attempt = forward.apply(replica);
    } else {
      attempt =
          local
              .get()
              .handle(
                  (value, error) -> {
                    if (error == null) {
                      return CompletableFuture.completedFuture(value);
                    }
                    Throwable cause = Futures.unwrap(error);
                    if (cause instanceof ReplicationException re
                        && re.kind() == ReplicationException.Kind.NOT_LEADER
                        && !forwarded
                        && forwarding.knows(re.leaderHint())) {
                      return forward.apply(re.leaderHint());
                    }
                    return CompletableFuture.<R>failedFuture(cause);
                  })
              .thenCompose(Function.identity());
    }
    return attempt
        .handle(
            (value, error) -> {
              if (error == null) {
                return CompletableFuture.completedFuture(value);
              }
              Throwable cause = Futures.unwrap(error);
              boolean forwardUnavailable =
                  cause instanceof io.grpc.StatusRuntimeException sre
                      && sre.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE;
              // A NOT_LEADER that could not be forwarded (its hint names this node or no node we
              // know: leadership is changing hands) was never proposed here: wait and ask again.
              // A forwarded request leaves that to the node that forwarded it.
              boolean leaderChanging =
                  !forwarded && cause instanceof ReplicationException re && re.kind() == ReplicationException.Kind.NOT_LEADER;
              if (!(forwardUnavailable || leaderChanging) || System.nanoTime() > deadlineNanos) {
                return CompletableFuture.<R>failedFuture(cause);
              }
              return CompletableFuture.runAsync(
                      () -> {},
                      CompletableFuture.delayedExecutor(ReplicatedKv.RETRY_BACKOFF_MILLIS * 5, java.util.concurrent.TimeUnit.MILLISECONDS))
                  .thenCompose(v -> routedUntil(group, local, forward, forwarded, deadlineNanos));
            })
        .thenCompose(Function.identity());
  }

  /** False (and the call failed) when the key is unusable. */
  private static boolean validKey(ByteString key, StreamObserver<?> response) {
    if (key.isEmpty()) {
      fail(response, new IllegalArgumentException("empty key"));
      return false;
    }
    if (key.size() > KEY_BYTES_MAX) {
      fail(response, new IllegalArgumentException("key of " + key.size() + " bytes exceeds " + KEY_BYTES_MAX));
      return false;
    }
    return true;
  }

  /** Keys under {@link Keys#SYSTEM_PREFIX} (the range map) and SQL keys are Meridian's, not the key/value API's to write. */
  private static boolean userKey(ByteString key, StreamObserver<?> response) {
    if (Keys.isReserved(key.toByteArray())) {
      fail(response, new IllegalArgumentException("keys starting with " + Keys.show(Keys.SYSTEM_PREFIX) + " or 0x0001 are reserved for Meridian (its range map and SQL tables)"));
      return false;
    }
    return true;
  }

  private static void fail(StreamObserver<?> response, RuntimeException e) {
    response.onError(GrpcErrors.toStatus(e));
  }

  private static <T> void answer(StreamObserver<T> response, Timer timer, CompletableFuture<T> work) {
    Timer.Sample sample = Timer.start();
    work.orTimeout(ReplicatedKv.OPERATION_TIMEOUT_MILLIS + 2_000, java.util.concurrent.TimeUnit.MILLISECONDS)
        .whenComplete(
            (reply, error) -> {
              sample.stop(timer);
              if (error != null) {
                response.onError(GrpcErrors.toStatus(Futures.unwrap(error)));
              } else {
                response.onNext(reply);
                response.onCompleted();
              }
            });
  }
}

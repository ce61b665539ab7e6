package meridian.server.txn;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import meridian.proto.v1.ParticipantServiceGrpc;
import meridian.server.kv.Forwarding;
import meridian.server.node.Futures;
import meridian.server.node.GrpcErrors;
import meridian.server.replication.ReplicationException;
import meridian.server.placement.RangeCache;
import meridian.server.replication.RangeMap;
import meridian.server.replication.Replication;
import meridian.server.replication.TxnHost;
import meridian.truetime.TTInterval;

/**
 * Reaches a group's leader (or, for snapshot reads, a replica) for the transaction driver: runs the
 * call on this node when it hosts the group, else over gRPC on the node it believes leads. Follows
 * leader hints and retries while a group has no ready leader, within {@link #CALL_TIMEOUT_MILLIS}.
 * Every call it retries is safe to repeat (see {@link TxnDriver}: a commit whose answer is lost is
 * resolved by asking the coordinator for its decision, never by assuming).
 */
public final class ParticipantClient {
  static final long CALL_TIMEOUT_MILLIS = 10_000;
  static final long REMOTE_DEADLINE_MILLIS = 10_000;
  static final long BACKOFF_MILLIS_MIN = 10;
  static final long BACKOFF_MILLIS_MAX = 200;

  private final String self;
  private final Replication replication;
  private final RangeCache ranges;
  private final Forwarding peers;
  private final ScheduledExecutorService scheduler;
  // The node last seen leading each group.
  private final Map<Long, String> leaders = new ConcurrentHashMap<>();

  /** A remote call: (stub, observer) -> stub.method(request, observer). */
  @FunctionalInterface
  public interface Remote<R> {
    void call(ParticipantServiceGrpc.ParticipantServiceStub stub, StreamObserver<R> observer);
  }

  public ParticipantClient(String self, Replication replication, RangeCache ranges, Forwarding peers, ScheduledExecutorService scheduler) {
    this.ranges = ranges;
    this.self = self;
    this.replication = replication;
    this.peers = peers;
    this.scheduler = scheduler;
  }

  /**
   * Calls group {@code group}'s leader: {@code local} when that is this node, else {@code remote}
   * on the leader's node, whose answer {@code decode} turns into the result.
   */
  public <R, T> CompletableFuture<T> call(
      long group, BiFunction<TxnHost, TTInterval, CompletableFuture<T>> local, Remote<R> remote, Function<R, T> decode) {
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CALL_TIMEOUT_MILLIS);
    return attempt(group, local, remote, decode, deadlineNanos, BACKOFF_MILLIS_MIN);
  }

  /**
   * Calls this node's own replica of {@code group} when it hosts one (a lock-free read at a past
   * timestamp needs no leader), and the leader when that fails.
   */
  public <R, T> CompletableFuture<T> callNearest(
      long group, BiFunction<TxnHost, TTInterval, CompletableFuture<T>> local, Remote<R> remote, Function<R, T> decode) {
    if (!replication.hosts(group)) {
      return call(group, local, remote, decode);
    }
    return replication.onTxns(group, local)
        .handle((value, error) -> error == null ? CompletableFuture.completedFuture(value) : call(group, local, remote, decode))
        .thenCompose(Function.identity());
  }

  private <R, T> CompletableFuture<T> attempt(
      long group,
      BiFunction<TxnHost, TTInterval, CompletableFuture<T>> local,
      Remote<R> remote,
      Function<R, T> decode,
      long deadlineNanos,
      long backoffMillis) {
    String target = target(group);
    CompletableFuture<T> attempt =
        target.equals(self) ? replication.onTxns(group, local) : remote(target, remote).thenApply(decode);
    return attempt
        .handle((value, error) -> {
          if (error == null) {
            leaders.put(group, target);
            return CompletableFuture.completedFuture(value);
          }
          Throwable cause = GrpcErrors.fromStatus(Futures.unwrap(error));
          if (RangeCache.wrongRange(cause)) {
            ranges.refreshSoon(); // the caller fails (or reroutes); the next request routes anew
          }
          if (!retryable(group, target, cause) || System.nanoTime() > deadlineNanos) {
            return CompletableFuture.<T>failedFuture(cause);
          }
          long next = Math.min(BACKOFF_MILLIS_MAX, backoffMillis * 2);
          if (backoffMillis == BACKOFF_MILLIS_MIN && cause instanceof ReplicationException re
              && re.kind() == ReplicationException.Kind.NOT_LEADER && !re.leaderHint().isEmpty() && !re.leaderHint().equals(target)) {
            // The first hint is followed at once; later ones (hints going round during an election)
            // back off like any other retry.
            return attempt(group, local, remote, decode, deadlineNanos, next);
          }
          return CompletableFuture.runAsync(() -> {}, CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS, scheduler))
              .thenCompose(v -> attempt(group, local, remote, decode, deadlineNanos, next));
        })
        .thenCompose(Function.identity());
  }

  /** Whether to try again, updating where to go: no leader yet, a hint, an unreachable node. */
  private boolean retryable(long group, String target, Throwable cause) {
    if (cause instanceof ReplicationException re) {
      switch (re.kind()) {
        case NOT_LEADER -> {
          if (!re.leaderHint().isEmpty() && !re.leaderHint().equals(target)) {
            leaders.put(group, re.leaderHint());
          } else {
            leaders.remove(group);
            rotate(group, target);
          }
          return true;
        }
        case BUSY -> {
          return true;
        }
        case WRONG_RANGE -> {
          return false;
        }
        case NO_REPLICA, NOT_CHOSEN -> {
          rotate(group, target);
          return re.kind() == ReplicationException.Kind.NO_REPLICA;
        }
      }
    }
    if (cause instanceof StatusRuntimeException sre
        && (sre.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE
            || sre.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED)) {
      rotate(group, target);
      return true;
    }
    return false;
  }

  /** The node to try for {@code group}: the known leader, else a member (this node first). */
  private String target(long group) {
    String known = leaders.get(group);
    if (known != null) {
      return known;
    }
    List<String> members = members(group);
    return members.contains(self) ? self : members.getFirst();
  }

  /** Next time, try the member after {@code failed}. */
  private void rotate(long group, String failed) {
    List<String> members = members(group);
    int i = members.indexOf(failed);
    leaders.put(group, members.get((i + 1) % members.size()));
  }

  /** Group g's replicas: from the range map, else from this node's replica (a group just split off). */
  private List<String> members(long group) {
    RangeMap map = ranges.map();
    if (map.holds(group)) {
      return map.range(group).replicas();
    }
    return replication.hostedRange(group).map(RangeMap.Range::replicas).orElse(List.of(self));
  }

  private <R> CompletableFuture<R> remote(String node, Remote<R> remote) {
    CompletableFuture<R> result = new CompletableFuture<>();
    Channel channel = peers.channel(node).orElse(null);
    if (channel == null) {
      result.completeExceptionally(new ReplicationException(ReplicationException.Kind.NO_REPLICA, "unknown node " + node, ""));
      return result;
    }
    var stub = ParticipantServiceGrpc.newStub(channel).withDeadlineAfter(REMOTE_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    io.grpc.Context.ROOT.run(() -> remote.call(stub, Futures.completing(result)));
    return result;
  }
}

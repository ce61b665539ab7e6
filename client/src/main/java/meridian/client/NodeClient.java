package meridian.client;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import meridian.proto.v1.AdminServiceGrpc;
import meridian.proto.v1.BeginRequest;
import meridian.proto.v1.BeginResponse;
import meridian.proto.v1.CommitResponse;
import meridian.proto.v1.ReadRequest;
import meridian.proto.v1.ReadResponse;
import meridian.proto.v1.TimestampBound;
import meridian.proto.v1.TransactionServiceGrpc;
import meridian.proto.v1.CasRequest;
import meridian.proto.v1.CasResponse;
import meridian.proto.v1.TransferLeaderRequest;
import meridian.proto.v1.DeleteRequest;
import meridian.proto.v1.GetRequest;
import meridian.proto.v1.GetResponse;
import meridian.proto.v1.KvServiceGrpc;
import meridian.proto.v1.PutRequest;
import meridian.proto.v1.ScanRequest;
import meridian.proto.v1.ScanResponse;
import meridian.proto.v1.SkewClockRequest;
import meridian.proto.v1.SkewClockResponse;
import meridian.proto.v1.StatusRequest;
import meridian.proto.v1.StatusResponse;

/**
 * A connection to one node. Every call carries a deadline ({@link #DEFAULT_DEADLINE} unless set)
 * and fails with a {@link MeridianException} whose message names the node.
 */
public final class NodeClient implements AutoCloseable {
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
  /** Largest message a client accepts; the server caps its replies below this. */
  public static final int MESSAGE_BYTES_MAX = 16 * 1024 * 1024;

  private final NodeAddress address;
  private final ManagedChannel channel;
  private final Duration deadline;

  public NodeClient(NodeAddress address) {
    this(address, DEFAULT_DEADLINE);
  }

  public NodeClient(NodeAddress address, Duration deadline) {
    this.address = address;
    this.deadline = deadline;
    this.channel =
        NettyChannelBuilder.forAddress(address.host(), address.port())
            .usePlaintext()
            .maxInboundMessageSize(MESSAGE_BYTES_MAX)
            .build();
  }

  public NodeAddress address() {
    return address;
  }

  /** The write's commit timestamp (TrueTime micros). */
  public long put(byte[] key, byte[] value) {
    PutRequest request =
        PutRequest.newBuilder().setKey(ByteString.copyFrom(key)).setValue(ByteString.copyFrom(value)).build();
    return call("put", () -> kv().put(request)).getCommitTimestampMicros();
  }

  /** Reads the latest value ({@code readTimestampMicros == 0}) or the value at a timestamp. */
  public GetResponse get(byte[] key, long readTimestampMicros) {
    GetRequest request =
        GetRequest.newBuilder().setKey(ByteString.copyFrom(key)).setReadTimestampMicros(readTimestampMicros).build();
    return call("get", () -> kv().get(request));
  }

  public long delete(byte[] key) {
    DeleteRequest request = DeleteRequest.newBuilder().setKey(ByteString.copyFrom(key)).build();
    return call("delete", () -> kv().delete(request)).getCommitTimestampMicros();
  }

  /** Rows in [start, end) ({@code end} empty: unbounded), at most {@code limit}. */
  public ScanResponse scan(byte[] start, byte[] end, int limit, long readTimestampMicros) {
    ScanRequest request =
        ScanRequest.newBuilder()
            .setStartKey(ByteString.copyFrom(start))
            .setEndKey(ByteString.copyFrom(end))
            .setLimit(limit)
            .setReadTimestampMicros(readTimestampMicros)
            .build();
    return call("scan", () -> kv().scan(request));
  }

  /**
   * Compare-and-set: writes {@code newValue} (null: deletes) only if the current value is {@code
   * expected} (null: the key must be absent).
   */
  public CasResponse compareAndSet(byte[] key, byte[] expected, byte[] newValue) {
    CasRequest.Builder request = CasRequest.newBuilder().setKey(ByteString.copyFrom(key));
    if (expected == null) {
      request.setExpectAbsent(true);
    } else {
      request.setExpectedValue(ByteString.copyFrom(expected));
    }
    if (newValue == null) {
      request.setDelete(true);
    } else {
      request.setNewValue(ByteString.copyFrom(newValue));
    }
    return call("compare-and-set", () -> kv().compareAndSet(request.build()));
  }

  public void transferLeader(long groupId, String targetNode) {
    TransferLeaderRequest request = TransferLeaderRequest.newBuilder().setGroupId(groupId).setTargetNode(targetNode).build();
    call("transfer-leader", () -> admin().transferLeader(request));
  }

  /**
   * Splits the range holding {@code key} at {@code key}, through this node (which runs the split
   * as a transaction); the part from {@code key} on must hold no data yet. Idempotent.
   */
  public meridian.proto.v1.SplitRangeResponse splitRange(byte[] key) {
    var request = meridian.proto.v1.SplitRangeRequest.newBuilder().setSplitKey(com.google.protobuf.ByteString.copyFrom(key)).build();
    return call("split-range", () -> admin().splitRange(request));
  }

  /** The cluster's ranges as this node knows them ({@code refresh}: read the map first). */
  public java.util.List<meridian.proto.v1.RangeDescriptor> ranges(boolean refresh) {
    var request = meridian.proto.v1.RangesRequest.newBuilder().setRefresh(refresh).build();
    return call("ranges", () -> admin().ranges(request)).getRangesList();
  }

  public StatusResponse status() {
    return call("status", () -> admin().status(StatusRequest.getDefaultInstance()));
  }

  public SkewClockResponse skewClock(long offsetMicros, long driftPpm) {
    SkewClockRequest request =
        SkewClockRequest.newBuilder().setOffsetMicros(offsetMicros).setDriftPpm(driftPpm).build();
    return call("skew-clock", () -> admin().skewClock(request));
  }

  /** True when the node's standard gRPC health service answers SERVING. */
  public boolean isServing() {
    HealthCheckResponse response =
        call(
            "health check",
            () ->
                HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()));
    return response.getStatus() == HealthCheckResponse.ServingStatus.SERVING;
  }

  private KvServiceGrpc.KvServiceBlockingStub kv() {
    return KvServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  TransactionServiceGrpc.TransactionServiceBlockingStub txns() {
    return TransactionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis() * 3, TimeUnit.MILLISECONDS);
  }

  /** Begins a read-write transaction (see {@link Transaction}); {@code retryOf} keeps its priority. */
  public Transaction begin() {
    return beginRetryOf(null);
  }

  Transaction beginRetryOf(meridian.proto.v1.TxnIdProto retryOf) {
    BeginRequest.Builder request = BeginRequest.newBuilder();
    if (retryOf != null) {
      request.setRetryOf(retryOf);
    }
    BeginResponse begun = call("begin", () -> txns().begin(request.build()));
    return new Transaction(this, begun.getTransaction(), begun.getId(), false);
  }

  /** Begins a read-only transaction: lock-free reads, all at one timestamp chosen from {@code bound}. */
  public Transaction beginReadOnly(TimestampBound bound) {
    BeginResponse begun = call("begin", () -> txns().begin(BeginRequest.newBuilder().setReadOnly(true).setBound(bound).build()));
    return new Transaction(this, begun.getTransaction(), begun.getId(), true);
  }

  /**
   * Runs {@code work} in a read-write transaction and commits it, retrying the whole transaction
   * (with its first attempt's priority, so it eventually wins every conflict) while it is aborted,
   * at most {@code attemptsMax} times, with jittered exponential backoff. An unknown outcome is
   * never retried: it is thrown.
   */
  public <T> Committed<T> readWriteTransaction(int attemptsMax, java.util.function.Function<Transaction, T> work) {
    meridian.proto.v1.TxnIdProto previous = null;
    long backoffMillis = 5;
    for (int attempt = 1; ; attempt++) {
      // A retry names the previous attempt: the node keeps its priority and numbers the attempt.
      Transaction txn = beginRetryOf(previous);
      previous = txn.id();
      try {
        T value = work.apply(txn);
        CommitResponse c = txn.commit();
        return new Committed<>(value, c, attempt);
      } catch (MeridianException e) {
        txn.rollbackQuietly();
        if (e.kind() != MeridianException.Kind.ABORTED || attempt >= attemptsMax) {
          throw e;
        }
      } catch (RuntimeException e) {
        txn.rollbackQuietly();
        throw e;
      }
      try {
        Thread.sleep(backoffMillis + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoffMillis + 1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MeridianException(MeridianException.Kind.ABORTED, "interrupted while retrying a transaction", e);
      }
      backoffMillis = Math.min(1_000, backoffMillis * 2);
    }
  }

  /** What a committed transaction returned, its commit, and how many attempts it took. */
  public record Committed<T>(T value, CommitResponse commit, int attempts) {}

  /** Reads {@code keys} once at a timestamp chosen from {@code bound}, without a transaction. */
  public ReadResponse read(java.util.List<byte[]> keys, TimestampBound bound) {
    ReadRequest.Builder request = ReadRequest.newBuilder().setBound(bound);
    keys.forEach(k -> request.addKeys(com.google.protobuf.ByteString.copyFrom(k)));
    return call("read", () -> txns().read(request.build()));
  }

  /**
   * Reads at most {@code limit} rows of [{@code start}, {@code end}) ({@code end} empty:
   * unbounded) once at a timestamp chosen from {@code bound}, without a transaction. The reply
   * says whether more rows follow ({@code more}, from {@code resume_key}); the node caps {@code
   * limit}.
   */
  public ReadResponse readRange(byte[] start, byte[] end, int limit, TimestampBound bound) {
    ReadRequest request = ReadRequest.newBuilder()
        .setRange(meridian.proto.v1.KeyRange.newBuilder().setStartKey(ByteString.copyFrom(start)).setEndKey(ByteString.copyFrom(end)))
        .setLimit(limit)
        .setBound(bound)
        .build();
    return call("read", () -> txns().read(request));
  }

  <T> T call(String what, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw translate(what, e);
    }
  }

  private MeridianException translate(String what, StatusRuntimeException e) {
    Status status = e.getStatus();
    String detail = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    String prefix = what + " at node " + address + ": ";
    return switch (status.getCode()) {
      // A connection failure carries its cause; an UNAVAILABLE the node itself sent does not.
      case UNAVAILABLE -> new MeridianException(
          MeridianException.Kind.UNAVAILABLE,
          prefix + (e.getCause() == null && status.getDescription() != null ? detail : "node unreachable (" + rootCause(e) + ")"),
          e);
      case DEADLINE_EXCEEDED -> new MeridianException(
          MeridianException.Kind.DEADLINE_EXCEEDED,
          prefix + "no answer within " + deadline.toMillis() + " ms; outcome unknown",
          e);
      case INVALID_ARGUMENT, OUT_OF_RANGE -> new MeridianException(
          MeridianException.Kind.INVALID_ARGUMENT, prefix + detail, e);
      case PERMISSION_DENIED -> new MeridianException(MeridianException.Kind.PERMISSION_DENIED, prefix + detail, e);
      case FAILED_PRECONDITION -> new MeridianException(
          MeridianException.Kind.FAILED_PRECONDITION, prefix + detail, e);
      case ABORTED -> new MeridianException(MeridianException.Kind.ABORTED, prefix + detail, e);
      case UNKNOWN -> detail.startsWith("commit outcome unknown")
          ? new MeridianException(MeridianException.Kind.OUTCOME_UNKNOWN, prefix + detail, e)
          // A status made here from a broken connection ("channel closed") carries its cause;
          // one the node sent does not: only that one is the node's own internal failure.
          : e.getCause() != null
              ? new MeridianException(MeridianException.Kind.UNAVAILABLE, prefix + "node unreachable (" + detail + ")", e)
              : new MeridianException(MeridianException.Kind.INTERNAL, prefix + detail, e);
      default -> new MeridianException(MeridianException.Kind.INTERNAL, prefix + status.getCode() + ": " + detail, e);
    };
  }

  /**
   * Runs a commit call. One that fails in transit (the connection broke, or no answer came in
   * time) may have reached the node and committed: it is reported as {@link
   * MeridianException.Kind#OUTCOME_UNKNOWN}, never as the node being unavailable, which a caller
   * could take for "not committed" and retry. Only a connection that was never made proves the
   * commit was not sent.
   */
  <T> T callCommit(Supplier<T> rpc) {
    try {
      return call("commit", rpc);
    } catch (MeridianException e) {
      boolean maybeSent = switch (e.kind()) {
        case DEADLINE_EXCEEDED -> true;
        case UNAVAILABLE -> !neverConnected(e);
        default -> false;
      };
      if (maybeSent) {
        throw new MeridianException(
            MeridianException.Kind.OUTCOME_UNKNOWN, e.getMessage() + "; the commit may or may not have happened", e);
      }
      throw e;
    }
  }

  private static boolean neverConnected(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof java.net.ConnectException) {
        return true;
      }
    }
    return false;
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (message == null || cause == e) {
      return e.getMessage();
    }
    // Netty prefixes the address; keep the reason, which is what the user needs.
    int colon = message.lastIndexOf(": ");
    return colon >= 0 && message.startsWith("Connection refused") ? "connection refused" : message;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package meridian.server.node;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeoutException;
import meridian.server.replication.CommitOutcomeUnknownException;
import meridian.server.replication.ReplicationException;
import meridian.server.replication.TxnAbortedException;
import meridian.server.replication.TxnCodec;
import meridian.txn.AbortReason;
import meridian.storage.StorageException;
import meridian.truetime.CommitWaitTimeoutException;
import meridian.truetime.TrueTimeFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that maps internal outcomes to gRPC statuses (STYLE.md, principle 10). */
public final class GrpcErrors {
  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  /** Trailer: the internal kind of a failure, so a node calling another can rebuild it. */
  public static final Metadata.Key<String> KIND = Metadata.Key.of("meridian-error-kind", Metadata.ASCII_STRING_MARSHALLER);
  /** Trailer: the leader a NOT_LEADER failure names. */
  public static final Metadata.Key<String> LEADER_HINT = Metadata.Key.of("meridian-leader-hint", Metadata.ASCII_STRING_MARSHALLER);
  /** Trailer: the transaction an ABORTED failure is about. */
  public static final Metadata.Key<byte[]> TXN = Metadata.Key.of("meridian-txn-bin", Metadata.BINARY_BYTE_MARSHALLER);

  public static StatusRuntimeException toStatus(Throwable e) {
    Metadata trailers = new Metadata();
    switch (e) {
      case ReplicationException re -> {
        trailers.put(KIND, re.kind().name());
        if (!re.leaderHint().isEmpty()) {
          trailers.put(LEADER_HINT, re.leaderHint());
        }
      }
      case TxnAbortedException aborted -> {
        trailers.put(KIND, "ABORTED_" + aborted.reason().name());
        trailers.put(TXN, TxnCodec.encode(aborted.txn()).toByteArray());
      }
      default -> {}
    }
    Status status =
        switch (e) {
          case TxnAbortedException aborted -> Status.ABORTED.withDescription(aborted.getMessage());
          case CommitOutcomeUnknownException unknown -> Status.UNKNOWN.withDescription(unknown.getMessage());
          case ReplicationException re -> switch (re.kind()) {
            case NOT_LEADER, BUSY, NOT_CHOSEN -> Status.UNAVAILABLE.withDescription(re.getMessage() + " (retry)");
            case NO_REPLICA, WRONG_RANGE -> Status.FAILED_PRECONDITION.withDescription(re.getMessage());
          };
          case TimeoutException timeout -> Status.DEADLINE_EXCEEDED.withDescription(
              "no outcome within the operation's bound; a write may or may not have happened");
          case IllegalArgumentException bad -> Status.INVALID_ARGUMENT.withDescription(bad.getMessage());
          case TrueTimeFencedException fenced -> Status.UNAVAILABLE.withDescription(
              "TrueTime is fenced on this node: " + fenced.getMessage());
          case CommitWaitTimeoutException wait -> Status.UNKNOWN.withDescription(
              "commit outcome unknown: the write is durable but commit wait did not finish (" + wait.getMessage() + ")");
          case StorageException storage -> {
            log.error("storage failure", storage);
            yield Status.UNAVAILABLE.withDescription("storage: " + storage.getMessage());
          }
          case StatusRuntimeException already -> already.getStatus();
          default -> {
            log.error("unexpected failure", e);
            yield Status.INTERNAL.withDescription(e.getClass().getSimpleName() + ": " + e.getMessage());
          }
        };
    return status.withCause(e).asRuntimeException(trailers);
  }

  /**
   * Rebuilds the internal failure a peer node reported (see the trailers above); other statuses
   * come back as they are.
   */
  public static Throwable fromStatus(Throwable error) {
    if (!(error instanceof StatusRuntimeException sre) || sre.getTrailers() == null) {
      return error;
    }
    String kind = sre.getTrailers().get(KIND);
    if (kind == null) {
      // A request the peer refused as malformed stays a client error, never a retryable failure.
      return sre.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          ? new IllegalArgumentException(sre.getStatus().getDescription(), sre)
          : error;
    }
    String message = sre.getStatus().getDescription() == null ? kind : sre.getStatus().getDescription();
    if (kind.startsWith("ABORTED_")) {
      byte[] txn = sre.getTrailers().get(TXN);
      try {
        return new TxnAbortedException(
            TxnCodec.decode(meridian.proto.v1.TxnIdProto.parseFrom(txn)), AbortReason.valueOf(kind.substring("ABORTED_".length())), message);
      } catch (IllegalArgumentException | NullPointerException | com.google.protobuf.InvalidProtocolBufferException e) {
        return error;
      }
    }
    try {
      String hint = sre.getTrailers().get(LEADER_HINT);
      return new ReplicationException(ReplicationException.Kind.valueOf(kind), message, hint == null ? "" : hint);
    } catch (IllegalArgumentException e) {
      return error;
    }
  }
}

package meridian.server.node;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeoutException;
import meridian.server.replication.ReplicationException;
import meridian.storage.StorageException;
import meridian.truetime.CommitWaitTimeoutException;
import meridian.truetime.TrueTimeFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that maps internal outcomes to gRPC statuses (STYLE.md, principle 10). */
public final class GrpcErrors {
  private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  public static StatusRuntimeException toStatus(Throwable e) {
    Status status =
        switch (e) {
          case ReplicationException re -> switch (re.kind()) {
            case NOT_LEADER, BUSY, NOT_CHOSEN -> Status.UNAVAILABLE.withDescription(re.getMessage() + " (retry)");
            case NO_REPLICA -> Status.FAILED_PRECONDITION.withDescription(re.getMessage());
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
    return status.withCause(e).asRuntimeException();
  }
}

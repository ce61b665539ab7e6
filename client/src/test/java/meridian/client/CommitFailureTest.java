package meridian.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a failed call is reported, by what the transport said: a commit that may have reached its
 * node has an unknown outcome (the process tests see these when a node is killed mid-commit).
 */
class CommitFailureTest {
  private final NodeClient client = new NodeClient(new NodeAddress("127.0.0.1", 1));

  @AfterEach
  void close() {
    client.close();
  }

  private MeridianException.Kind commitFailing(Status status) {
    return catchThrowableOfType(MeridianException.class, () -> client.callCommit(() -> {
      throw status.asRuntimeException();
    })).kind();
  }

  private MeridianException.Kind readFailing(Status status) {
    return catchThrowableOfType(MeridianException.class, () -> client.call("read", () -> {
      throw status.asRuntimeException();
    })).kind();
  }

  @Test
  void aCommitThatMayHaveBeenSentHasAnUnknownOutcome() {
    // What grpc-netty reports when the node is killed while the call is in flight.
    assertThat(commitFailing(Status.UNAVAILABLE.withDescription("Network closed for unknown reason")))
        .isEqualTo(MeridianException.Kind.OUTCOME_UNKNOWN);
    assertThat(commitFailing(Status.UNAVAILABLE.withCause(new java.io.IOException("Connection reset by peer"))))
        .isEqualTo(MeridianException.Kind.OUTCOME_UNKNOWN);
    assertThat(commitFailing(Status.UNKNOWN.withDescription("channel closed").withCause(new ClosedChannelException())))
        .isEqualTo(MeridianException.Kind.OUTCOME_UNKNOWN);
    assertThat(commitFailing(Status.DEADLINE_EXCEEDED)).isEqualTo(MeridianException.Kind.OUTCOME_UNKNOWN);
  }

  @Test
  void aCommitNeverSentOrAnsweredKeepsItsKind() {
    assertThat(commitFailing(Status.UNAVAILABLE.withCause(new ConnectException("Connection refused"))))
        .isEqualTo(MeridianException.Kind.UNAVAILABLE);
    assertThat(commitFailing(Status.ABORTED.withDescription("transaction aborted (wounded)")))
        .isEqualTo(MeridianException.Kind.ABORTED);
    assertThat(commitFailing(Status.UNKNOWN.withDescription("commit outcome unknown: no answer")))
        .isEqualTo(MeridianException.Kind.OUTCOME_UNKNOWN);
  }

  @Test
  void aBrokenConnectionIsANodeDownNotAnInternalError() {
    assertThat(readFailing(Status.UNKNOWN.withDescription("channel closed").withCause(new ClosedChannelException())))
        .isEqualTo(MeridianException.Kind.UNAVAILABLE);
    assertThat(readFailing(Status.UNKNOWN.withDescription("something the node did not expect")))
        .isEqualTo(MeridianException.Kind.INTERNAL);
  }
}

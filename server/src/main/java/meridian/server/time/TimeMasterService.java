package meridian.server.time;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import meridian.proto.v1.NowRequest;
import meridian.proto.v1.NowResponse;
import meridian.proto.v1.TimeServiceGrpc;
import meridian.server.node.NodeConfig;
import java.util.Optional;
import meridian.truetime.MasterAnswer;
import meridian.truetime.TrueTime;

/**
 * The time-master side of TrueTime sync. A master answers with its physical clock and its own
 * configured uncertainty. A master whose own TrueTime is fenced (its clock jumped, or it disagrees
 * with the other masters) stops answering, so that nodes never take time from a reference that
 * knows it is wrong. A node that is not a master refuses, so it is never mistaken for one.
 */
public final class TimeMasterService extends TimeServiceGrpc.TimeServiceImplBase {
  private final NodeConfig config;
  private final TrueTime trueTime;

  public TimeMasterService(NodeConfig config, TrueTime trueTime) {
    this.config = config;
    this.trueTime = trueTime;
  }

  @Override
  public void now(NowRequest request, StreamObserver<NowResponse> response) {
    if (!config.timeMaster()) {
      response.onError(
          Status.FAILED_PRECONDITION.withDescription(config.id() + " is not a time master").asRuntimeException());
      return;
    }
    Optional<MasterAnswer> answer = trueTime.answerAsMaster();
    if (answer.isEmpty() || trueTime.status().fenced()) {
      response.onError(
          Status.UNAVAILABLE
              .withDescription("time master " + config.id() + " is fenced: " + trueTime.status().fenceReason())
              .asRuntimeException());
      return;
    }
    response.onNext(
        NowResponse.newBuilder()
            .setMasterId(answer.get().masterId())
            .setTimeMicros(answer.get().timeMicros())
            .setEpsilonMicros(answer.get().epsilonMicros())
            .build());
    response.onCompleted();
  }
}

package meridian.server.admin;

import io.grpc.stub.StreamObserver;
import meridian.proto.v1.NodeHealthRequest;
import meridian.proto.v1.NodeHealthResponse;
import meridian.proto.v1.NodeHealthServiceGrpc;
import meridian.truetime.TrueTime;

/** Meridian's detailed health: healthy, or the list of reasons it is not. */
public final class NodeHealthService extends NodeHealthServiceGrpc.NodeHealthServiceImplBase {
  private final TrueTime trueTime;

  public NodeHealthService(TrueTime trueTime) {
    this.trueTime = trueTime;
  }

  @Override
  public void check(NodeHealthRequest request, StreamObserver<NodeHealthResponse> response) {
    var status = trueTime.status();
    NodeHealthResponse.Builder reply = NodeHealthResponse.newBuilder().setHealthy(!status.fenced());
    if (status.fenced()) {
      reply.addProblems("TrueTime fenced: " + status.fenceReason());
    }
    response.onNext(reply.build());
    response.onCompleted();
  }
}

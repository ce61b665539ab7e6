package meridian.server.replication;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import meridian.proto.v1.PaxosBatch;
import meridian.proto.v1.PaxosBatchAck;
import meridian.proto.v1.PaxosMessage;
import meridian.proto.v1.PaxosServiceGrpc;
import meridian.proto.v1.SnapshotChunk;
import meridian.proto.v1.SnapshotFetch;

/** Receives Paxos message batches from other nodes and hands each message to its group; serves snapshots. */
public final class PaxosDeliveryService extends PaxosServiceGrpc.PaxosServiceImplBase {
  private final Replication replication;

  public PaxosDeliveryService(Replication replication) {
    this.replication = replication;
  }

  @Override
  public void deliver(PaxosBatch batch, StreamObserver<PaxosBatchAck> response) {
    try {
      for (PaxosMessage message : batch.getMessagesList()) {
        replication.deliver(PaxosCodec.decode(message));
      }
    } catch (IllegalArgumentException e) {
      response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    response.onNext(PaxosBatchAck.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void fetchSnapshot(SnapshotFetch request, StreamObserver<SnapshotChunk> response) {
    replication.serveSnapshot(request, response);
  }
}

package meridian.server.kv;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
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
import io.micrometer.core.instrument.Timer;
import meridian.server.node.GrpcErrors;
import meridian.server.node.NodeMetrics;
import meridian.storage.ScanResult;
import meridian.storage.Version;

/** The key/value gRPC service over {@link LocalKvStore}. */
public final class KvService extends KvServiceGrpc.KvServiceImplBase {
  static final int KEY_BYTES_MAX = 16 * 1024;
  static final int VALUE_BYTES_MAX = 8 * 1024 * 1024;

  private final LocalKvStore store;
  private final Timer putTimer;
  private final Timer getTimer;
  private final Timer deleteTimer;
  private final Timer scanTimer;

  public KvService(LocalKvStore store, NodeMetrics metrics) {
    this.store = store;
    this.putTimer = metrics.kvRequest("put");
    this.getTimer = metrics.kvRequest("get");
    this.deleteTimer = metrics.kvRequest("delete");
    this.scanTimer = metrics.kvRequest("scan");
  }

  @Override
  public void put(PutRequest request, StreamObserver<PutResponse> response) {
    answer(
        response,
        putTimer,
        () -> {
          checkKey(request.getKey());
          if (request.getValue().size() > VALUE_BYTES_MAX) {
            throw new IllegalArgumentException("value of " + request.getValue().size() + " bytes exceeds " + VALUE_BYTES_MAX);
          }
          long ts = store.write(request.getKey().toByteArray(), request.getValue().toByteArray());
          return PutResponse.newBuilder().setCommitTimestampMicros(ts).build();
        });
  }

  @Override
  public void delete(DeleteRequest request, StreamObserver<DeleteResponse> response) {
    answer(
        response,
        deleteTimer,
        () -> {
          checkKey(request.getKey());
          long ts = store.write(request.getKey().toByteArray(), null);
          return DeleteResponse.newBuilder().setCommitTimestampMicros(ts).build();
        });
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> response) {
    answer(
        response,
        getTimer,
        () -> {
          checkKey(request.getKey());
          long ts = store.snapshotTimestamp(request.getReadTimestampMicros());
          GetResponse.Builder reply = GetResponse.newBuilder().setReadTimestampMicros(ts);
          store
              .get(request.getKey().toByteArray(), ts)
              .ifPresent(
                  v ->
                      reply
                          .setFound(true)
                          .setValue(ByteString.copyFrom(v.value()))
                          .setVersionTimestampMicros(v.timestampMicros()));
          return reply.build();
        });
  }

  @Override
  public void scan(ScanRequest request, StreamObserver<ScanResponse> response) {
    answer(
        response,
        scanTimer,
        () -> {
          if (request.getLimit() < 0) {
            throw new IllegalArgumentException("limit must not be negative");
          }
          long ts = store.snapshotTimestamp(request.getReadTimestampMicros());
          byte[] end = request.getEndKey().isEmpty() ? null : request.getEndKey().toByteArray();
          ScanResult result = store.scan(request.getStartKey().toByteArray(), end, ts, request.getLimit());
          ScanResponse.Builder reply = ScanResponse.newBuilder().setReadTimestampMicros(ts).setMore(result.more());
          if (result.more() && result.resumeKey() != null) {
            reply.setResumeKey(ByteString.copyFrom(result.resumeKey()));
          }
          for (Version v : result.rows()) {
            reply.addRows(
                KeyValue.newBuilder()
                    .setKey(ByteString.copyFrom(v.key()))
                    .setValue(ByteString.copyFrom(v.value()))
                    .setVersionTimestampMicros(v.timestampMicros()));
          }
          return reply.build();
        });
  }

  private static void checkKey(ByteString key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
    if (key.size() > KEY_BYTES_MAX) {
      throw new IllegalArgumentException("key of " + key.size() + " bytes exceeds " + KEY_BYTES_MAX);
    }
  }

  private static <T> void answer(StreamObserver<T> response, Timer timer, Supplier<T> work) {
    T reply;
    Timer.Sample sample = Timer.start();
    try {
      reply = work.get();
    } catch (RuntimeException e) {
      response.onError(GrpcErrors.toStatus(e));
      return;
    } finally {
      sample.stop(timer);
    }
    response.onNext(reply);
    response.onCompleted();
  }
}

package meridian.server.replication;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import meridian.proto.v1.SnapshotChunk;
import meridian.storage.ReadView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one group's snapshot from a consistent {@link ReadView}: header, entry chunks of at most
 * {@link #CHUNK_BYTES_MAX} bytes, trailer. Driven by gRPC's flow control (a chunk is produced only
 * when the call is ready for it), so a slow receiver holds no more than a chunk or two in memory
 * here. Closes the view and calls {@code onDone} exactly once, however the call ends.
 */
final class SnapshotSender {
  private static final Logger log = LoggerFactory.getLogger(SnapshotSender.class);
  static final long CHUNK_BYTES_MAX = 1L << 20;

  private final ReadView view;
  private final long groupId;
  private final String to;
  private final SnapshotPoint point;
  private final SnapshotChunks chunks;
  private final ServerCallStreamObserver<SnapshotChunk> call;
  private final SnapshotCounters counters;
  private final Runnable onDone;
  private final long startNanos = System.nanoTime();
  private boolean done; // guarded by this

  SnapshotSender(ReadView view, long groupId, String to, SnapshotPoint point, List<SnapshotSpan> spans,
      ServerCallStreamObserver<SnapshotChunk> call, SnapshotCounters counters, Runnable onDone) {
    this.view = view;
    this.groupId = groupId;
    this.to = to;
    this.point = point;
    this.chunks = new SnapshotChunks(view, groupId, point, spans, CHUNK_BYTES_MAX);
    this.call = call;
    this.counters = counters;
    this.onDone = onDone;
  }

  void start() {
    call.setOnCancelHandler(() -> finish("cancelled by the receiver"));
    call.setOnReadyHandler(this::pump);
    pump();
  }

  private synchronized void pump() {
    try {
      while (!done && call.isReady()) {
        if (!chunks.hasNext()) {
          call.onCompleted();
          long millis = (System.nanoTime() - startNanos) / 1_000_000;
          log.info("group {}: sent snapshot at {} to {}: {} entries, {} bytes in {} ms", groupId, point.index(), to, chunks.entries(),
              chunks.bytes(), millis);
          counters.sent.incrementAndGet();
          counters.sentBytes.addAndGet(chunks.bytes());
          finish(null);
          return;
        }
        call.onNext(chunks.next());
      }
    } catch (RuntimeException e) {
      log.warn("group {}: sending snapshot to {} failed: {}", groupId, to, e.toString());
      if (!done) {
        call.onError(Status.UNAVAILABLE.withDescription("snapshot send failed: " + e.getMessage()).asRuntimeException());
      }
      finish(e.toString());
    }
  }

  private synchronized void finish(String failure) {
    if (done) {
      return;
    }
    done = true;
    if (failure != null) {
      log.info("group {}: snapshot send to {} ended: {}", groupId, to, failure);
    }
    try {
      view.close();
    } finally {
      onDone.run();
    }
  }
}

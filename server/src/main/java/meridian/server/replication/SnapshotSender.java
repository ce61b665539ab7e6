package meridian.server.replication;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import meridian.proto.v1.SnapshotChunk;
import meridian.proto.v1.SnapshotEntries;
import meridian.proto.v1.SnapshotHeader;
import meridian.proto.v1.SnapshotTrailer;
import meridian.storage.KeyValue;
import meridian.storage.RawScanResult;
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
  static final int CHUNK_ENTRIES_MAX = 10_000;

  private final ReadView view;
  private final long groupId;
  private final String to;
  private final SnapshotPoint point;
  private final List<SnapshotSpan> spans;
  private final ServerCallStreamObserver<SnapshotChunk> call;
  private final Runnable onDone;
  private final long startNanos = System.nanoTime();
  // Guarded by this.
  private boolean headerSent;
  private int span;
  private byte[] resume;
  private long entries;
  private long bytes;
  private boolean done;

  SnapshotSender(ReadView view, long groupId, String to, SnapshotPoint point, List<SnapshotSpan> spans,
      ServerCallStreamObserver<SnapshotChunk> call, Runnable onDone) {
    this.view = view;
    this.groupId = groupId;
    this.to = to;
    this.point = point;
    this.spans = spans;
    this.call = call;
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
        SnapshotChunk chunk = next();
        if (chunk == null) {
          call.onCompleted();
          long millis = (System.nanoTime() - startNanos) / 1_000_000;
          log.info("group {}: sent snapshot at {} to {}: {} entries, {} bytes in {} ms", groupId, point.index(), to, entries, bytes,
              millis);
          finish(null);
          return;
        }
        call.onNext(chunk);
      }
    } catch (RuntimeException e) {
      log.warn("group {}: sending snapshot to {} failed: {}", groupId, to, e.toString());
      if (!done) {
        call.onError(Status.UNAVAILABLE.withDescription("snapshot send failed: " + e.getMessage()).asRuntimeException());
      }
      finish(e.toString());
    }
  }

  /** The next chunk to send, or null after the trailer. */
  private SnapshotChunk next() {
    if (!headerSent) {
      headerSent = true;
      SnapshotHeader.Builder header = SnapshotHeader.newBuilder().setGroupId(groupId).setPoint(point.toProto());
      spans.forEach(s -> header.addSpans(s.toProto()));
      return SnapshotChunk.newBuilder().setHeader(header).build();
    }
    while (span < spans.size()) {
      int index = span;
      SnapshotSpan current = spans.get(index);
      RawScanResult page =
          view.scan(current.family(), resume != null ? resume : current.start(), current.end(), CHUNK_ENTRIES_MAX, CHUNK_BYTES_MAX);
      if (page.more()) {
        resume = page.resumeKey();
      } else {
        span++;
        resume = null;
      }
      if (!page.entries().isEmpty()) {
        SnapshotEntries.Builder part = SnapshotEntries.newBuilder().setSpan(index);
        for (KeyValue kv : page.entries()) {
          part.addKeys(SnapshotInstaller.bytes(kv.key())).addValues(SnapshotInstaller.bytes(kv.value()));
          entries++;
          bytes += kv.key().length + kv.value().length;
        }
        return SnapshotChunk.newBuilder().setEntries(part).build();
      }
    }
    if (span == spans.size()) {
      span++;
      return SnapshotChunk.newBuilder().setTrailer(SnapshotTrailer.newBuilder().setEntries(entries).setBytes(bytes)).build();
    }
    return null;
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

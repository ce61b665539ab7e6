package meridian.server.replication;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import meridian.proto.v1.SnapshotChunk;
import meridian.proto.v1.SnapshotEntries;
import meridian.proto.v1.SnapshotHeader;
import meridian.proto.v1.SnapshotTrailer;
import meridian.storage.KeyValue;
import meridian.storage.RawScanResult;
import meridian.storage.ReadView;

/**
 * A group's snapshot as a stream of chunks read lazily from a consistent view: the header, then
 * each span's raw entries in chunks of at most {@code chunkBytesMax} key and value bytes (or
 * {@link #CHUNK_ENTRIES_MAX} entries), then the trailer with the totals. Not thread-safe.
 */
final class SnapshotChunks implements Iterator<SnapshotChunk> {
  static final int CHUNK_ENTRIES_MAX = 10_000;

  private final ReadView view;
  private final long groupId;
  private final SnapshotPoint point;
  private final List<SnapshotSpan> spans;
  private final long chunkBytesMax;
  private boolean headerSent;
  // Invariant: 0 <= span <= spans.size() + 1; spans.size() means the trailer is next, + 1 that it was sent.
  private int span;
  private byte[] resume; // where the current span goes on; null at its start
  private SnapshotChunk next;
  private long entries;
  private long bytes;

  SnapshotChunks(ReadView view, long groupId, SnapshotPoint point, List<SnapshotSpan> spans, long chunkBytesMax) {
    this.view = view;
    this.groupId = groupId;
    this.point = point;
    this.spans = List.copyOf(spans);
    this.chunkBytesMax = chunkBytesMax;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = produce();
    }
    return next != null;
  }

  @Override
  public SnapshotChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException("snapshot stream finished");
    }
    SnapshotChunk chunk = next;
    next = null;
    return chunk;
  }

  long entries() {
    return entries;
  }

  long bytes() {
    return bytes;
  }

  private SnapshotChunk produce() {
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
          view.scan(current.family(), resume != null ? resume : current.start(), current.end(), CHUNK_ENTRIES_MAX, chunkBytesMax);
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
}

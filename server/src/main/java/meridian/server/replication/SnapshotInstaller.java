package meridian.server.replication;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import meridian.proto.v1.SnapshotChunk;
import meridian.proto.v1.SnapshotEntries;
import meridian.proto.v1.SnapshotHeader;
import meridian.proto.v1.SnapshotTrailer;
import meridian.storage.Batch;
import meridian.storage.StorageEngine;

/**
 * Writes a snapshot stream into this node's storage: everything of an install but its last step.
 * It checks the header before touching anything (the group, the spans, an index high enough),
 * then {@link GroupStorage#beginInstall} (marker and clearing, synced), then the entries in
 * bounded unsynced batches, then checks the trailer's totals. The owner of the group finishes
 * with {@link GroupStorage#finishInstall} on the group's executor, where it is ordered with the
 * log writes. A failure after the header leaves the marker: the state machine is incomplete
 * until a later install of at least the marker's index finishes.
 */
final class SnapshotInstaller {
  /** Bytes of entries written per RocksDB batch while installing. */
  static final long INSTALL_BATCH_BYTES_MAX = 4L << 20;

  /** A snapshot fully written, not yet finished. */
  record Written(SnapshotPoint point, long entries, long bytes) {}

  /** The stream was refused or broke off; {@link #getMessage()} says why. */
  static final class SnapshotFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SnapshotFailure(String message) {
      super(message);
    }
  }

  private SnapshotInstaller() {}

  /**
   * @param floorIndex the snapshot must cover at least this index (refused before any write
   *     otherwise)
   */
  static Written write(StorageEngine engine, GroupStorage storage, List<SnapshotSpan> spans, long floorIndex,
      Iterator<SnapshotChunk> chunks) {
    SnapshotHeader header = header(storage.groupId(), spans, floorIndex, chunks);
    SnapshotPoint point = SnapshotPoint.fromProto(header.getPoint());
    storage.beginInstall(point, spans);
    long entries = 0;
    long bytes = 0;
    Batch batch = engine.newBatch();
    while (chunks.hasNext()) {
      SnapshotChunk chunk = chunks.next();
      switch (chunk.getKindCase()) {
        case ENTRIES -> {
          SnapshotEntries part = chunk.getEntries();
          SnapshotSpan span = span(spans, part);
          for (int i = 0; i < part.getKeysCount(); i++) {
            byte[] key = part.getKeys(i).toByteArray();
            byte[] value = part.getValues(i).toByteArray();
            if (Arrays.compareUnsigned(key, span.start()) < 0 || (span.end() != null && Arrays.compareUnsigned(key, span.end()) >= 0)) {
              throw new SnapshotFailure("snapshot entry outside its span " + span);
            }
            if (batch.sizeBytes() + key.length + value.length > INSTALL_BATCH_BYTES_MAX
                || batch.operationCount() >= engine.options().batchOperationsMax()) {
              batch.commit(false);
              batch = engine.newBatch();
            }
            batch.putRaw(span.family(), key, value);
            entries++;
            bytes += key.length + value.length;
          }
        }
        case TRAILER -> {
          SnapshotTrailer trailer = chunk.getTrailer();
          if (trailer.getEntries() != entries || trailer.getBytes() != bytes) {
            throw new SnapshotFailure("snapshot trailer counts " + trailer.getEntries() + " entries, " + trailer.getBytes()
                + " bytes; received " + entries + ", " + bytes);
          }
          if (chunks.hasNext()) {
            throw new SnapshotFailure("snapshot stream goes on after its trailer");
          }
          batch.commit(false);
          return new Written(point, entries, bytes);
        }
        case HEADER, KIND_NOT_SET -> throw new SnapshotFailure("unexpected " + chunk.getKindCase() + " chunk in a snapshot stream");
      }
    }
    throw new SnapshotFailure("snapshot stream ended without its trailer after " + entries + " entries");
  }

  private static SnapshotHeader header(long groupId, List<SnapshotSpan> spans, long floorIndex, Iterator<SnapshotChunk> chunks) {
    if (!chunks.hasNext()) {
      throw new SnapshotFailure("empty snapshot stream");
    }
    SnapshotChunk first = chunks.next();
    if (!first.hasHeader()) {
      throw new SnapshotFailure("snapshot stream starts with " + first.getKindCase() + ", not a header");
    }
    SnapshotHeader header = first.getHeader();
    if (header.getGroupId() != groupId) {
      throw new SnapshotFailure("snapshot of group " + header.getGroupId() + ", asked for " + groupId);
    }
    if (header.getSpansCount() != spans.size()) {
      throw new SnapshotFailure("snapshot has " + header.getSpansCount() + " spans, this node expects " + spans.size());
    }
    for (int i = 0; i < spans.size(); i++) {
      if (!spans.get(i).covers(header.getSpans(i))) {
        throw new SnapshotFailure("snapshot span " + i + " lies outside this node's " + spans.get(i) + " (different --ranges?)");
      }
    }
    if (header.getPoint().getIndex() < floorIndex) {
      throw new SnapshotFailure("snapshot at " + header.getPoint().getIndex() + " is below the " + floorIndex + " needed");
    }
    return header;
  }

  private static SnapshotSpan span(List<SnapshotSpan> spans, SnapshotEntries part) {
    if (part.getSpan() < 0 || part.getSpan() >= spans.size()) {
      throw new SnapshotFailure("snapshot chunk names span " + part.getSpan() + " of " + spans.size());
    }
    if (part.getKeysCount() != part.getValuesCount()) {
      throw new SnapshotFailure("snapshot chunk has " + part.getKeysCount() + " keys but " + part.getValuesCount() + " values");
    }
    return spans.get(part.getSpan());
  }

  static ByteString bytes(byte[] b) {
    return ByteString.copyFrom(b);
  }
}

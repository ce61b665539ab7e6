package meridian.server.replication;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import meridian.proto.v1.SnapshotSpanProto;
import meridian.storage.ColumnFamily;
import meridian.storage.MvccStore;

/**
 * A key range of one column family that belongs to a group's state machine: what a snapshot
 * copies and what installing one replaces. A group's snapshot is a list of spans, so that later
 * layers (the transaction table, say) add their per-group state by adding a span.
 *
 * @param end exclusive; null for the end of the column family
 */
record SnapshotSpan(ColumnFamily family, byte[] start, byte[] end) {
  /**
   * META kinds {@code [LOCAL_KINDS_START, LOCAL_KINDS_END)} under a group's prefix are this
   * replica's own bookkeeping (applied point, snapshot point, install marker): never copied,
   * never replaced by an install. Every other META key under the prefix is state machine state.
   */
  static final byte LOCAL_KINDS_START = 0x10;
  static final byte LOCAL_KINDS_END = 0x20;

  /** A group's state machine: the DATA of its {@code range} and its META keys but the local ones. */
  static List<SnapshotSpan> ofGroup(RangeMap.Range range) {
    long g = range.groupId();
    byte[] dataEnd = range.end() == null ? null : MvccStore.rawKeyOf(range.end());
    return List.of(
        new SnapshotSpan(ColumnFamily.DATA, MvccStore.rawKeyOf(range.start()), dataEnd),
        new SnapshotSpan(ColumnFamily.META, metaKey(g, (byte) 0x00), metaKey(g, LOCAL_KINDS_START)),
        new SnapshotSpan(ColumnFamily.META, metaKey(g, LOCAL_KINDS_END), metaKey(g + 1, (byte) 0x00)));
  }

  private static byte[] metaKey(long g, byte kind) {
    return ByteBuffer.allocate(9).putLong(g).put(kind).array();
  }

  SnapshotSpanProto toProto() {
    SnapshotSpanProto.Builder b =
        SnapshotSpanProto.newBuilder().setColumnFamily(family.rocksName()).setStart(ByteString.copyFrom(start));
    if (end == null) {
      b.setEndUnbounded(true);
    } else {
      b.setEnd(ByteString.copyFrom(end));
    }
    return b.build();
  }

  /**
   * Whether {@code p} lies within this span. A sender's range can be narrower than the receiver's
   * (the receiver, behind, has not applied a split yet; ranges only shrink), never wider.
   */
  boolean covers(SnapshotSpanProto p) {
    return p.getColumnFamily().equals(family.rocksName())
        && Arrays.compareUnsigned(p.getStart().toByteArray(), start) >= 0
        && (end == null || !p.getEndUnbounded() && Arrays.compareUnsigned(p.getEnd().toByteArray(), end) <= 0);
  }

  @Override
  public String toString() {
    return family.rocksName() + "[" + java.util.HexFormat.of().formatHex(start) + ", "
        + (end == null ? "end" : java.util.HexFormat.of().formatHex(end)) + ")";
  }
}

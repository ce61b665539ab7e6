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

  /** Group {@code g}'s state machine: its DATA key range and its META keys but the local ones. */
  static List<SnapshotSpan> ofGroup(long g, RangeMap ranges) {
    byte[] dataEnd = ranges.endKey(g) == null ? null : MvccStore.rawKeyOf(ranges.endKey(g));
    return List.of(
        new SnapshotSpan(ColumnFamily.DATA, MvccStore.rawKeyOf(ranges.startKey(g)), dataEnd),
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

  /** Whether {@code p} describes this span exactly. */
  boolean matches(SnapshotSpanProto p) {
    return p.getColumnFamily().equals(family.rocksName())
        && Arrays.equals(p.getStart().toByteArray(), start)
        && (end == null ? p.getEndUnbounded() : !p.getEndUnbounded() && Arrays.equals(p.getEnd().toByteArray(), end));
  }

  @Override
  public String toString() {
    return family.rocksName() + "[" + java.util.HexFormat.of().formatHex(start) + ", "
        + (end == null ? "end" : java.util.HexFormat.of().formatHex(end)) + ")";
  }
}

package meridian.server.txn;

import com.google.protobuf.ByteString;
import java.util.List;
import meridian.proto.v1.KeyValue;
import meridian.proto.v1.KeyRange;
import meridian.server.replication.TxnHost;
import meridian.storage.Version;

/** Conversions between read results and queries and their protobuf forms. */
final class Rows {
  private Rows() {}

  static List<KeyValue> encode(List<Version> rows) {
    return rows.stream()
        .map(v -> KeyValue.newBuilder()
            .setKey(ByteString.copyFrom(v.key()))
            .setValue(ByteString.copyFrom(v.value()))
            .setVersionTimestampMicros(v.timestampMicros())
            .build())
        .toList();
  }

  static List<Version> decode(List<KeyValue> rows) {
    return rows.stream().map(kv -> new Version(kv.getKey().toByteArray(), kv.getValue().toByteArray(), kv.getVersionTimestampMicros())).toList();
  }

  static TxnHost.Query query(List<ByteString> keys, boolean hasRange, KeyRange range, int limit) {
    if (hasRange) {
      byte[] end = range.getEndKey().isEmpty() ? null : range.getEndKey().toByteArray();
      return new TxnHost.Query(List.of(), range.getStartKey().toByteArray(), end, limit);
    }
    return new TxnHost.Query(keys.stream().map(ByteString::toByteArray).toList(), null, null, limit);
  }

  static List<ByteString> keys(TxnHost.Query q) {
    return q.keys().stream().map(ByteString::copyFrom).toList();
  }

  static KeyRange range(TxnHost.Query q) {
    return KeyRange.newBuilder()
        .setStartKey(ByteString.copyFrom(q.rangeStart()))
        .setEndKey(q.rangeEnd() == null ? ByteString.EMPTY : ByteString.copyFrom(q.rangeEnd()))
        .build();
  }
}

package meridian.client;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meridian.proto.v1.BufferWritesRequest;
import meridian.proto.v1.CommitRequest;
import meridian.proto.v1.CommitResponse;
import meridian.proto.v1.KeyRange;
import meridian.proto.v1.KeyValue;
import meridian.proto.v1.Mutation;
import meridian.proto.v1.ReadRequest;
import meridian.proto.v1.ReadResponse;
import meridian.proto.v1.RollbackRequest;
import meridian.proto.v1.TxnIdProto;

/**
 * A transaction driven by the node the client talks to. Read-write: reads take shared locks at
 * the leaders and see this transaction's own writes; writes are buffered (here until the next read,
 * then at the node) and applied atomically at commit. Read-only: lock-free reads at one timestamp.
 * Not thread-safe: one operation at a time. Losing the node aborts the transaction.
 */
public final class Transaction {
  /** Writes buffered here at most before they are sent to the node. */
  static final int LOCAL_WRITES_MAX = 1_000;

  private final NodeClient client;
  private final String handle;
  private final TxnIdProto id;
  private final boolean readOnly;
  private final Map<ByteString, Mutation> pending = new LinkedHashMap<>();
  private boolean finished;

  Transaction(NodeClient client, String handle, TxnIdProto id, boolean readOnly) {
    this.client = client;
    this.handle = handle;
    this.id = id;
    this.readOnly = readOnly;
  }

  TxnIdProto id() {
    return id;
  }

  public Optional<byte[]> get(byte[] key) {
    return get(List.of(key)).values().stream().findFirst();
  }

  /** The values of those {@code keys} that exist, by key (as ByteString). */
  public Map<ByteString, byte[]> get(List<byte[]> keys) {
    flush();
    ReadRequest.Builder request = ReadRequest.newBuilder().setTransaction(handle);
    keys.forEach(k -> request.addKeys(ByteString.copyFrom(k)));
    ReadResponse read = client.call("read", () -> client.txns().read(request.build()));
    Map<ByteString, byte[]> values = new LinkedHashMap<>();
    read.getRowsList().forEach(kv -> values.put(kv.getKey(), kv.getValue().toByteArray()));
    return values;
  }

  /** Up to {@code limit} rows of [start, end) (end null: unbounded) in key order. */
  public List<KeyValue> scan(byte[] start, byte[] end, int limit) {
    flush();
    List<KeyValue> rows = new ArrayList<>();
    byte[] from = start;
    while (rows.size() < limit) {
      KeyRange.Builder range = KeyRange.newBuilder().setStartKey(ByteString.copyFrom(from));
      if (end != null) {
        range.setEndKey(ByteString.copyFrom(end));
      }
      ReadRequest request = ReadRequest.newBuilder().setTransaction(handle).setRange(range).setLimit(limit - rows.size()).build();
      ReadResponse page = client.call("scan", () -> client.txns().read(request));
      rows.addAll(page.getRowsList());
      if (!page.getMore()) {
        break;
      }
      from = page.getResumeKey().toByteArray();
    }
    return rows;
  }

  public void put(byte[] key, byte[] value) {
    buffer(Mutation.newBuilder().setKey(ByteString.copyFrom(key)).setPut(ByteString.copyFrom(value)).build());
  }

  public void delete(byte[] key) {
    buffer(Mutation.newBuilder().setKey(ByteString.copyFrom(key)).setDelete(true).build());
  }

  private void buffer(Mutation m) {
    if (readOnly) {
      throw new IllegalStateException("a read-only transaction cannot write");
    }
    pending.remove(m.getKey());
    pending.put(m.getKey(), m);
    if (pending.size() >= LOCAL_WRITES_MAX) {
      flush();
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    BufferWritesRequest request = BufferWritesRequest.newBuilder().setTransaction(handle).addAllMutations(pending.values()).build();
    pending.clear();
    client.call("buffer writes", () -> client.txns().bufferWrites(request));
  }

  /**
   * Commits; the response carries the commit timestamp and what commit wait cost. Fails with
   * {@link MeridianException.Kind#ABORTED} (not committed: retry the whole transaction) or {@link
   * MeridianException.Kind#OUTCOME_UNKNOWN} (the node went away or did not answer in time after
   * the commit was sent), or {@link MeridianException.Kind#UNAVAILABLE} only when the node could
   * not be reached at all (not committed).
   */
  public CommitResponse commit() {
    if (readOnly) {
      finished = true;
      client.call("end", () -> client.txns().rollback(RollbackRequest.newBuilder().setTransaction(handle).build()));
      return CommitResponse.getDefaultInstance();
    }
    CommitRequest request = CommitRequest.newBuilder().setTransaction(handle).addAllMutations(pending.values()).build();
    pending.clear();
    finished = true;
    return client.callCommit(() -> client.txns().commit(request));
  }

  public void rollback() {
    if (!finished) {
      finished = true;
      client.call("rollback", () -> client.txns().rollback(RollbackRequest.newBuilder().setTransaction(handle).build()));
    }
  }

  void rollbackQuietly() {
    try {
      rollback();
    } catch (MeridianException e) {
      // The node may be gone; its leaders free the locks after their idle timeout.
    }
  }
}

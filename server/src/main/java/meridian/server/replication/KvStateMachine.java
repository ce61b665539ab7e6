package meridian.server.replication;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import meridian.paxos.Command;
import meridian.paxos.LogEntry;
import meridian.proto.v1.CasRequest;
import meridian.proto.v1.KvWrite;
import meridian.storage.Batch;
import meridian.storage.MvccStore;
import meridian.storage.StorageEngine;
import meridian.storage.Version;

/**
 * The key/value state machine of a group: applies chosen log entries to MVCC storage at the
 * entry's timestamp. Deterministic: every replica computes the same result for the same entries
 * (compare-and-set reads the state as of the previous entry, including earlier entries of the
 * same batch). The writes of a batch of entries and the applied point go in one atomic RocksDB
 * batch, so a crash never leaves half an entry applied; it need not be synced, because the
 * entries themselves are durable in the log and are applied again after a restart. The log is
 * truncated only by a synced batch written after it ({@link GroupStorage#compact}), which makes
 * this one durable first (RocksDB's WAL keeps write order).
 */
public final class KvStateMachine {
  /** The outcome of applying one write, handed to whoever proposed it. */
  public record Outcome(long index, long timestampMicros, boolean succeeded, Optional<byte[]> current) {}

  private final StorageEngine engine;
  private final MvccStore mvcc;

  KvStateMachine(StorageEngine engine) {
    this.engine = engine;
    this.mvcc = engine.mvcc();
  }

  static byte[] encode(KvWrite write) {
    return write.toByteArray();
  }

  /**
   * Applies {@code entries} (chosen, in order) and records {@code appliedAfter}, the point after
   * the last of them, as applied.
   */
  Map<Long, Outcome> apply(List<LogEntry> entries, SnapshotPoint appliedAfter, GroupStorage storage) {
    Batch batch = engine.newBatch();
    // Values written earlier in this batch, by key, so a later compare-and-set sees them.
    Map<ByteString, Optional<byte[]>> written = new HashMap<>();
    Map<Long, Outcome> outcomes = new HashMap<>();
    for (LogEntry entry : entries) {
      if (entry.command() instanceof Command.Write write) {
        outcomes.put(entry.index(), applyWrite(entry, decode(write.payload(), entry.index()), batch, written));
      }
    }
    if (appliedAfter.index() != entries.getLast().index()) {
      throw new IllegalArgumentException("applied point " + appliedAfter.index() + " is not the last entry " + entries.getLast().index());
    }
    storage.stageApplied(appliedAfter, batch);
    batch.commit(false);
    return outcomes;
  }

  private Outcome applyWrite(LogEntry entry, KvWrite write, Batch batch, Map<ByteString, Optional<byte[]>> written) {
    byte[] key = write.getKey().toByteArray();
    long ts = entry.timestampMicros();
    switch (write.getOpCase()) {
      case PUT -> {
        byte[] value = write.getPut().toByteArray();
        batch.putVersion(key, ts, value);
        written.put(write.getKey(), Optional.of(value));
        return new Outcome(entry.index(), ts, true, Optional.empty());
      }
      case DELETE -> {
        batch.deleteVersion(key, ts);
        written.put(write.getKey(), Optional.empty());
        return new Outcome(entry.index(), ts, true, Optional.empty());
      }
      case CAS -> {
        CasRequest cas = write.getCas();
        Optional<byte[]> current =
            written.containsKey(write.getKey())
                ? written.get(write.getKey())
                : mvcc.get(key, Long.MAX_VALUE).map(Version::value);
        boolean matches =
            cas.getExpectAbsent() ? current.isEmpty() : current.isPresent() && Arrays.equals(current.get(), cas.getExpectedValue().toByteArray());
        if (!matches) {
          return new Outcome(entry.index(), ts, false, current);
        }
        if (cas.getDelete()) {
          batch.deleteVersion(key, ts);
          written.put(write.getKey(), Optional.empty());
        } else {
          byte[] value = cas.getNewValue().toByteArray();
          batch.putVersion(key, ts, value);
          written.put(write.getKey(), Optional.of(value));
        }
        return new Outcome(entry.index(), ts, true, Optional.empty());
      }
      case OP_NOT_SET -> throw new IllegalStateException("log entry " + entry.index() + " holds a write with no operation");
    }
    throw new AssertionError("unreachable");
  }

  private static KvWrite decode(byte[] payload, long index) {
    try {
      return KvWrite.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("log entry " + index + " holds an undecodable write: " + e.getMessage(), e);
    }
  }
}

package meridian.server.replication;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import meridian.proto.v1.CommitRecord;
import meridian.proto.v1.DecisionProto;
import meridian.proto.v1.LockSpan;
import meridian.proto.v1.Mutation;
import meridian.proto.v1.OutcomeRecord;
import meridian.proto.v1.PrepareRecord;
import meridian.proto.v1.PreparedTxnProto;
import meridian.proto.v1.TxnIdProto;
import meridian.proto.v1.TxnRecordProto;
import meridian.txn.Decision;
import meridian.txn.HeldLock;
import meridian.txn.Key;
import meridian.txn.KeySpan;
import meridian.txn.LockMode;
import meridian.txn.PreparedTxn;
import meridian.txn.TxnId;
import meridian.txn.TxnRecord;
import meridian.txn.Write;

/** Transaction values to and from their protobuf forms (the Paxos log, the meta column family, RPCs). */
public final class TxnCodec {
  private TxnCodec() {}

  public static TxnIdProto encode(TxnId id) {
    return TxnIdProto.newBuilder()
        .setPriorityMicros(id.priorityMicros())
        .setDriver(id.driver())
        .setSequence(id.sequence())
        .setAttempt(id.attempt())
        .build();
  }

  public static TxnId decode(TxnIdProto id) {
    if (id.getDriver().isEmpty()) {
      throw new IllegalArgumentException("transaction id without a driver node");
    }
    return new TxnId(id.getPriorityMicros(), id.getDriver(), id.getSequence(), id.getAttempt());
  }

  public static Mutation encode(Write write) {
    Mutation.Builder m = Mutation.newBuilder().setKey(ByteString.copyFrom(write.key().toByteArray()));
    return write.isDelete() ? m.setDelete(true).build() : m.setPut(ByteString.copyFrom(write.value())).build();
  }

  public static Write decode(Mutation m) {
    Key key = Key.of(m.getKey().toByteArray());
    return switch (m.getOpCase()) {
      case PUT -> Write.put(key, m.getPut().toByteArray());
      case DELETE -> Write.delete(key);
      case OP_NOT_SET -> throw new IllegalArgumentException("mutation of key " + key + " has neither put nor delete");
    };
  }

  public static List<Mutation> encodeWrites(List<Write> writes) {
    return writes.stream().map(TxnCodec::encode).toList();
  }

  public static List<Write> decodeWrites(List<Mutation> mutations) {
    return mutations.stream().map(TxnCodec::decode).toList();
  }

  static LockSpan encode(HeldLock lock) {
    KeySpan span = lock.span();
    LockSpan.Builder b =
        LockSpan.newBuilder().setStartKey(ByteString.copyFrom(span.start().toByteArray())).setExclusive(lock.mode() == LockMode.EXCLUSIVE);
    return span.end() == null ? b.setUnbounded(true).build() : b.setEndKey(ByteString.copyFrom(span.end().toByteArray())).build();
  }

  static HeldLock decode(LockSpan s) {
    Key start = Key.of(s.getStartKey().toByteArray());
    KeySpan span = new KeySpan(start, s.getUnbounded() ? null : Key.of(s.getEndKey().toByteArray()));
    return new HeldLock(span, s.getExclusive() ? LockMode.EXCLUSIVE : LockMode.SHARED);
  }

  static PrepareRecord encodePrepare(TxnRecord.Prepare p) {
    return PrepareRecord.newBuilder()
        .setCoordinatorGroup(p.coordinatorGroup())
        .addAllWrites(encodeWrites(p.writes()))
        .addAllLocks(p.locks().stream().map(TxnCodec::encode).toList())
        .build();
  }

  public static byte[] encodeRecord(TxnRecord record) {
    TxnRecordProto.Builder b = TxnRecordProto.newBuilder().setTxn(encode(record.txn()));
    switch (record) {
      case TxnRecord.Prepare p -> b.setPrepare(encodePrepare(p));
      case TxnRecord.Commit c ->
          b.setCommit(CommitRecord.newBuilder().addAllWrites(encodeWrites(c.writes())).addAllParticipants(c.participants()));
      case TxnRecord.Abort a -> b.setAbort(true);
      case TxnRecord.Forget f -> b.setForget(true);
      case TxnRecord.Outcome o ->
          b.setOutcome(OutcomeRecord.newBuilder().setCommitted(o.committed()).setCommitTimestampMicros(o.commitMicros()));
    }
    return b.build().toByteArray();
  }

  /** Decodes a log entry's payload; an undecodable one means a corrupted log. */
  static TxnRecord decodeRecord(byte[] payload, long index) {
    TxnRecordProto r;
    try {
      r = TxnRecordProto.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("log entry " + index + " holds an undecodable transaction record: " + e.getMessage(), e);
    }
    TxnId txn = decode(r.getTxn());
    return switch (r.getRecordCase()) {
      case PREPARE -> new TxnRecord.Prepare(
          txn, r.getPrepare().getCoordinatorGroup(), decodeWrites(r.getPrepare().getWritesList()),
          r.getPrepare().getLocksList().stream().map(TxnCodec::decode).toList());
      case COMMIT -> new TxnRecord.Commit(txn, decodeWrites(r.getCommit().getWritesList()), r.getCommit().getParticipantsList());
      case ABORT -> new TxnRecord.Abort(txn);
      case FORGET -> new TxnRecord.Forget(txn);
      case OUTCOME -> new TxnRecord.Outcome(txn, r.getOutcome().getCommitted(), r.getOutcome().getCommitTimestampMicros());
      case RECORD_NOT_SET -> throw new IllegalStateException("log entry " + index + " holds an empty transaction record");
    };
  }

  static byte[] encode(PreparedTxn p) {
    return PreparedTxnProto.newBuilder()
        .setTxn(encode(p.txn()))
        .setPrepareTimestampMicros(p.prepareMicros())
        .setRecord(encodePrepare(new TxnRecord.Prepare(p.txn(), p.coordinatorGroup(), p.writes(), p.locks())))
        .build()
        .toByteArray();
  }

  static PreparedTxn decodePrepared(byte[] bytes) {
    try {
      PreparedTxnProto p = PreparedTxnProto.parseFrom(bytes);
      return new PreparedTxn(
          decode(p.getTxn()), p.getPrepareTimestampMicros(), p.getRecord().getCoordinatorGroup(),
          decodeWrites(p.getRecord().getWritesList()), p.getRecord().getLocksList().stream().map(TxnCodec::decode).toList());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("undecodable prepared transaction in the meta column family: " + e.getMessage(), e);
    }
  }

  static byte[] encode(Decision d, long expiresMicros) {
    return DecisionProto.newBuilder()
        .setCommitted(d.committed())
        .setCommitTimestampMicros(d.commitMicros())
        .setExpiresMicros(expiresMicros)
        .build()
        .toByteArray();
  }

  static DecisionProto decodeDecision(byte[] bytes) {
    try {
      return DecisionProto.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("undecodable transaction decision in the meta column family: " + e.getMessage(), e);
    }
  }
}

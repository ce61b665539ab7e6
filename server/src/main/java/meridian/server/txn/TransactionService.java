package meridian.server.txn;

import meridian.server.node.Futures;
import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import meridian.proto.v1.BeginRequest;
import meridian.proto.v1.BeginResponse;
import meridian.proto.v1.BufferWritesRequest;
import meridian.proto.v1.BufferWritesResponse;
import meridian.proto.v1.CommitRequest;
import meridian.proto.v1.CommitResponse;
import meridian.proto.v1.Mutation;
import meridian.proto.v1.ReadRequest;
import meridian.proto.v1.ReadResponse;
import meridian.proto.v1.RollbackRequest;
import meridian.proto.v1.RollbackResponse;
import meridian.proto.v1.TimestampBound;
import meridian.proto.v1.TransactionServiceGrpc;
import meridian.server.node.GrpcErrors;
import meridian.server.replication.TxnCodec;
import meridian.txn.Write;

/** The client-facing transaction service: validates requests and hands them to {@link Transactions}. */
public final class TransactionService extends TransactionServiceGrpc.TransactionServiceImplBase {
  static final int KEY_BYTES_MAX = 16 * 1024;
  static final int VALUE_BYTES_MAX = 8 * 1024 * 1024;
  static final int KEYS_PER_READ_MAX = 10_000;
  static final int RANGE_LIMIT_DEFAULT = 1_000;
  static final long ANSWER_TIMEOUT_MILLIS = 30_000;

  private final Transactions transactions;
  private final SnapshotReads snapshots;

  public TransactionService(Transactions transactions, SnapshotReads snapshots) {
    this.transactions = transactions;
    this.snapshots = snapshots;
  }

  @Override
  public void begin(BeginRequest r, StreamObserver<BeginResponse> response) {
    answer(response, () -> {
      if (!r.getReadOnly()) {
        Optional<meridian.txn.TxnId> retryOf = r.hasRetryOf() ? Optional.of(TxnCodec.decode(r.getRetryOf())) : Optional.empty();
        String handle = transactions.beginReadWrite(retryOf);
        var driver = ((Transactions.ReadWrite) transactions.get(handle)).driver();
        return CompletableFuture.completedFuture(BeginResponse.newBuilder().setTransaction(handle).setId(TxnCodec.encode(driver.id())).build());
      }
      // A read-only transaction's scope is not known in advance: its timestamp must suit every
      // group (a strong one reads at TT.now().latest, a bounded one at what all can serve).
      TimestampBound bound = r.hasBound() ? r.getBound() : TimestampBound.newBuilder().setStrong(true).build();
      return snapshots.timestamp(bound, snapshots.allGroups()).thenApply(ts ->
          BeginResponse.newBuilder().setTransaction(transactions.beginReadOnly(ts)).build());
    });
  }

  @Override
  public void read(ReadRequest r, StreamObserver<ReadResponse> response) {
    answer(response, () -> {
      List<byte[]> keys = r.getKeysList().stream().map(k -> validKey(k).toByteArray()).toList();
      if (keys.size() > KEYS_PER_READ_MAX) {
        throw new IllegalArgumentException("at most " + KEYS_PER_READ_MAX + " keys per read, not " + keys.size());
      }
      if (keys.isEmpty() == !r.hasRange()) {
        throw new IllegalArgumentException("a read names either keys or a range");
      }
      byte[] start = r.hasRange() ? r.getRange().getStartKey().toByteArray() : null;
      byte[] end = r.hasRange() && !r.getRange().getEndKey().isEmpty() ? r.getRange().getEndKey().toByteArray() : null;
      int limit = r.getLimit() <= 0 ? RANGE_LIMIT_DEFAULT : r.getLimit();
      if (r.getTransaction().isEmpty()) {
        TimestampBound bound = r.hasBound() ? r.getBound() : TimestampBound.newBuilder().setStrong(true).build();
        List<Long> groups = snapshots.groupsOf(keys, start, end);
        return snapshots.timestamp(bound, groups).thenCompose(ts -> snapshotRead(keys, start, end, limit, ts, groups.size()));
      }
      return switch (transactions.get(r.getTransaction())) {
        case Transactions.ReadOnly ro -> snapshotRead(keys, start, end, limit, ro.readMicros(), 2);
        case Transactions.ReadWrite rw -> r.hasRange()
            ? rw.driver().readRange(start, end, limit).thenApply(rows -> {
                ReadResponse.Builder b = ReadResponse.newBuilder().addAllRows(Rows.encode(rows.rows())).setMore(rows.more());
                return rows.more() ? b.setResumeKey(ByteString.copyFrom(rows.resumeKey())).build() : b.build();
              })
            : rw.driver().read(keys).thenApply(rows -> ReadResponse.newBuilder().addAllRows(Rows.encode(rows)).build());
      };
    });
  }

  private CompletableFuture<ReadResponse> snapshotRead(List<byte[]> keys, byte[] start, byte[] end, int limit, long ts, int groups) {
    long readMicros = ts == 0 && groups > 1 ? 0 : ts;
    var read = start != null ? snapshots.readRange(start, end, limit, readMicros) : snapshots.read(keys, readMicros);
    return read.thenApply(s -> {
      ReadResponse.Builder b = ReadResponse.newBuilder().addAllRows(Rows.encode(s.rows())).setMore(s.more()).setReadTimestampMicros(s.readMicros());
      return s.more() ? b.setResumeKey(ByteString.copyFrom(s.resumeKey())).build() : b.build();
    });
  }

  @Override
  public void bufferWrites(BufferWritesRequest r, StreamObserver<BufferWritesResponse> response) {
    answer(response, () -> {
      readWrite(r.getTransaction()).buffer(writes(r.getMutationsList()));
      return CompletableFuture.completedFuture(BufferWritesResponse.getDefaultInstance());
    });
  }

  @Override
  public void commit(CommitRequest r, StreamObserver<CommitResponse> response) {
    answer(response, () -> {
      TxnDriver driver = readWrite(r.getTransaction());
      driver.buffer(writes(r.getMutationsList()));
      return driver.commit().whenComplete((c, e) -> transactions.end(r.getTransaction())).thenApply(c -> CommitResponse.newBuilder()
          .setCommitTimestampMicros(c.commitMicros())
          .setEpsilonMicros(c.epsilonMicros())
          .setCommitWaitMicros(c.commitWaitMicros())
          .setParticipantGroups(c.participantGroups())
          .build());
    });
  }

  @Override
  public void rollback(RollbackRequest r, StreamObserver<RollbackResponse> response) {
    answer(response, () -> {
      transactions.end(r.getTransaction());
      return CompletableFuture.completedFuture(RollbackResponse.getDefaultInstance());
    });
  }

  private TxnDriver readWrite(String handle) {
    if (!(transactions.get(handle) instanceof Transactions.ReadWrite rw)) {
      throw new IllegalArgumentException("transaction " + handle + " is read-only");
    }
    return rw.driver();
  }

  private static List<Write> writes(List<Mutation> mutations) {
    for (Mutation m : mutations) {
      validKey(m.getKey());
      if (meridian.server.replication.Keys.isReserved(m.getKey().toByteArray())) {
        throw new IllegalArgumentException("keys starting with " + meridian.server.replication.Keys.show(meridian.server.replication.Keys.SYSTEM_PREFIX)
            + " or 0x0001 are reserved for Meridian (its range map and SQL tables)");
      }
      if (m.getPut().size() > VALUE_BYTES_MAX) {
        throw new IllegalArgumentException("value of " + m.getPut().size() + " bytes exceeds " + VALUE_BYTES_MAX);
      }
    }
    return TxnCodec.decodeWrites(mutations);
  }

  private static ByteString validKey(ByteString key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
    if (key.size() > KEY_BYTES_MAX) {
      throw new IllegalArgumentException("key of " + key.size() + " bytes exceeds " + KEY_BYTES_MAX);
    }
    return key;
  }

  private static <T> void answer(StreamObserver<T> response, java.util.function.Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> future;
    try {
      future = work.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.orTimeout(ANSWER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).whenComplete((reply, error) -> {
      if (error != null) {
        response.onError(GrpcErrors.toStatus(Futures.unwrap(error)));
      } else {
        response.onNext(reply);
        response.onCompleted();
      }
    });
  }
}

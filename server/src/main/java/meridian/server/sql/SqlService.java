package meridian.server.sql;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import meridian.proto.v1.CloseSessionRequest;
import meridian.proto.v1.CloseSessionResponse;
import meridian.proto.v1.ColumnMetadata;
import meridian.proto.v1.ExecuteRequest;
import meridian.proto.v1.ExecuteResponse;
import meridian.proto.v1.OpenSessionRequest;
import meridian.proto.v1.OpenSessionResponse;
import meridian.proto.v1.Row;
import meridian.proto.v1.SqlServiceGrpc;
import meridian.proto.v1.SqlValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL gRPC service. Statements run on a bounded pool of threads (they block on the
 * transaction layer, within their deadline); a full pool refuses at once (53300). Every failure
 * is a status whose trailer {@link #SQLSTATE} carries the SQLState: 40001 is ABORTED, 40003 is
 * UNKNOWN (the commit outcome is unknown), 57014 DEADLINE_EXCEEDED, 08xxx UNAVAILABLE or
 * NOT_FOUND, XX000 INTERNAL, and every other state INVALID_ARGUMENT or FAILED_PRECONDITION.
 */
public final class SqlService extends SqlServiceGrpc.SqlServiceImplBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SqlService.class);
  public static final Metadata.Key<String> SQLSTATE = Metadata.Key.of("meridian-sqlstate", Metadata.ASCII_STRING_MARSHALLER);
  static final int THREADS_MAX = 32;
  static final int QUEUE_MAX = 512;
  /** Bytes of rows in one response, below the gRPC message limit. */
  static final long RESPONSE_BYTES_MAX = 12L * 1024 * 1024;

  private final Sessions sessions;
  private final String nodeId;
  private final String version;
  private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS_MAX, THREADS_MAX, 60, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(QUEUE_MAX), r -> {
        Thread t = new Thread(r, "sql");
        t.setDaemon(true);
        return t;
      });

  public SqlService(Sessions sessions, String nodeId, String version) {
    this.sessions = sessions;
    this.nodeId = nodeId;
    this.version = version;
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public void openSession(OpenSessionRequest r, StreamObserver<OpenSessionResponse> response) {
    submit(response, () -> {
      if (!r.getDatabase().isEmpty() && !r.getDatabase().equals("default")) {
        throw new SqlError("3D000", "database " + r.getDatabase() + " does not exist (there is one database: default)");
      }
      String id = sessions.open();
      try {
        for (var p : r.getPropertiesMap().entrySet()) {
          String statement = switch (p.getKey().toLowerCase(java.util.Locale.ROOT)) {
            case "read_only_staleness", "readonlystaleness" -> "SET READ_ONLY_STALENESS = '" + p.getValue().replace("'", "") + "'";
            case "read_only", "readonly" -> "SET READ_ONLY = " + Boolean.parseBoolean(p.getValue());
            default -> throw new SqlError(SqlError.INVALID_PARAMETER, "unknown session property " + p.getKey());
          };
          sessions.get(id).execute(statement, List.of(), Await.Deadline.in(10_000));
        }
      } catch (RuntimeException e) {
        sessions.close(id);
        throw e;
      }
      return OpenSessionResponse.newBuilder().setSession(id).setNode(nodeId).setServerVersion(version).build();
    });
  }

  @Override
  public void execute(ExecuteRequest r, StreamObserver<ExecuteResponse> response) {
    submit(response, () -> {
      Session session = sessions.get(r.getSession());
      List<Object> parameters = new ArrayList<>();
      for (int i = 0; i < r.getParametersCount(); i++) {
        parameters.add(SqlValues.fromProto(r.getParameters(i), i + 1));
      }
      long timeout = r.getTimeoutMillis() > 0 ? r.getTimeoutMillis() : Limits.STATEMENT_TIMEOUT_MILLIS_DEFAULT;
      Result result = session.execute(r.getSql(), parameters, Await.Deadline.in(timeout));
      return toProto(result, r.getMaxRows(), session.inTransaction());
    });
  }

  @Override
  public void closeSession(CloseSessionRequest r, StreamObserver<CloseSessionResponse> response) {
    submit(response, () -> {
      sessions.close(r.getSession());
      return CloseSessionResponse.getDefaultInstance();
    });
  }

  static ExecuteResponse toProto(Result result, int maxRows, boolean inTransaction) {
    ExecuteResponse.Builder b = ExecuteResponse.newBuilder()
        .setIsQuery(result.isQuery())
        .setUpdateCount(result.updateCount())
        .setInTransaction(inTransaction)
        .setReadTimestampMicros(result.readMicros())
        .setCommitTimestampMicros(result.commitMicros())
        .setMessage(result.message());
    for (Relation.Col c : result.columns()) {
      b.addColumns(ColumnMetadata.newBuilder().setName(c.name()).setType(SqlValues.type(c.type())).setNullable(c.nullable())
          .setTable(c.table() == null ? "" : c.table()));
    }
    int cap = maxRows > 0 ? Math.min(maxRows, Limits.ROWS_MAX) : Limits.ROWS_MAX;
    long bytes = 0;
    for (Object[] row : result.rows()) {
      if (b.getRowsCount() >= cap) {
        break;
      }
      Row.Builder rb = Row.newBuilder();
      for (Object v : row) {
        SqlValue sv = SqlValues.toProto(v);
        rb.addValues(sv);
        bytes += sv.getSerializedSize();
      }
      if (bytes > RESPONSE_BYTES_MAX) {
        throw new SqlError(SqlError.PROGRAM_LIMIT, "the result is larger than " + RESPONSE_BYTES_MAX / (1024 * 1024)
            + " MiB; select fewer rows (LIMIT) or columns");
      }
      b.addRows(rb);
    }
    return b.build();
  }

  private <T> void submit(StreamObserver<T> response, java.util.function.Supplier<T> work) {
    try {
      pool.execute(() -> {
        T reply;
        try {
          reply = work.get();
        } catch (RuntimeException | StackOverflowError e) {
          response.onError(toStatus(e));
          return;
        }
        response.onNext(reply);
        response.onCompleted();
      });
    } catch (RejectedExecutionException e) {
      response.onError(toStatus(new SqlError("53300", "this node is running " + (THREADS_MAX + QUEUE_MAX) + " statements; retry later")));
    }
  }

  static io.grpc.StatusRuntimeException toStatus(Throwable e) {
    SqlError error = switch (e) {
      case SqlError s -> s;
      case StackOverflowError deep -> new SqlError(SqlError.PROGRAM_LIMIT, "the statement is nested too deeply");
      default -> Await.translate(e, "the statement");
    };
    if (error.sqlState().equals(SqlError.INTERNAL)) {
      log.error("SQL statement failed unexpectedly", e);
    }
    Metadata trailers = new Metadata();
    trailers.put(SQLSTATE, error.sqlState());
    String state = error.sqlState();
    Status status = switch (state) {
      case SqlError.SERIALIZATION_FAILURE -> Status.ABORTED;
      case SqlError.OUTCOME_UNKNOWN -> Status.UNKNOWN;
      case SqlError.QUERY_CANCELED -> Status.DEADLINE_EXCEEDED;
      case SqlError.INTERNAL -> Status.INTERNAL;
      case "08003" -> Status.NOT_FOUND;
      case "53300" -> Status.RESOURCE_EXHAUSTED;
      default -> state.startsWith("08") ? Status.UNAVAILABLE
          : state.startsWith("55") || state.startsWith("58") ? Status.FAILED_PRECONDITION : Status.INVALID_ARGUMENT;
    };
    String message = String.valueOf(error.getMessage());
    if (state.equals(SqlError.OUTCOME_UNKNOWN) && !message.startsWith("commit outcome unknown")) {
      message = "commit outcome unknown: " + message;
    }
    return status.withDescription(message).asRuntimeException(trailers);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

package meridian.jdbc;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import meridian.proto.v1.CloseSessionRequest;
import meridian.proto.v1.CloseSessionResponse;
import meridian.proto.v1.ColumnMetadata;
import meridian.proto.v1.ExecuteRequest;
import meridian.proto.v1.ExecuteResponse;
import meridian.proto.v1.OpenSessionRequest;
import meridian.proto.v1.OpenSessionResponse;
import meridian.proto.v1.Row;
import meridian.proto.v1.SqlServiceGrpc;
import meridian.proto.v1.SqlType;
import meridian.proto.v1.SqlValue;

/**
 * A scripted SqlService on a real loopback port, for testing the driver's transaction, retry and
 * failover logic where a real cluster cannot be made to abort or fail on cue. It tracks each
 * session's in_transaction like the real node (BEGIN opens, COMMIT and ROLLBACK close) and
 * records every statement; a {@link Script} decides the answers it wants to.
 */
final class FakeSqlServer implements AutoCloseable {
  /** Answers one statement: a response, null for the default answer, {@link #HOLD} for none, or throws a status. */
  interface Script {
    ExecuteResponse answer(ExecuteRequest request, boolean inTransaction);
  }

  /** Returned by a script to leave the call unanswered (until the client cancels or the server stops). */
  static final ExecuteResponse HOLD = ExecuteResponse.newBuilder().setMessage("hold").build();

  final List<String> statements = java.util.Collections.synchronizedList(new ArrayList<>());
  final List<ExecuteRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());
  final CountDownLatch held = new CountDownLatch(1);
  final AtomicInteger sessionsOpened = new AtomicInteger();
  volatile Script script = (request, inTransaction) -> null;
  private final Map<String, Boolean> inTransaction = new ConcurrentHashMap<>();
  private final Server server;

  private FakeSqlServer(int port) throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(new Service()).build().start();
  }

  static FakeSqlServer start() throws IOException {
    return new FakeSqlServer(0);
  }

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  int port() {
    return server.getPort();
  }

  long count(String sql) {
    synchronized (statements) {
      return statements.stream().filter(sql::equals).count();
    }
  }

  List<String> statements() {
    synchronized (statements) {
      return List.copyOf(statements);
    }
  }

  /** Stops at once: open calls fail, new connections are refused. */
  void stop() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** A failure as the real node sends it: a status with the SQLState in the trailer. */
  static StatusRuntimeException error(Status.Code code, String sqlState, String message) {
    Metadata trailers = new Metadata();
    trailers.put(SqlExceptions.SQLSTATE_KEY, sqlState);
    return Status.fromCode(code).withDescription(message).asRuntimeException(trailers);
  }

  /** A one-column INT64 result. */
  static ExecuteResponse longs(String column, long... values) {
    ExecuteResponse.Builder response = ExecuteResponse.newBuilder()
        .setIsQuery(true)
        .addColumns(ColumnMetadata.newBuilder().setName(column).setType(SqlType.INT64).setNullable(true));
    for (long value : values) {
      response.addRows(Row.newBuilder().addValues(SqlValue.newBuilder().setInt64Value(value)));
    }
    return response.build();
  }

  private final class Service extends SqlServiceGrpc.SqlServiceImplBase {
    @Override
    public void openSession(OpenSessionRequest request, StreamObserver<OpenSessionResponse> observer) {
      String session = "s" + sessionsOpened.incrementAndGet();
      inTransaction.put(session, false);
      observer.onNext(OpenSessionResponse.newBuilder().setSession(session).setNode("fake").setServerVersion("9.8.7-fake").build());
      observer.onCompleted();
    }

    @Override
    public void execute(ExecuteRequest request, StreamObserver<ExecuteResponse> observer) {
      String sql = request.getSql().trim();
      statements.add(sql);
      requests.add(request);
      Boolean open = inTransaction.get(request.getSession());
      if (open == null) {
        observer.onError(error(Status.Code.NOT_FOUND, "08003", "no session " + request.getSession()));
        return;
      }
      try {
        ExecuteResponse answer = script.answer(request, open);
        if (answer == HOLD) {
          held.countDown();
          return;
        }
        if (answer == null) {
          answer = defaultAnswer(sql);
        }
        boolean after = switch (StatementKind.of(sql)) {
          case BEGIN -> true;
          case COMMIT, ROLLBACK -> false;
          default -> open;
        };
        inTransaction.put(request.getSession(), after);
        observer.onNext(answer.toBuilder().setInTransaction(after).build());
        observer.onCompleted();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.ABORTED) {
          // The real node ends an aborted transaction.
          inTransaction.put(request.getSession(), false);
        }
        observer.onError(e);
      }
    }

    @Override
    public void closeSession(CloseSessionRequest request, StreamObserver<CloseSessionResponse> observer) {
      inTransaction.remove(request.getSession());
      observer.onNext(CloseSessionResponse.getDefaultInstance());
      observer.onCompleted();
    }
  }

  private static ExecuteResponse defaultAnswer(String sql) {
    return switch (StatementKind.of(sql)) {
      case QUERY -> longs("x", 1);
      case WRITE -> ExecuteResponse.newBuilder().setUpdateCount(1).build();
      default -> ExecuteResponse.getDefaultInstance();
    };
  }
}

package meridian.tests.sql;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import meridian.client.NodeAddress;
import meridian.proto.v1.CloseSessionRequest;
import meridian.proto.v1.ExecuteRequest;
import meridian.proto.v1.ExecuteResponse;
import meridian.proto.v1.OpenSessionRequest;
import meridian.proto.v1.SqlServiceGrpc;
import meridian.proto.v1.SqlValue;

/** A bare SqlService session for server-side SQL tests (the JDBC tests go through the driver). */
final class SqlClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final SqlServiceGrpc.SqlServiceBlockingStub stub;
  private final String session;

  SqlClient(NodeAddress address) {
    channel = NettyChannelBuilder.forAddress(address.host(), address.port()).usePlaintext().build();
    stub = SqlServiceGrpc.newBlockingStub(channel);
    session = stub.withDeadlineAfter(10, TimeUnit.SECONDS).openSession(OpenSessionRequest.getDefaultInstance()).getSession();
  }

  ExecuteResponse run(String sql, SqlValue... parameters) {
    return stub.withDeadlineAfter(60, TimeUnit.SECONDS)
        .execute(ExecuteRequest.newBuilder().setSession(session).setSql(sql).addAllParameters(List.of(parameters)).build());
  }

  /** The SQLState of the failure {@code sql} must cause. */
  String stateOf(String sql, SqlValue... parameters) {
    try {
      run(sql, parameters);
    } catch (StatusRuntimeException e) {
      return e.getTrailers() == null ? "none" : e.getTrailers().get(meridian.server.sql.SqlService.SQLSTATE) + ": " + e.getStatus().getDescription();
    }
    throw new AssertionError("expected " + sql + " to fail");
  }

  /** Rows as text: values joined by "|", NULL as "NULL". */
  List<String> rows(String sql, SqlValue... parameters) {
    return run(sql, parameters).getRowsList().stream()
        .map(r -> String.join("|", r.getValuesList().stream().map(SqlClient::show).toList()))
        .toList();
  }

  static String show(SqlValue v) {
    return switch (v.getKindCase()) {
      case KIND_NOT_SET -> "NULL";
      case INT64_VALUE -> Long.toString(v.getInt64Value());
      case FLOAT64_VALUE -> Double.toString(v.getFloat64Value());
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case STRING_VALUE -> v.getStringValue();
      case BYTES_VALUE -> "0x" + java.util.HexFormat.of().formatHex(v.getBytesValue().toByteArray());
      case DATE_DAYS -> java.time.LocalDate.ofEpochDay(v.getDateDays()).toString();
      case TIMESTAMP_MICROS -> java.time.Instant.EPOCH.plus(v.getTimestampMicros(), java.time.temporal.ChronoUnit.MICROS).toString();
      case NUMERIC_VALUE -> v.getNumericValue();
    };
  }

  static SqlValue int64(long v) {
    return SqlValue.newBuilder().setInt64Value(v).build();
  }

  static SqlValue string(String v) {
    return SqlValue.newBuilder().setStringValue(v).build();
  }

  @Override
  public void close() {
    try {
      stub.withDeadlineAfter(5, TimeUnit.SECONDS).closeSession(CloseSessionRequest.newBuilder().setSession(session).build());
    } catch (StatusRuntimeException ignored) {
      // The node may be gone already.
    }
    channel.shutdownNow();
  }
}

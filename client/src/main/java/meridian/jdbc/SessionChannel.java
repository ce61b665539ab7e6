package meridian.jdbc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import meridian.client.NodeAddress;
import meridian.proto.v1.CloseSessionRequest;
import meridian.proto.v1.ExecuteRequest;
import meridian.proto.v1.ExecuteResponse;
import meridian.proto.v1.OpenSessionRequest;
import meridian.proto.v1.OpenSessionResponse;
import meridian.proto.v1.SqlServiceGrpc;

/**
 * One SQL session at one node, over its own gRPC channel, and the move to another node when that
 * one is lost.
 *
 * <p>A session is opened at the first host of the URL that answers within the connect timeout, in
 * the listed order. When a call fails because the connection failed (not because the node said
 * no), the session is marked lost; {@link #reopen} then opens a new one, trying the hosts after
 * the lost one first, and runs the connection's settings again through {@link Setup}. Deciding
 * when a reopen is safe (never inside a transaction) is the caller's job.
 */
final class SessionChannel implements AutoCloseable {
  /** Largest reply accepted; the server caps a statement's rows below this. */
  static final int MESSAGE_BYTES_MAX = 64 * 1024 * 1024;
  /** The deadline of a statement that has no timeout of its own: a bound on every call. */
  static final long CALL_DEADLINE_MILLIS_MAX = TimeUnit.MINUTES.toMillis(15);
  /**
   * Added to a statement's timeout for its gRPC deadline, so that the node's own timeout fires
   * first and reports 57014 with nothing left behind, instead of the client giving up blind.
   */
  static final long DEADLINE_GRACE_MILLIS = 2_000;
  static final long CLOSE_SESSION_DEADLINE_MILLIS = 2_000;

  /** Re-applies the connection's settings on a newly opened session. */
  interface Setup {
    void apply(SessionChannel session) throws SQLException;
  }

  private final ConnectionConfig config;
  private final Setup setup;
  // The fields of the current session; written only by the thread using the connection, read by
  // close() from any thread (hence volatile).
  private volatile ManagedChannel channel;
  private volatile NodeAddress node;
  private volatile String sessionId;
  private volatile String serverVersion = "";
  // Invariant: lost implies the session must not be used again; hostIndex is node's index in hosts.
  private volatile boolean lost;
  private int hostIndex;
  private volatile boolean closed;

  SessionChannel(ConnectionConfig config, Setup setup) {
    this.config = config;
    this.setup = setup;
  }

  /** Opens the first session, trying the hosts in their listed order. */
  void open() throws SQLException {
    openFrom(0);
  }

  /** Opens a new session after the current one was lost, trying the hosts after it first. */
  void reopen() throws SQLException {
    openFrom((hostIndex + 1) % config.hosts().size());
  }

  boolean isLost() {
    return lost;
  }

  String node() {
    NodeAddress current = node;
    return current == null ? "(none)" : current.toString();
  }

  String serverVersion() {
    return serverVersion;
  }

  /**
   * Runs one statement. A failure is mapped by {@link SqlExceptions}; one of the connection (not
   * an answer of the node) also marks the session lost.
   *
   * @param timeoutMillis the statement's time limit, 0 for the server's default
   */
  ExecuteResponse execute(ExecuteRequest request, long timeoutMillis, SqlExceptions.Call call) throws SQLException {
    if (closed) {
      throw SqlExceptions.closed("connection");
    }
    if (lost) {
      throw new SQLNonTransientConnectionException("the session at node " + node() + " was lost", SqlExceptions.CONNECTION_FAILURE);
    }
    long deadlineMillis = timeoutMillis > 0 ? timeoutMillis + DEADLINE_GRACE_MILLIS : CALL_DEADLINE_MILLIS_MAX;
    ExecuteRequest withSession = request.toBuilder().setSession(sessionId).setTimeoutMillis(timeoutMillis).build();
    try {
      return SqlServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
          .execute(withSession);
    } catch (StatusRuntimeException e) {
      if (SqlExceptions.isConnectionFailure(e) || closed) {
        lost = true;
      }
      throw SqlExceptions.fromStatus(e, node(), call);
    }
  }

  private void openFrom(int first) throws SQLException {
    dropCurrent();
    lost = true;
    List<NodeAddress> hosts = config.hosts();
    StringBuilder failures = new StringBuilder();
    SQLException last = null;
    for (int i = 0; i < hosts.size(); i++) {
      if (closed) {
        throw SqlExceptions.closed("connection");
      }
      int index = (first + i) % hosts.size();
      try {
        openAt(index);
        setup.apply(this);
        return;
      } catch (SQLException e) {
        last = e;
        failures.append(failures.isEmpty() ? "" : "; ").append(e.getMessage());
        // Another host may answer when this one was unreachable or slow (08xxx, 57014).
        boolean tryNext = e.getSQLState() == null || e.getSQLState().startsWith("08") || e.getSQLState().equals("57014");
        dropCurrent();
        lost = true;
        if (!tryNext) {
          // The node answered and refused (for example an unknown database): another would too.
          throw e;
        }
      }
    }
    throw new SQLNonTransientConnectionException(
        "could not open a session at any of " + hosts + ": " + failures, SqlExceptions.CONNECTION_REFUSED, last);
  }

  private void openAt(int index) throws SQLException {
    NodeAddress address = config.hosts().get(index);
    int connectTimeoutMillis = (int) TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds());
    ManagedChannel opened = NettyChannelBuilder.forAddress(address.host(), address.port())
        .usePlaintext()
        .maxInboundMessageSize(MESSAGE_BYTES_MAX)
        .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
        .build();
    channel = opened;
    node = address;
    hostIndex = index;
    try {
      OpenSessionResponse response = SqlServiceGrpc.newBlockingStub(opened)
          .withDeadlineAfter(connectTimeoutMillis, TimeUnit.MILLISECONDS)
          .openSession(OpenSessionRequest.newBuilder().setDatabase(config.database()).build());
      sessionId = response.getSession();
      serverVersion = response.getServerVersion();
      lost = false;
    } catch (StatusRuntimeException e) {
      throw SqlExceptions.fromStatus(e, address.toString(), SqlExceptions.Call.STATEMENT);
    }
  }

  /** Ends the current session (best effort: its node may be gone) and shuts its channel. */
  private void dropCurrent() {
    ManagedChannel current = channel;
    String session = sessionId;
    if (current == null) {
      return;
    }
    if (session != null && !lost) {
      try {
        SqlServiceGrpc.newBlockingStub(current)
            .withDeadlineAfter(CLOSE_SESSION_DEADLINE_MILLIS, TimeUnit.MILLISECONDS)
            .closeSession(CloseSessionRequest.newBuilder().setSession(session).build());
      } catch (StatusRuntimeException e) {
        // The node may be gone or the session expired: either way it is over for us.
      }
    }
    sessionId = null;
    channel = null;
    current.shutdownNow();
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the session (its node rolls back an open transaction) and the channel. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    dropCurrent();
    closed = true;
  }

  /** Shuts the channel at once without ending the session: for close() from another thread while a call runs. */
  void abort() {
    closed = true;
    ManagedChannel current = channel;
    if (current != null) {
      current.shutdownNow();
    }
  }
}

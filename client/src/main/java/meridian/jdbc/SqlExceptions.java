package meridian.jdbc;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place where a gRPC status becomes a {@link SQLException} (STYLE.md, principle 10), and
 * where a SQLState picks its {@code SQLException} subclass.
 *
 * <p>A status the node sent carries the SQLState in the trailer {@value #SQLSTATE_TRAILER}; a
 * status without it was made by gRPC on this side (the node was unreachable, the connection broke,
 * the deadline passed). Such a transport failure during a call whose effect matters ({@link
 * Call#COMMIT}: an explicit COMMIT or an autocommit write) means the outcome is unknown (40003),
 * unless the connection was never made, which proves the call never left.
 */
final class SqlExceptions {
  static final String SQLSTATE_TRAILER = "meridian-sqlstate";
  static final Metadata.Key<String> SQLSTATE_KEY = Metadata.Key.of(SQLSTATE_TRAILER, Metadata.ASCII_STRING_MARSHALLER);

  static final String CONNECTION_FAILURE = "08006";
  static final String CONNECTION_REFUSED = "08001";
  static final String SERIALIZATION_FAILURE = "40001";
  static final String QUERY_CANCELED = "57014";
  static final String INTERNAL = "XX000";

  /** What a failed call was; it decides what an interruption in transit means. */
  enum Call {
    /** A call whose interruption changes nothing durable: a read, a statement inside a transaction. */
    STATEMENT,
    /** A call that may commit: its interruption after sending leaves the outcome unknown. */
    COMMIT
  }

  private SqlExceptions() {}

  /** The SQLState the node sent, or null for a status made on this side. */
  static String serverSqlState(StatusRuntimeException e) {
    Metadata trailers = e.getTrailers() != null ? e.getTrailers() : Status.trailersFromThrowable(e);
    return trailers == null ? null : trailers.get(SQLSTATE_KEY);
  }

  /** Maps a failed call at {@code node}. */
  static SQLException fromStatus(StatusRuntimeException e, String node, Call call) {
    Status status = e.getStatus();
    String description = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    String state = serverSqlState(e);
    if (state != null) {
      return withState(state, description + " (node " + node + ")", e);
    }
    boolean unknownCommit = call == Call.COMMIT && !neverSent(e);
    return switch (status.getCode()) {
      case UNAVAILABLE, CANCELLED -> unknownCommit
          ? outcomeUnknown(node, "the connection failed while it was in flight (" + reason(e) + ")", e)
          : status.getCode() == Status.Code.CANCELLED && e.getCause() == null
              ? new SQLTimeoutException("statement canceled (node " + node + ")", QUERY_CANCELED, e)
              : new SQLTransientConnectionException("node " + node + " unreachable (" + reason(e) + ")", CONNECTION_FAILURE, e);
      case DEADLINE_EXCEEDED -> unknownCommit
          ? outcomeUnknown(node, "no answer before the deadline", e)
          : new SQLTimeoutException("no answer from node " + node + " before the deadline", QUERY_CANCELED, e);
      case ABORTED -> new SQLTransactionRollbackException(description + " (node " + node + ")", SERIALIZATION_FAILURE, e);
      case UNKNOWN -> description.startsWith("commit outcome unknown")
          ? new MeridianOutcomeUnknownException(description + " (node " + node + ")", e)
          // A status made here from a broken connection carries its cause; one the node sent does not.
          : e.getCause() != null
              ? unknownCommit
                  ? outcomeUnknown(node, "the connection broke while it was in flight (" + reason(e) + ")", e)
                  : new SQLTransientConnectionException("connection to node " + node + " broke (" + reason(e) + ")", CONNECTION_FAILURE, e)
              : new SQLException(description + " (node " + node + ")", INTERNAL, e);
      default -> new SQLException(status.getCode() + ": " + description + " (node " + node + ")", INTERNAL, e);
    };
  }

  /**
   * True when the node may be gone, so the session must be given up: a failure gRPC made on this
   * side because of the connection, not an answer of the node.
   */
  static boolean isConnectionFailure(StatusRuntimeException e) {
    if (serverSqlState(e) != null) {
      return false;
    }
    return switch (e.getStatus().getCode()) {
      case UNAVAILABLE -> true;
      case UNKNOWN -> e.getCause() != null;
      default -> false;
    };
  }

  /** True when the connection was never made: the call provably never reached the node. */
  static boolean neverSent(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /** The subclass JDBC defines for a SQLState's class (its first two characters). */
  static SQLException withState(String state, String message, Throwable cause) {
    if (state.equals(MeridianOutcomeUnknownException.SQL_STATE)) {
      return new MeridianOutcomeUnknownException(message, cause);
    }
    if (state.equals(QUERY_CANCELED)) {
      return new SQLTimeoutException(message, state, cause);
    }
    String stateClass = state.length() >= 2 ? state.substring(0, 2) : state;
    return switch (stateClass) {
      case "42" -> new SQLSyntaxErrorException(message, state, cause);
      case "22" -> new SQLDataException(message, state, cause);
      case "23" -> new SQLIntegrityConstraintViolationException(message, state, cause);
      case "40" -> new SQLTransactionRollbackException(message, state, cause);
      case "0A" -> new SQLFeatureNotSupportedException(message, state, cause);
      case "28" -> new SQLInvalidAuthorizationSpecException(message, state, cause);
      // 08006 is a failure that a new connection may not see; the others (08001 could not
      // connect, 08003 no such session) need the user to act.
      case "08" -> state.equals(CONNECTION_FAILURE)
          ? new SQLTransientConnectionException(message, state, cause)
          : new SQLNonTransientConnectionException(message, state, cause);
      default -> new SQLException(message, state, cause);
    };
  }

  static SQLException withState(String state, String message) {
    return withState(state, message, null);
  }

  static SQLFeatureNotSupportedException notSupported(String what) {
    return new SQLFeatureNotSupportedException(what + " is not supported by Meridian", "0A000");
  }

  /** 08003: the object was closed (the JDBC state for a closed connection; used for all closed objects). */
  static SQLNonTransientConnectionException closed(String what) {
    return new SQLNonTransientConnectionException(what + " is closed", "08003");
  }

  static SQLDataException conversion(String message) {
    return new SQLDataException(message, "22018");
  }

  static SQLDataException outOfRange(String message) {
    return new SQLDataException(message, "22003");
  }

  private static MeridianOutcomeUnknownException outcomeUnknown(String node, String what, Throwable cause) {
    return new MeridianOutcomeUnknownException(
        "commit outcome unknown at node " + node + ": " + what + "; the transaction may or may not have committed", cause);
  }

  private static String reason(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    if (cause == e || message == null) {
      Status status = Status.fromThrowable(e);
      return status.getDescription() != null ? status.getDescription() : status.getCode().toString();
    }
    return cause instanceof ConnectException ? "connection refused" : message;
  }
}

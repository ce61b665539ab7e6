package meridian.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class SqlExceptionsTest {
  private static final String NODE = "10.0.0.1:7000";

  private static SQLException server(String state) {
    return SqlExceptions.fromStatus(FakeSqlServer.error(Status.Code.FAILED_PRECONDITION, state, "what happened"), NODE,
        SqlExceptions.Call.STATEMENT);
  }

  @Test
  void aServerSqlStatePicksTheSubclassByItsClass() {
    assertThat((Throwable) server("42P01")).isInstanceOf(SQLSyntaxErrorException.class);
    assertThat((Throwable) server("22003")).isInstanceOf(SQLDataException.class);
    assertThat((Throwable) server("23505")).isInstanceOf(SQLIntegrityConstraintViolationException.class);
    assertThat((Throwable) server("40001")).isInstanceOf(SQLTransactionRollbackException.class);
    assertThat((Throwable) server("40003")).isInstanceOf(MeridianOutcomeUnknownException.class);
    assertThat((Throwable) server("0A000")).isInstanceOf(SQLFeatureNotSupportedException.class);
    assertThat((Throwable) server("57014")).isInstanceOf(SQLTimeoutException.class);
    assertThat((Throwable) server("08006")).isInstanceOf(SQLTransientConnectionException.class);
    assertThat((Throwable) server("08003")).isInstanceOf(SQLNonTransientConnectionException.class);
    for (String plain : new String[] {"25006", "25P02", "54000", "XX000"}) {
      SQLException e = server(plain);
      assertThat(e.getClass()).isEqualTo(SQLException.class);
      assertThat(e.getSQLState()).isEqualTo(plain);
    }
    SQLException e = server("42703");
    assertThat(e.getSQLState()).isEqualTo("42703");
    assertThat(e.getMessage()).isEqualTo("what happened (node " + NODE + ")");
  }

  private static SQLException transport(Status status, SqlExceptions.Call call) {
    return SqlExceptions.fromStatus(status.asRuntimeException(), NODE, call);
  }

  @Test
  void transportFailuresWithoutATrailer() {
    SQLException unavailable = transport(Status.UNAVAILABLE.withDescription("io exception").withCause(new java.io.IOException("reset")),
        SqlExceptions.Call.STATEMENT);
    assertThat((Throwable) unavailable).isInstanceOf(SQLTransientConnectionException.class).hasMessageContaining(NODE);
    assertThat(unavailable.getSQLState()).isEqualTo("08006");

    SQLException timeout = transport(Status.DEADLINE_EXCEEDED, SqlExceptions.Call.STATEMENT);
    assertThat((Throwable) timeout).isInstanceOf(SQLTimeoutException.class).hasMessageContaining(NODE);
    assertThat(timeout.getSQLState()).isEqualTo("57014");

    assertThat((Throwable) transport(Status.ABORTED.withDescription("wounded"), SqlExceptions.Call.STATEMENT))
        .isInstanceOf(SQLTransactionRollbackException.class)
        .extracting(x -> ((SQLException) x).getSQLState()).isEqualTo("40001");

    assertThat((Throwable) transport(Status.UNKNOWN.withDescription("commit outcome unknown: lost"), SqlExceptions.Call.STATEMENT))
        .isInstanceOf(MeridianOutcomeUnknownException.class);

    SQLException internal = transport(Status.INTERNAL.withDescription("bug"), SqlExceptions.Call.STATEMENT);
    assertThat(internal.getSQLState()).isEqualTo("XX000");
    assertThat((Throwable) internal).hasMessageContaining("bug").hasMessageContaining(NODE);
  }

  @Test
  void aCommitInterruptedAfterSendingIsOutcomeUnknown() {
    assertThat((Throwable) transport(Status.DEADLINE_EXCEEDED, SqlExceptions.Call.COMMIT)).isInstanceOf(MeridianOutcomeUnknownException.class);
    assertThat((Throwable) transport(Status.UNAVAILABLE.withDescription("Connection closed"), SqlExceptions.Call.COMMIT))
        .isInstanceOf(MeridianOutcomeUnknownException.class)
        .hasMessageContaining(NODE);
    assertThat((Throwable) transport(Status.UNKNOWN.withCause(new java.io.IOException("broken pipe")), SqlExceptions.Call.COMMIT))
        .isInstanceOf(MeridianOutcomeUnknownException.class);
    assertThat((Throwable) transport(Status.CANCELLED, SqlExceptions.Call.COMMIT)).isInstanceOf(MeridianOutcomeUnknownException.class);
  }

  @Test
  void aCommitThatNeverConnectedDidNotHappen() {
    StatusRuntimeException refused = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused")).asRuntimeException();
    SQLException e = SqlExceptions.fromStatus(refused, NODE, SqlExceptions.Call.COMMIT);
    assertThat((Throwable) e).isInstanceOf(SQLTransientConnectionException.class).hasMessageContaining("connection refused");
    assertThat(SqlExceptions.neverSent(e)).isTrue();
    assertThat(SqlExceptions.isConnectionFailure(refused)).isTrue();
  }

  @Test
  void anAnswerOfTheNodeIsNotAConnectionFailure() {
    assertThat(SqlExceptions.isConnectionFailure(FakeSqlServer.error(Status.Code.UNAVAILABLE, "08006", "overloaded"))).isFalse();
    assertThat(SqlExceptions.isConnectionFailure(Status.UNKNOWN.withDescription("x").asRuntimeException())).isFalse();
    assertThat(SqlExceptions.isConnectionFailure(Status.DEADLINE_EXCEEDED.asRuntimeException())).isFalse();
  }
}

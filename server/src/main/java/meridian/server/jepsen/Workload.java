package meridian.server.jepsen;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * What clients do in a run, in SQL over JDBC, and which checker judges it ({@link #name()} is the
 * checker's model). Implementations are thread-safe: every client thread calls {@link #next} and
 * {@link #run} on its own connection.
 */
interface Workload {

  /** The workload's name, which is also the checker model that judges its history. */
  String name();

  /**
   * Creates (and splits, and fills) the workload's table through an autocommit connection.
   * Idempotent, since a setup that failed halfway is run again; writes its notes last.
   */
  void setup(Connection c, HistoryWriter history) throws SQLException;

  /** The next operation for a client. */
  Op next(Random random);

  /**
   * Runs {@code op} and returns its result for the {@code ok} event. Throws {@link
   * Outcomes.NotCommitted} when a transaction ended before its commit was sent; any other
   * exception is judged by {@link Outcomes}.
   */
  Object run(Connection c, Op op) throws SQLException, Outcomes.NotCommitted, Refused;

  /** True when {@code op} cannot change the database (so any failure of it is a {@code fail}). */
  boolean readOnly(Op op);

  /** Operations to run once everything has healed (final reads). */
  List<Op> finalOps();

  /** The operation was refused as such (a compare that did not match): it took no effect. */
  final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}

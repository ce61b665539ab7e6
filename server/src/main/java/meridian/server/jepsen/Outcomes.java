package meridian.server.jepsen;

import java.sql.SQLException;

/** Which failures prove that a write took no effect (see the package docs). */
final class Outcomes {
  private Outcomes() {}

  /** Thrown by a workload when a transaction ended before its commit was sent: it did not happen. */
  static final class NotCommitted extends Exception {
    private static final long serialVersionUID = 1L;

    NotCommitted(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** "fail" when {@code e} proves a write took no effect, else "info". */
  static String ofWriteFailure(Throwable e) {
    if (e instanceof NotCommitted) {
      return "fail";
    }
    if (e instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      if (state.equals("40001") || state.equals("08001")) {
        return "fail";
      }
      String stateClass = state.substring(0, Math.min(2, state.length()));
      if (stateClass.equals("22") || stateClass.equals("23") || stateClass.equals("42")) {
        return "fail";
      }
    }
    return "info";
  }

  /** True when {@code e} says the operation ran out of time (its outcome is then never "fail"). */
  static boolean isTimeout(Throwable e) {
    return e instanceof java.sql.SQLTimeoutException
        || e instanceof SQLException sql && ("57014".equals(sql.getSQLState()) || "40003".equals(sql.getSQLState()));
  }

  /**
   * The outcome of a failed operation: a read-only one that did not time out is "fail" (it changed
   * nothing); a timed-out one is always "info", as the suite records every timeout; a write is
   * judged by {@link #ofWriteFailure}.
   */
  static String of(Throwable e, boolean readOnly) {
    if (readOnly && !isTimeout(e)) {
      return "fail";
    }
    return readOnly ? "info" : ofWriteFailure(e);
  }

  /** One line for the history's note on why an operation failed. */
  static String describe(Throwable e) {
    String state = e instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() + " " : "";
    Throwable shown = e instanceof NotCommitted && e.getCause() != null ? e.getCause() : e;
    String message = String.valueOf(shown.getMessage()).replaceAll("\\s+", " ");
    return state + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
  }
}

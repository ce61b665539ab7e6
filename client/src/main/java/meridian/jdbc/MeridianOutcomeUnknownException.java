package meridian.jdbc;

import java.sql.SQLTransientException;

/**
 * SQLState 40003: a COMMIT (or an autocommit write) was interrupted after it may have reached the
 * node, so the driver cannot know whether it took effect. It is never retried by the driver:
 * retrying a commit that did happen would apply it twice. The application must find out, for
 * example by reading back what it wrote.
 */
public class MeridianOutcomeUnknownException extends SQLTransientException {
  private static final long serialVersionUID = 1L;

  public static final String SQL_STATE = "40003";

  public MeridianOutcomeUnknownException(String reason, Throwable cause) {
    super(reason, SQL_STATE, 0, cause);
  }
}

package meridian.server.sql;

import java.util.List;

/**
 * What a statement returns: rows with their columns (a query), or an update count, and the
 * timestamps a user may ask about afterwards.
 */
public record Result(
    boolean isQuery, List<Relation.Col> columns, List<Object[]> rows, long updateCount, long readMicros, long commitMicros, String message) {
  static Result query(List<Relation.Col> columns, List<Object[]> rows) {
    return new Result(true, columns, rows, 0, 0, 0, "");
  }

  static Result update(long count) {
    return new Result(false, List.of(), List.of(), count, 0, 0, "");
  }

  static Result done(String message) {
    return new Result(false, List.of(), List.of(), 0, 0, 0, message);
  }

  Result withReadMicros(long micros) {
    return new Result(isQuery, columns, rows, updateCount, micros, commitMicros, message);
  }

  Result withCommitMicros(long micros) {
    return new Result(isQuery, columns, rows, updateCount, readMicros, micros, message);
  }
}

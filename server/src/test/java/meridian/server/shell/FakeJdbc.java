package meridian.server.shell;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Just enough of java.sql for the shell's unit tests, as proxies over lists: a connection whose
 * statements answer from a {@link Responder}, result sets backed by rows of objects. A method the
 * shell is not expected to call fails the test.
 */
final class FakeJdbc {
  private FakeJdbc() {}

  /** What a statement's execute returns: a {@link ResultSet}, an update count (Integer), or a thrown SQLException. */
  interface Responder {
    Object answer(String sql) throws SQLException;
  }

  /** A result with columns (label and java.sql.Types code) and rows; null cells are SQL NULL. */
  static ResultSet rows(List<String> labels, List<Integer> types, List<Object[]> rows) {
    ResultSetMetaData meta = proxy(ResultSetMetaData.class, (p, m, a) -> switch (m.getName()) {
      case "getColumnCount" -> labels.size();
      case "getColumnLabel", "getColumnName" -> labels.get((Integer) a[0] - 1);
      case "getColumnType" -> types.get((Integer) a[0] - 1);
      default -> unexpected(m.getName());
    });
    int[] cursor = {-1};
    return proxy(ResultSet.class, (p, m, a) -> switch (m.getName()) {
      case "next" -> ++cursor[0] < rows.size();
      case "getMetaData" -> meta;
      case "getString" -> {
        Object value = cell(rows.get(cursor[0]), labels, a[0]);
        yield value == null ? null : value.toString();
      }
      case "getBytes" -> (byte[]) cell(rows.get(cursor[0]), labels, a[0]);
      case "getInt" -> {
        Object value = cell(rows.get(cursor[0]), labels, a[0]);
        yield value == null ? 0 : ((Number) value).intValue();
      }
      case "getShort" -> {
        Object value = cell(rows.get(cursor[0]), labels, a[0]);
        yield value == null ? (short) 0 : ((Number) value).shortValue();
      }
      case "getBoolean" -> Boolean.TRUE.equals(cell(rows.get(cursor[0]), labels, a[0]));
      case "close" -> null;
      default -> unexpected(m.getName());
    });
  }

  private static Object cell(Object[] row, List<String> labels, Object column) {
    int index = column instanceof Integer i ? i - 1 : labels.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + column);
    }
    return row[index];
  }

  /** A connection that answers each statement from {@code responder}, records them in {@code sent}, and serves {@code metadata}. */
  static Connection connection(Responder responder, List<String> sent, DatabaseMetaData metadata) {
    return proxy(Connection.class, (p, m, a) -> switch (m.getName()) {
      case "createStatement" -> statement(responder, sent);
      case "getMetaData" -> metadata;
      case "close" -> null;
      default -> unexpected(m.getName());
    });
  }

  static Connection connection(Responder responder, List<String> sent) {
    return connection(responder, sent, null);
  }

  private static Statement statement(Responder responder, List<String> sent) {
    Object[] answer = {null};
    return proxy(Statement.class, (p, m, a) -> switch (m.getName()) {
      case "execute" -> {
        sent.add((String) a[0]);
        answer[0] = responder.answer((String) a[0]);
        yield answer[0] instanceof ResultSet;
      }
      case "getResultSet" -> (ResultSet) answer[0];
      case "getUpdateCount" -> answer[0] instanceof Integer count ? count : -1;
      case "close", "cancel" -> null;
      default -> unexpected(m.getName());
    });
  }

  /** Metadata answering getTables, getColumns, getPrimaryKeys and getIndexInfo for the given table names. */
  static DatabaseMetaData metadata(
      ResultSetSupplier tables, Map<String, ResultSetSupplier> columns, Map<String, ResultSetSupplier> keys,
      Map<String, ResultSetSupplier> indexes) {
    return proxy(DatabaseMetaData.class, (p, m, a) -> switch (m.getName()) {
      case "getTables" -> tables.get();
      case "getColumns" -> columns.getOrDefault((String) a[2], FakeJdbc::empty).get();
      case "getPrimaryKeys" -> keys.getOrDefault((String) a[2], FakeJdbc::empty).get();
      case "getIndexInfo" -> indexes.getOrDefault((String) a[2], FakeJdbc::empty).get();
      default -> unexpected(m.getName());
    });
  }

  /** A fresh result set each call (a result set is read once). */
  interface ResultSetSupplier {
    ResultSet get();
  }

  static ResultSet empty() {
    return rows(List.of("X"), List.of(java.sql.Types.VARCHAR), List.of());
  }

  static List<Object[]> table(Object[]... rows) {
    return new ArrayList<>(List.of(rows));
  }

  private static Object unexpected(String method) {
    throw new UnsupportedOperationException("the fake does not expect " + method);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Handler handler) {
    InvocationHandler invocation = (proxy, method, args) -> {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "toString" -> "fake " + type.getSimpleName();
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        };
      }
      try {
        return handler.handle(proxy, method, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (T) Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {type}, invocation);
  }

  private interface Handler {
    Object handle(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable;
  }
}

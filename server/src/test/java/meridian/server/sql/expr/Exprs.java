package meridian.server.sql.expr;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helpers: parsing, a map-backed row, and SQLState assertions. */
final class Exprs {
  static final Instant NOW = Instant.parse("2024-05-06T07:08:09.123456789Z");

  private Exprs() {}

  static Expression parse(String sql) {
    try {
      return CCJSqlParserUtil.parseExpression(sql);
    } catch (JSQLParserException e) {
      throw new AssertionError("does not parse: " + sql, e);
    }
  }

  /** Evaluates with no columns and no parameters. */
  static Object eval(String sql) {
    return new Evaluator(List.of(), NOW).eval(parse(sql), new Row());
  }

  static Object eval(String sql, Row row, Object... parameters) {
    return new Evaluator(Arrays.asList(parameters), NOW).eval(parse(sql), row);
  }

  static Type typeOf(String sql, Row row, Object... parameters) {
    return new Evaluator(Arrays.asList(parameters), NOW).typeOf(parse(sql), row.types());
  }

  static void assertState(ThrowingCallable call, String sqlState) {
    assertThatThrownBy(call).isInstanceOf(SqlError.class)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SqlError) e).sqlState())
            .as("SQLState of: " + e.getMessage()).isEqualTo(sqlState));
  }

  /**
   * One row: columns by "name" or "table.name" with a value and a type; an unqualified name finds
   * a qualified column when only one table has it. Aggregates by their text, e.g. "SUM(x)".
   */
  static final class Row implements Scope {
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, Type> types = new HashMap<>();
    private final Map<String, Object> aggregates = new HashMap<>();

    Row with(String name, Type type, Object value) {
      values.put(name, value);
      types.put(name, type);
      return this;
    }

    Row withAggregate(String text, Object value) {
      aggregates.put(text, value);
      return this;
    }

    @Override
    public Object column(String table, String column) {
      return values.get(resolve(table, column));
    }

    @Override
    public Object aggregate(Function call) {
      if (!aggregates.containsKey(call.toString())) {
        throw new SqlError(SqlError.GROUPING, "aggregate " + call + " is not allowed here");
      }
      return aggregates.get(call.toString());
    }

    private String resolve(String table, String column) {
      if (table != null) {
        String key = table + "." + column;
        if (!types.containsKey(key)) {
          throw new SqlError(SqlError.UNDEFINED_COLUMN, "column " + key + " does not exist");
        }
        return key;
      }
      if (types.containsKey(column)) {
        return column;
      }
      List<String> matches = types.keySet().stream().filter(k -> k.endsWith("." + column)).toList();
      if (matches.size() > 1) {
        throw new SqlError(SqlError.AMBIGUOUS_COLUMN, "column " + column + " is ambiguous");
      }
      if (matches.isEmpty()) {
        throw new SqlError(SqlError.UNDEFINED_COLUMN, "column " + column + " does not exist");
      }
      return matches.get(0);
    }

    /** The same columns' types (a class cannot be both: the two column methods differ in type). */
    TypeScope types() {
      return (table, column) -> types.get(resolve(table, column));
    }
  }
}

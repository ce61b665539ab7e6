package meridian.server.sql;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meridian.server.sql.expr.Evaluator;
import meridian.server.sql.expr.Scope;
import meridian.server.sql.expr.Values;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.OrderByElement;

/** GROUP BY, aggregates (COUNT, SUM, MIN, MAX, AVG, with DISTINCT) and HAVING. */
final class Grouping {
  private Grouping() {}

  static List<Query.Row> rows(
      Relation from, List<Expression> groupBy, Expression having, List<Expression> outExprs, List<OrderByElement> orderBy, Evaluator ev) {
    List<Expression> all = new ArrayList<>(outExprs);
    if (having != null) {
      all.add(having);
    }
    if (orderBy != null) {
      orderBy.forEach(o -> all.add(o.getExpression()));
    }
    Map<String, Function> calls = new LinkedHashMap<>();
    Set<String> grouped = new HashSet<>();
    groupBy.forEach(g -> grouped.add(g instanceof Column c ? Catalog.normalize(c.getColumnName()) : g.toString()));
    for (Expression e : outExprs) {
      checkGrouped(e, grouped, groupBy);
    }
    all.forEach(e -> collect(e, calls));
    Map<Object, List<Object[]>> groups = new LinkedHashMap<>();
    for (Object[] row : from.rows) {
      List<Object> key = new ArrayList<>();
      for (Expression g : groupBy) {
        key.add(ev.eval(g, from.scope(row)));
      }
      groups.computeIfAbsent(Values.groupKey(key), k -> new ArrayList<>()).add(row);
    }
    if (groups.isEmpty() && groupBy.isEmpty()) {
      groups.put(List.of(), List.of());
    }
    List<Query.Row> out = new ArrayList<>();
    for (List<Object[]> members : groups.values()) {
      Map<String, Object> values = new LinkedHashMap<>();
      calls.forEach((text, call) -> values.put(text, aggregate(call, members, from, ev)));
      Object[] first = members.isEmpty() ? new Object[from.cols.size()] : members.get(0);
      Scope scope = new Scope() {
        @Override
        public Object column(String table, String column) {
          return first[from.indexOf(table, column)];
        }

        @Override
        public Object aggregate(Function call) {
          return values.get(call.toString());
        }
      };
      if (having != null && !ev.isTrue(having, scope)) {
        continue;
      }
      Object[] row = new Object[outExprs.size()];
      for (int i = 0; i < outExprs.size(); i++) {
        row[i] = ev.eval(outExprs.get(i), scope);
      }
      List<Object> sortKeys = new ArrayList<>();
      sortKeys.add("group");
      if (orderBy != null) {
        for (OrderByElement o : orderBy) {
          Expression e = o.getExpression();
          sortKeys.add(e instanceof net.sf.jsqlparser.expression.LongValue ? null : safeEval(ev, e, scope));
        }
      }
      out.add(new Query.Row(row, sortKeys));
    }
    return out;
  }

  private static Object safeEval(Evaluator ev, Expression e, Scope scope) {
    try {
      return ev.eval(e, scope);
    } catch (SqlError notAnExpressionOfTheGroup) {
      // ORDER BY an output alias: resolved from the output row instead.
      return null;
    }
  }

  /** A column used outside an aggregate must be grouped (42803). */
  private static void checkGrouped(Expression e, Set<String> grouped, List<Expression> groupBy) {
    if (groupBy.stream().anyMatch(g -> g.toString().equalsIgnoreCase(e.toString()))) {
      return;
    }
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Function f, S context) {
        return Evaluator.isAggregate(f) ? null : super.visit(f, context);
      }

      @Override
      public <S> Void visit(Column c, S context) {
        if (!grouped.contains(Catalog.normalize(c.getColumnName())) && !isKeyword(c)) {
          throw new SqlError(SqlError.GROUPING, "column " + c + " must appear in GROUP BY or be used in an aggregate function");
        }
        return null;
      }
    }, null);
  }

  private static boolean isKeyword(Column c) {
    String n = c.getColumnName().toLowerCase(java.util.Locale.ROOT);
    return c.getTable() == null && (n.equals("true") || n.equals("false") || n.equals("current_timestamp") || n.equals("current_date"));
  }

  private static void collect(Expression e, Map<String, Function> calls) {
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Function f, S context) {
        if (Evaluator.isAggregate(f)) {
          calls.put(f.toString(), f);
          return null;
        }
        return super.visit(f, context);
      }
    }, null);
  }

  private static Object aggregate(Function call, List<Object[]> members, Relation from, Evaluator ev) {
    String name = call.getName().toUpperCase(java.util.Locale.ROOT);
    if (call.isAllColumns() || call.getParameters() != null && call.getParameters().size() == 1
        && call.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns) {
      return (long) members.size();
    }
    if (call.getParameters() == null || call.getParameters().size() != 1) {
      throw new SqlError(SqlError.SYNTAX, name + " takes exactly one argument");
    }
    Expression arg = (Expression) call.getParameters().get(0);
    List<Object> values = new ArrayList<>();
    Set<Object> distinct = new HashSet<>();
    for (Object[] row : members) {
      Object v = ev.eval(arg, from.scope(row));
      if (v != null && (!call.isDistinct() || distinct.add(Values.groupKey(List.of(v))))) {
        values.add(v);
      }
    }
    return switch (name) {
      case "COUNT" -> (long) values.size();
      case "MIN" -> values.stream().min(Values::compare).orElse(null);
      case "MAX" -> values.stream().max(Values::compare).orElse(null);
      case "SUM" -> values.isEmpty() ? null : sum(values);
      case "AVG" -> values.isEmpty() ? null : average(values);
      default -> throw new SqlError("42883", "unknown aggregate " + name);
    };
  }

  private static Object sum(List<Object> values) {
    Object first = values.get(0);
    return switch (first) {
      case Long l -> {
        long total = 0;
        for (Object v : values) {
          if (!(v instanceof Long x)) {
            yield sumDecimal(values).doubleValue();
          }
          try {
            total = Math.addExact(total, x);
          } catch (ArithmeticException e) {
            throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "SUM overflows INT64");
          }
        }
        yield total;
      }
      case Double d -> values.stream().mapToDouble(v -> number(v).doubleValue()).sum();
      case BigDecimal n -> SqlKeys.normalize(sumDecimal(values));
      default -> throw new SqlError(SqlError.DATATYPE_MISMATCH, "SUM needs numbers, not " + Type.of(first));
    };
  }

  private static BigDecimal sumDecimal(List<Object> values) {
    BigDecimal total = BigDecimal.ZERO;
    for (Object v : values) {
      total = total.add(number(v));
    }
    return total;
  }

  private static Object average(List<Object> values) {
    BigDecimal total = sumDecimal(values);
    BigDecimal avg = total.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
    return values.get(0) instanceof BigDecimal ? SqlKeys.normalize(avg.setScale(9, java.math.RoundingMode.HALF_UP)) : avg.doubleValue();
  }

  private static BigDecimal number(Object v) {
    return switch (v) {
      case Long l -> BigDecimal.valueOf(l);
      case Double d -> BigDecimal.valueOf(d);
      case BigDecimal n -> n;
      default -> throw new SqlError(SqlError.DATATYPE_MISMATCH, "expected a number, not " + Type.of(v));
    };
  }
}

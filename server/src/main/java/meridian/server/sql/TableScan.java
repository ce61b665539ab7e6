package meridian.server.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import meridian.server.sql.expr.Evaluator;
import meridian.server.sql.expr.Scope;
import meridian.server.sql.expr.Values;
import meridian.storage.Version;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Reads the rows of one table that a WHERE clause may keep, choosing the narrowest access path
 * its conjuncts allow: a point lookup or a range of the primary key, a public index's entries, or
 * the whole table. The path only narrows what is read: callers always apply the full WHERE
 * afterwards, so a path can never change a result.
 */
final class TableScan {
  private final TableDef table;
  private final String qualifier;
  private final Evaluator evaluator;
  // Column -> value it must equal; column -> [low, high] bounds (null: open); column -> IN values.
  private final Map<String, Object> equal = new LinkedHashMap<>();
  private final Map<String, Object[]> range = new LinkedHashMap<>();
  private final Map<String, List<Object>> in = new LinkedHashMap<>();

  TableScan(TableDef table, String qualifier, Expression where, Evaluator evaluator) {
    this.table = table;
    this.qualifier = qualifier;
    this.evaluator = evaluator;
    if (where != null) {
      for (Expression c : conjuncts(where)) {
        analyze(c);
      }
    }
  }

  static List<Expression> conjuncts(Expression e) {
    List<Expression> out = new ArrayList<>();
    Expression x = unwrap(e);
    if (x instanceof AndExpression and) {
      out.addAll(conjuncts(and.getLeftExpression()));
      out.addAll(conjuncts(and.getRightExpression()));
    } else {
      out.add(x);
    }
    return out;
  }

  static Expression unwrap(Expression e) {
    while (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
      e = p.get(0);
    }
    return e;
  }

  private void analyze(Expression c) {
    switch (c) {
      case EqualsTo eq -> bound(eq.getLeftExpression(), eq.getRightExpression(), "=");
      case GreaterThan gt -> bound(gt.getLeftExpression(), gt.getRightExpression(), ">");
      case GreaterThanEquals ge -> bound(ge.getLeftExpression(), ge.getRightExpression(), ">");
      case MinorThan lt -> bound(lt.getLeftExpression(), lt.getRightExpression(), "<");
      case MinorThanEquals le -> bound(le.getLeftExpression(), le.getRightExpression(), "<");
      case Between b when !b.isNot() -> {
        String col = ownColumn(b.getLeftExpression());
        Object lo = constant(col, b.getBetweenExpressionStart());
        Object hi = constant(col, b.getBetweenExpressionEnd());
        if (col != null && lo != null && hi != null) {
          narrow(col, lo, hi);
        }
      }
      case InExpression i when !i.isNot() && i.getRightExpression() instanceof ExpressionList<?> list -> {
        String col = ownColumn(i.getLeftExpression());
        if (col == null || list.size() > Limits.PARAMETERS_MAX) {
          return;
        }
        List<Object> values = new ArrayList<>();
        for (Expression e : list) {
          Object v = constant(col, e);
          if (v == null) {
            return;
          }
          values.add(v);
        }
        in.put(col, values);
      }
      default -> {}
    }
  }

  private void bound(Expression left, Expression right, String op) {
    String col = ownColumn(left);
    Expression other = right;
    String dir = op;
    if (col == null) {
      col = ownColumn(right);
      other = left;
      dir = op.equals(">") ? "<" : op.equals("<") ? ">" : op;
    }
    Object v = constant(col, other);
    if (col == null || v == null) {
      return;
    }
    switch (dir) {
      case "=" -> equal.put(col, v);
      case ">" -> narrow(col, v, null);
      default -> narrow(col, null, v);
    }
  }

  private void narrow(String col, Object lo, Object hi) {
    Object[] b = range.computeIfAbsent(col, k -> new Object[2]);
    if (lo != null && (b[0] == null || Values.compare(lo, b[0]) > 0)) {
      b[0] = lo;
    }
    if (hi != null && (b[1] == null || Values.compare(hi, b[1]) < 0)) {
      b[1] = hi;
    }
  }

  /** The column of this table that {@code e} names, or null. */
  private String ownColumn(Expression e) {
    if (!(unwrap(e) instanceof Column c)) {
      return null;
    }
    String q = c.getTable() == null || c.getTable().getName() == null ? null : Catalog.normalize(c.getTable().getName());
    if (q != null && !q.equals(qualifier)) {
      return null;
    }
    String name = Catalog.normalize(c.getColumnName());
    return table.column(name).isPresent() ? name : null;
  }

  /** {@code e} evaluated as a constant of {@code col}'s type, or null if it is not one. */
  private Object constant(String col, Expression e) {
    if (col == null || !isConstant(e)) {
      return null;
    }
    try {
      Object v = evaluator.eval(e, NO_COLUMNS);
      return v == null ? null : Values.coerce(v, table.columnOrThrow(col).type(), "column " + col);
    } catch (SqlError notUsable) {
      return null;
    }
  }

  private static boolean isConstant(Expression e) {
    final boolean[] hasColumn = {false};
    e.accept(new net.sf.jsqlparser.expression.ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Column column, S context) {
        hasColumn[0] = true;
        return null;
      }

      @Override
      public <S> Void visit(Function function, S context) {
        hasColumn[0] |= Evaluator.isAggregate(function);
        return super.visit(function, context);
      }
    }, null);
    return !hasColumn[0];
  }

  private static final Scope NO_COLUMNS = new Scope() {
    @Override
    public Object column(String table, String column) {
      throw new SqlError(SqlError.UNDEFINED_COLUMN, "not a constant");
    }

    @Override
    public Object aggregate(Function call) {
      throw new SqlError(SqlError.GROUPING, "not a constant");
    }
  };

  /** How the rows will be found, for EXPLAIN. */
  String describe() {
    return switch (plan()) {
      case Plan.Point p -> "point lookup of " + p.keys().size() + " key(s) on the primary key of " + table.name();
      case Plan.KeyRange r -> r.prefixColumns() == 0 && !r.bounded()
          ? "full scan of " + table.name()
          : "range scan of the primary key of " + table.name() + " (" + r.prefixColumns() + " column(s) fixed"
              + (r.bounded() ? ", a range on the next" : "") + ")";
      case Plan.IndexLookup i -> "index lookup on " + i.index().name() + " of " + table.name() + " (" + i.values().size() + " column(s) fixed)";
    };
  }

  sealed interface Plan {
    record Point(List<byte[]> keys) implements Plan {}

    record KeyRange(byte[] start, byte[] end, int prefixColumns, boolean bounded) implements Plan {}

    record IndexLookup(IndexDef index, List<Object> values) implements Plan {}
  }

  Plan plan() {
    List<ColumnDef> pk = table.primaryKeyColumns();
    List<Object> prefix = new ArrayList<>();
    for (ColumnDef c : pk) {
      if (!equal.containsKey(c.name())) {
        break;
      }
      prefix.add(equal.get(c.name()));
    }
    List<Type> types = pk.stream().map(ColumnDef::type).toList();
    byte[] rows = SqlKeys.indexPrefix(table.id(), SqlKeys.PRIMARY);
    if (prefix.size() == pk.size()) {
      return new Plan.Point(List.of(SqlKeys.key(rows, types, prefix)));
    }
    ColumnDef next = pk.get(prefix.size());
    if (prefix.size() == pk.size() - 1 && in.containsKey(next.name())) {
      List<byte[]> keys = new ArrayList<>();
      for (Object v : in.get(next.name())) {
        List<Object> full = new ArrayList<>(prefix);
        full.add(v);
        keys.add(SqlKeys.key(rows, types, full));
      }
      return new Plan.Point(keys);
    }
    if (prefix.isEmpty() && !range.containsKey(next.name())) {
      for (IndexDef index : table.indexes()) {
        if (index.state() == IndexDef.State.PUBLIC && equal.containsKey(index.columns().get(0))) {
          List<Object> values = new ArrayList<>();
          for (String c : index.columns()) {
            if (!equal.containsKey(c)) {
              break;
            }
            values.add(equal.get(c));
          }
          return new Plan.IndexLookup(index, values);
        }
      }
    }
    byte[] base = SqlKeys.key(rows, types, prefix);
    byte[] start = base;
    byte[] end = KeyBounds.after(base);
    Object[] b = range.get(next.name());
    if (b != null) {
      List<Type> withNext = types.subList(0, prefix.size() + 1);
      if (b[0] != null) {
        List<Object> lo = new ArrayList<>(prefix);
        lo.add(b[0]);
        start = SqlKeys.key(rows, withNext, lo);
      }
      if (b[1] != null) {
        List<Object> hi = new ArrayList<>(prefix);
        hi.add(b[1]);
        end = KeyBounds.after(SqlKeys.key(rows, withNext, hi));
      }
    }
    return new Plan.KeyRange(start, end, prefix.size(), b != null);
  }

  /** The rows the plan finds (all columns, table order), at most {@link Limits#ROWS_MAX}. */
  List<Object[]> rows(Access access) {
    return switch (plan()) {
      case Plan.Point p -> decode(access.get(p.keys()));
      case Plan.KeyRange r -> decode(scanAll(access, r.start(), r.end()));
      case Plan.IndexLookup i -> {
        byte[] prefix = IndexEntries.prefix(table, i.index(), i.values());
        List<byte[]> keys = new ArrayList<>();
        for (Version entry : scanAll(access, prefix, KeyBounds.after(prefix))) {
          keys.add(SqlKeys.rowKey(table, IndexEntries.primaryKey(table, entry.value())));
        }
        yield decode(access.get(keys));
      }
    };
  }

  static List<Version> scanAll(Access access, byte[] start, byte[] end) {
    List<Version> out = new ArrayList<>();
    byte[] from = start;
    while (true) {
      Access.Page page = access.scan(from, end, Limits.SCAN_PAGE_ROWS);
      out.addAll(page.rows());
      if (out.size() > Limits.ROWS_MAX) {
        throw new SqlError(SqlError.PROGRAM_LIMIT, "the statement would read more than " + Limits.ROWS_MAX
            + " rows; narrow its WHERE clause (a primary-key or index condition) or split the work");
      }
      if (!page.more()) {
        return out;
      }
      from = page.resumeKey();
    }
  }

  private List<Object[]> decode(List<Version> versions) {
    List<Object[]> out = new ArrayList<>(versions.size());
    for (Version v : versions) {
      out.add(RowCodec.decode(table, v.key(), v.value()));
    }
    return out;
  }
}

package meridian.server.sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import meridian.server.sql.expr.Evaluator;
import meridian.server.sql.expr.Values;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Runs a SELECT: FROM and joins (nested loops; a join on the inner table's whole primary key is
 * a point lookup per outer row), WHERE, GROUP BY with aggregates, HAVING, the select list,
 * DISTINCT, ORDER BY, OFFSET and LIMIT. Everything is materialized, within {@link Limits#ROWS_MAX}.
 */
final class Query {
  private final Catalog catalog;
  private final Access access;
  private final Evaluator evaluator;
  private final List<String> plan = new ArrayList<>();

  Query(Catalog catalog, Access access, Evaluator evaluator) {
    this.catalog = catalog;
    this.access = access;
    this.evaluator = evaluator;
  }

  Evaluator evaluator() {
    return evaluator;
  }

  /** The access paths the last {@link #run} chose (for EXPLAIN). */
  List<String> plan() {
    return plan;
  }

  Result run(Select select) {
    if (!(select instanceof PlainSelect ps)) {
      throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "only plain SELECT is supported (no UNION, INTERSECT, EXCEPT or VALUES lists)");
    }
    if (ps.getWithItemsList() != null && !ps.getWithItemsList().isEmpty()) {
      throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "WITH is not supported");
    }
    Relation from = from(ps);
    List<Object[]> kept = new ArrayList<>();
    for (Object[] row : from.rows) {
      if (ps.getWhere() == null || evaluator.isTrue(ps.getWhere(), from.scope(row))) {
        kept.add(row);
      }
    }
    Relation filtered = new Relation(from.cols, kept);
    List<Expression> groupBy = ps.getGroupBy() == null ? List.of() : new ArrayList<>(ps.getGroupBy().getGroupByExpressionList());
    boolean aggregate = !groupBy.isEmpty() || ps.getHaving() != null || usesAggregates(ps);
    List<Relation.Col> outCols = new ArrayList<>();
    List<Expression> outExprs = new ArrayList<>();
    expandSelectList(ps, filtered, outCols, outExprs);
    List<Row> rows = aggregate ? Grouping.rows(filtered, groupBy, ps.getHaving(), outExprs, ps.getOrderByElements(), evaluator)
        : project(filtered, outExprs);
    if (ps.getDistinct() != null) {
      if (ps.getDistinct().getOnSelectItems() != null) {
        throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "DISTINCT ON is not supported");
      }
      Set<Object> seen = new HashSet<>();
      rows.removeIf(r -> !seen.add(Values.groupKey(List.of(r.out()))));
    }
    if (ps.getOrderByElements() != null) {
      sort(rows, ps.getOrderByElements(), outCols, filtered);
    }
    List<Object[]> out = rows.stream().map(Row::out).toList();
    return Result.query(outCols, limit(ps, out));
  }

  /** One output row, with what it was computed from (a source row, or a group's scope) for ORDER BY. */
  record Row(Object[] out, List<Object> sortKeys) {}

  private Relation from(PlainSelect ps) {
    if (ps.getFromItem() == null) {
      return new Relation(List.of(), new ArrayList<>(List.<Object[]>of(new Object[0])));
    }
    Relation left = source(ps.getFromItem(), ps.getWhere(), ps.getJoins() == null || ps.getJoins().isEmpty());
    if (ps.getJoins() != null) {
      for (Join join : ps.getJoins()) {
        left = Joins.join(left, join, this);
      }
    }
    return left;
  }

  /** The rows of one FROM item; {@code where} narrows the read when the item stands alone. */
  Relation source(FromItem item, Expression where, boolean alone) {
    if (!(item instanceof Table t)) {
      throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "FROM supports tables only (no subqueries or functions): " + item);
    }
    String qualifier = qualifier(t);
    if (t.getSchemaName() != null && Catalog.normalize(t.getSchemaName()).equals("information_schema")) {
      return InformationSchema.relation(catalog, Catalog.normalize(t.getName()), qualifier);
    }
    if (t.getSchemaName() != null) {
      throw new SqlError(SqlError.UNDEFINED_TABLE, "schema " + t.getSchemaName() + " does not exist (tables live in the default schema)");
    }
    TableDef def = catalog.table(t.getName());
    TableScan scan = new TableScan(def, qualifier, alone ? where : null, evaluator);
    plan.add(scan.describe());
    return Relation.of(def, qualifier, new ArrayList<>(scan.rows(access)));
  }

  static String qualifier(Table t) {
    Alias alias = t.getAlias();
    return Catalog.normalize(alias != null ? alias.getName() : t.getName());
  }

  private static boolean usesAggregates(PlainSelect ps) {
    for (SelectItem<?> item : ps.getSelectItems()) {
      if (item.getExpression() != null && Evaluator.containsAggregate(item.getExpression())) {
        return true;
      }
    }
    return false;
  }

  private void expandSelectList(PlainSelect ps, Relation from, List<Relation.Col> cols, List<Expression> exprs) {
    for (SelectItem<?> item : ps.getSelectItems()) {
      Expression e = item.getExpression();
      if (e instanceof AllColumns && !(e instanceof AllTableColumns)) {
        for (Relation.Col c : from.cols) {
          cols.add(c);
          exprs.add(new Column(new Table(c.qualifier()), c.name()));
        }
      } else if (e instanceof AllTableColumns all) {
        String q = Catalog.normalize(all.getTable().getName());
        boolean any = false;
        for (Relation.Col c : from.cols) {
          if (c.qualifier().equals(q)) {
            cols.add(c);
            exprs.add(new Column(new Table(c.qualifier()), c.name()));
            any = true;
          }
        }
        if (!any) {
          throw new SqlError(SqlError.UNDEFINED_TABLE, "missing FROM-clause entry for table " + q);
        }
      } else {
        String name = item.getAlias() != null ? Catalog.normalize(item.getAlias().getName())
            : e instanceof Column c ? Catalog.normalize(c.getColumnName()) : e.toString().toLowerCase(Locale.ROOT);
        Type type = evaluator.typeOf(e, from.types());
        boolean plainColumn = e instanceof Column;
        Relation.Col source = plainColumn ? from.cols.get(from.indexOf(tableOf((Column) e), ((Column) e).getColumnName())) : null;
        cols.add(new Relation.Col(null, name, type == null ? Type.STRING : type, source == null || source.nullable(), source == null ? "" : source.table()));
        exprs.add(e);
      }
    }
  }

  static String tableOf(Column c) {
    return c.getTable() == null || c.getTable().getName() == null ? null : c.getTable().getName();
  }

  private List<Row> project(Relation from, List<Expression> exprs) {
    List<Row> rows = new ArrayList<>(from.rows.size());
    for (Object[] source : from.rows) {
      var scope = from.scope(source);
      Object[] out = new Object[exprs.size()];
      for (int i = 0; i < exprs.size(); i++) {
        out[i] = evaluator.eval(exprs.get(i), scope);
      }
      rows.add(new Row(out, java.util.Collections.singletonList(source)));
    }
    return rows;
  }

  /** Sorts by ORDER BY: an output position, an output name, or an expression over the source row. */
  private void sort(List<Row> rows, List<OrderByElement> order, List<Relation.Col> outCols, Relation from) {
    Map<Row, Object[]> keys = new LinkedHashMap<>();
    for (Row r : rows) {
      Object[] k = new Object[order.size()];
      for (int i = 0; i < order.size(); i++) {
        k[i] = sortValue(order.get(i).getExpression(), r, outCols, from, i);
      }
      keys.put(r, k);
    }
    Comparator<Row> cmp = (a, b) -> {
      for (int i = 0; i < order.size(); i++) {
        OrderByElement o = order.get(i);
        Object x = keys.get(a)[i];
        Object y = keys.get(b)[i];
        boolean nullsLast = o.getNullOrdering() == OrderByElement.NullOrdering.NULLS_LAST
            || (o.getNullOrdering() == null && !o.isAsc());
        int c;
        if (x == null || y == null) {
          c = x == y ? 0 : (x == null) == nullsLast ? 1 : -1;
          if (c != 0) {
            return c;
          }
          continue;
        }
        c = Values.compare(x, y);
        if (c != 0) {
          return o.isAsc() ? c : -c;
        }
      }
      return 0;
    };
    rows.sort(cmp);
  }

  private Object sortValue(Expression e, Row r, List<Relation.Col> outCols, Relation from, int i) {
    if (e instanceof LongValue position) {
      long p = position.getValue();
      if (p < 1 || p > outCols.size()) {
        throw new SqlError(SqlError.INVALID_PARAMETER, "ORDER BY position " + p + " is not in the select list (1.." + outCols.size() + ")");
      }
      return r.out()[(int) p - 1];
    }
    if (e instanceof Column c && tableOf(c) == null) {
      String n = Catalog.normalize(c.getColumnName());
      for (int k = 0; k < outCols.size(); k++) {
        if (outCols.get(k).name().equals(n) && outCols.get(k).qualifier() == null) {
          return r.out()[k];
        }
      }
    }
    Object source = r.sortKeys().get(0);
    if (source instanceof Object[] row) {
      return evaluator.eval(e, from.scope(row));
    }
    // A group: its sort keys were computed when it was aggregated.
    return r.sortKeys().get(1 + i);
  }

  private List<Object[]> limit(PlainSelect ps, List<Object[]> rows) {
    long offset = 0;
    if (ps.getOffset() != null) {
      offset = count(ps.getOffset().getOffset(), "OFFSET");
    }
    if (ps.getLimit() != null && ps.getLimit().getOffset() != null) {
      offset = count(ps.getLimit().getOffset(), "OFFSET");
    }
    long limit = Long.MAX_VALUE;
    if (ps.getLimit() != null && ps.getLimit().getRowCount() != null && !ps.getLimit().isLimitAll() && !ps.getLimit().isLimitNull()) {
      limit = count(ps.getLimit().getRowCount(), "LIMIT");
    }
    int from = (int) Math.min(rows.size(), offset);
    int to = (int) Math.min(rows.size(), from + Math.min(limit, Integer.MAX_VALUE));
    return rows.subList(from, to);
  }

  private long count(Expression e, String what) {
    Object v = evaluator.eval(e, new Relation(List.of(), List.of()).scope(new Object[0]));
    if (!(v instanceof Long n) || n < 0) {
      throw new SqlError(SqlError.INVALID_PARAMETER, what + " must be a non-negative integer, not " + Values.show(v));
    }
    return n;
  }
}

package meridian.server.sql;

import java.util.ArrayList;
import java.util.List;
import meridian.server.sql.expr.Evaluator;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.update.Update;

/** EXPLAIN: the steps a statement would take, without running it. */
final class Explain {
  private Explain() {}

  static List<String> describe(Statement statement, Catalog catalog, Evaluator ev) {
    List<String> lines = new ArrayList<>();
    switch (statement) {
      case PlainSelect ps -> {
        if (ps.getFromItem() instanceof Table t) {
          lines.add(access(catalog, t, ps.getJoins() == null || ps.getJoins().isEmpty() ? ps.getWhere() : null, ev));
        } else if (ps.getFromItem() == null) {
          lines.add("one row (no FROM)");
        }
        if (ps.getJoins() != null) {
          Relation left = shape(catalog, ps.getFromItem());
          for (Join j : ps.getJoins()) {
            String kind = j.isLeft() ? "left" : "inner";
            Relation right = shape(catalog, j.getRightItem());
            net.sf.jsqlparser.expression.Expression on = j.getOnExpressions() == null || j.getOnExpressions().isEmpty()
                ? null : j.getOnExpressions().iterator().next();
            if (on != null && j.getRightItem() instanceof Table t && t.getSchemaName() == null
                && KeyJoin.keyExpressions(left, catalog.table(t.getName()), Query.qualifier(t), on) != null) {
              lines.add(kind + " join by primary-key lookups into " + catalog.table(t.getName()).name());
            } else {
              lines.add(kind + " nested-loop join with " + (j.getRightItem() instanceof Table t ? access(catalog, t, null, ev) : j.getRightItem()));
            }
            List<Relation.Col> cols = new ArrayList<>(left.cols);
            cols.addAll(right.cols);
            left = new Relation(cols, List.of());
          }
        }
        if (ps.getWhere() != null) {
          lines.add("filter: " + ps.getWhere());
        }
        if (ps.getGroupBy() != null || ps.getHaving() != null) {
          lines.add("aggregate" + (ps.getGroupBy() != null ? " by " + ps.getGroupBy().getGroupByExpressionList() : "")
              + (ps.getHaving() != null ? ", having " + ps.getHaving() : ""));
        }
        if (ps.getDistinct() != null) {
          lines.add("distinct");
        }
        if (ps.getOrderByElements() != null) {
          lines.add("sort by " + ps.getOrderByElements());
        }
        if (ps.getLimit() != null || ps.getOffset() != null) {
          lines.add("limit/offset");
        }
      }
      case Update u -> {
        lines.add(access(catalog, u.getTable(), u.getWhere(), ev) + " under shared locks");
        lines.add("update matching rows and their index entries");
      }
      case Delete d -> {
        lines.add(access(catalog, d.getTable(), d.getWhere(), ev) + " under shared locks");
        lines.add("delete matching rows and their index entries");
      }
      case Insert i -> {
        TableDef t = catalog.table(i.getTable().getName());
        lines.add("insert into " + t.name() + " (point reads of each primary key under locks, then " + t.indexes().size() + " index(es) maintained)");
      }
      default -> throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "EXPLAIN supports SELECT, INSERT, UPDATE and DELETE");
    }
    return lines;
  }

  /** The columns a FROM item brings, without its rows. */
  private static Relation shape(Catalog catalog, net.sf.jsqlparser.statement.select.FromItem item) {
    if (item instanceof Table t && t.getSchemaName() == null) {
      return Relation.of(catalog.table(t.getName()), Query.qualifier(t), List.of());
    }
    return new Relation(List.of(), List.of());
  }

  private static String access(Catalog catalog, Table t, net.sf.jsqlparser.expression.Expression where, Evaluator ev) {
    if (t.getSchemaName() != null && Catalog.normalize(t.getSchemaName()).equals("information_schema")) {
      return "information schema " + Catalog.normalize(t.getName());
    }
    return new TableScan(catalog.table(t.getName()), Query.qualifier(t), where, ev).describe();
  }
}

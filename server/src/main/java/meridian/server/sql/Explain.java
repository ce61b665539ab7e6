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
          for (Join j : ps.getJoins()) {
            lines.add((j.isLeft() ? "left" : "inner") + " nested-loop join with " + (j.getRightItem() instanceof Table t
                ? access(catalog, t, null, ev) : j.getRightItem().toString()));
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

  private static String access(Catalog catalog, Table t, net.sf.jsqlparser.expression.Expression where, Evaluator ev) {
    if (t.getSchemaName() != null && Catalog.normalize(t.getSchemaName()).equals("information_schema")) {
      return "information schema " + Catalog.normalize(t.getName());
    }
    return new TableScan(catalog.table(t.getName()), Query.qualifier(t), where, ev).describe();
  }
}

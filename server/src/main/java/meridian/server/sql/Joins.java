package meridian.server.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.statement.select.Join;

/** Inner, left outer and cross joins, as nested loops over the materialized inner side. */
final class Joins {
  private Joins() {}

  static Relation join(Relation left, Join join, Query query) {
    if (join.isRight() || join.isFull() || join.isNatural()) {
      throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "only INNER, LEFT and CROSS joins are supported");
    }
    if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty()) {
      throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "JOIN ... USING is not supported; write ON a.x = b.x");
    }
    Expression on = null;
    if (join.getOnExpressions() != null) {
      for (Expression e : join.getOnExpressions()) {
        on = on == null ? e : new AndExpression(on, e);
      }
    }
    boolean outer = join.isLeft();
    if (on == null && !(join.isCross() || join.isSimple() || join.isInner() && !outer)) {
      throw new SqlError(SqlError.SYNTAX, "a join needs an ON condition");
    }
    Relation right = query.source(join.getRightItem(), null, false);
    List<Relation.Col> cols = new ArrayList<>(left.cols);
    cols.addAll(right.cols);
    Relation joined = new Relation(cols, List.of());
    List<Object[]> rows = new ArrayList<>();
    Object[] nulls = new Object[right.cols.size()];
    var evaluator = query.evaluator();
    for (Object[] l : left.rows) {
      boolean matched = false;
      for (Object[] r : right.rows) {
        Object[] both = Relation.concat(l, r);
        if (on == null || evaluator.isTrue(on, joined.scope(both))) {
          rows.add(both);
          matched = true;
          if (rows.size() > Limits.ROWS_MAX) {
            throw new SqlError(SqlError.PROGRAM_LIMIT, "the join would produce more than " + Limits.ROWS_MAX + " rows");
          }
        }
      }
      if (outer && !matched) {
        rows.add(Relation.concat(l, nulls));
      }
    }
    return new Relation(cols, rows);
  }
}

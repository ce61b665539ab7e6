package meridian.server.sql;

import java.util.ArrayList;
import java.util.List;
import meridian.server.sql.expr.Scope;
import meridian.server.sql.expr.TypeScope;

/**
 * Rows with named columns: a table's rows, a join's, or a query's result. Column lookups follow
 * SQL: a qualified name matches its table (or alias); an unqualified one must match exactly one
 * column.
 */
final class Relation {
  /** A column: {@code qualifier} is the alias or table name it is reached by. */
  record Col(String qualifier, String name, Type type, boolean nullable, String table) {}

  final List<Col> cols;
  final List<Object[]> rows;

  Relation(List<Col> cols, List<Object[]> rows) {
    this.cols = List.copyOf(cols);
    this.rows = rows;
  }

  static Relation of(TableDef t, String qualifier, List<Object[]> rows) {
    List<Col> cols = new ArrayList<>();
    for (ColumnDef c : t.columns()) {
      cols.add(new Col(qualifier, c.name(), c.type(), c.nullable(), t.name()));
    }
    return new Relation(cols, rows);
  }

  int indexOf(String qualifier, String name) {
    String q = qualifier == null ? null : Catalog.normalize(qualifier);
    String n = Catalog.normalize(name);
    int found = -1;
    for (int i = 0; i < cols.size(); i++) {
      Col c = cols.get(i);
      if (c.name().equals(n) && (q == null || q.equals(c.qualifier()))) {
        if (found >= 0) {
          throw new SqlError(SqlError.AMBIGUOUS_COLUMN, "column reference " + n + " is ambiguous");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new SqlError(SqlError.UNDEFINED_COLUMN, "column " + (q == null ? "" : q + ".") + n + " does not exist");
    }
    return found;
  }

  /** Evaluation scope over one row; aggregates are not allowed (42803). */
  Scope scope(Object[] row) {
    return new Scope() {
      @Override
      public Object column(String table, String column) {
        return row[indexOf(table, column)];
      }

      @Override
      public Object aggregate(net.sf.jsqlparser.expression.Function call) {
        throw new SqlError(SqlError.GROUPING, "aggregate functions are not allowed here: " + call);
      }
    };
  }

  TypeScope types() {
    return (table, column) -> cols.get(indexOf(table, column)).type();
  }

  /** This relation's columns followed by {@code right}'s, rows concatenated. */
  static Object[] concat(Object[] left, Object[] right) {
    Object[] out = new Object[left.length + right.length];
    System.arraycopy(left, 0, out, 0, left.length);
    System.arraycopy(right, 0, out, left.length, right.length);
    return out;
  }
}

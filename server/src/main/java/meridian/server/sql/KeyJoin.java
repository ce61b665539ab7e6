package meridian.server.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import meridian.server.sql.expr.Scope;
import meridian.server.sql.expr.Values;
import meridian.storage.Version;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;

/**
 * A join whose ON clause fixes the inner table's whole primary key from the outer row's columns
 * ({@code JOIN items i ON o.item = i.id}): only the inner rows those keys name are read, by point
 * lookups in batches, instead of the whole inner table.
 */
final class KeyJoin {
  private static final int BATCH_KEYS = 1_000;

  private KeyJoin() {}

  /** The inner rows the outer rows can match, or null when ON does not fix the primary key. */
  static Relation lookup(Relation left, FromItem item, Expression on, Query query) {
    if (on == null || !(item instanceof Table t) || t.getSchemaName() != null) {
      return null;
    }
    TableDef def = query.catalog().table(t.getName());
    String qualifier = Query.qualifier(t);
    Map<String, Expression> keyExprs = keyExpressions(left, def, qualifier, on);
    if (keyExprs == null) {
      return null;
    }
    List<byte[]> keys = new ArrayList<>();
    for (Object[] row : left.rows) {
      Scope scope = left.scope(row);
      List<Object> pk = new ArrayList<>();
      for (ColumnDef c : def.primaryKeyColumns()) {
        Object v = query.evaluator().eval(keyExprs.get(c.name()), scope);
        try {
          pk.add(v == null ? null : Values.coerce(v, c.type(), "column " + c.name()));
        } catch (SqlError cannotMatch) {
          pk = null;
          break;
        }
      }
      if (pk != null && !pk.contains(null)) {
        keys.add(SqlKeys.rowKey(def, pk));
      }
    }
    Map<meridian.txn.Key, Object[]> found = new HashMap<>();
    for (int i = 0; i < keys.size(); i += BATCH_KEYS) {
      for (Version v : query.access().get(distinct(keys.subList(i, Math.min(keys.size(), i + BATCH_KEYS))))) {
        found.put(meridian.txn.Key.of(v.key()), RowCodec.decode(def, v.key(), v.value()));
      }
    }
    query.plan().add("primary-key lookups into " + def.name() + " for " + keys.size() + " outer row(s)");
    return Relation.of(def, qualifier, new ArrayList<>(found.values()));
  }

  /** For each primary-key column of the inner table, the outer expression ON equates it with; null unless all are. */
  static Map<String, Expression> keyExpressions(Relation left, TableDef def, String qualifier, Expression on) {
    Map<String, Expression> keyExprs = new HashMap<>();
    for (Expression c : TableScan.conjuncts(on)) {
      if (c instanceof EqualsTo eq) {
        match(def, qualifier, eq.getLeftExpression(), eq.getRightExpression(), left, keyExprs);
        match(def, qualifier, eq.getRightExpression(), eq.getLeftExpression(), left, keyExprs);
      }
    }
    return keyExprs.keySet().containsAll(def.primaryKey()) ? keyExprs : null;
  }

  private static List<byte[]> distinct(List<byte[]> keys) {
    Map<meridian.txn.Key, byte[]> unique = new java.util.LinkedHashMap<>();
    keys.forEach(k -> unique.put(meridian.txn.Key.of(k), k));
    return new ArrayList<>(unique.values());
  }

  /** Records {@code inner = outer} when inner is a key column of the table and outer uses outer columns only. */
  private static void match(TableDef def, String qualifier, Expression inner, Expression outer, Relation left, Map<String, Expression> out) {
    if (!(TableScan.unwrap(inner) instanceof Column c)) {
      return;
    }
    String q = Query.tableOf(c) == null ? null : Catalog.normalize(Query.tableOf(c));
    String name = Catalog.normalize(c.getColumnName());
    if (q == null || !q.equals(qualifier) || !def.isKey(name) || !onlyOuter(outer, left, def)) {
      return;
    }
    out.putIfAbsent(name, outer);
  }

  private static boolean onlyOuter(Expression e, Relation left, TableDef inner) {
    boolean[] ok = {true};
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Column c, S context) {
        String q = Query.tableOf(c);
        try {
          left.indexOf(q, c.getColumnName());
          if (q == null && inner.column(Catalog.normalize(c.getColumnName())).isPresent()) {
            ok[0] = false;
          }
        } catch (SqlError notOuter) {
          ok[0] = false;
        }
        return null;
      }
    }, null);
    return ok[0];
  }
}

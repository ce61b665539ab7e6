package meridian.server.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import meridian.server.sql.expr.Evaluator;
import meridian.server.sql.expr.Scope;
import meridian.server.sql.expr.Values;
import meridian.storage.Version;
import meridian.txn.Key;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * INSERT, INSERT OR UPDATE, UPDATE and DELETE. Rows are read under the transaction's locks, every
 * write updates the table's indexes in the same transaction, and {@code written} records the
 * schema each written table was first planned with, for the check at commit.
 */
final class Dml {
  private final Catalog catalog;
  private final Access access;
  private final Evaluator evaluator;
  private final Map<Long, TableDef> written;

  Dml(Catalog catalog, Access access, Evaluator evaluator, Map<Long, TableDef> written) {
    this.catalog = catalog;
    this.access = access;
    this.evaluator = evaluator;
    this.written = written;
  }

  Result insert(Insert ins, boolean upsert) {
    TableDef t = target(ins.getTable().getName());
    List<Integer> positions = new ArrayList<>();
    if (ins.getColumns() == null || ins.getColumns().isEmpty()) {
      for (int i = 0; i < t.columns().size(); i++) {
        positions.add(i);
      }
    } else {
      Set<String> seen = new HashSet<>();
      for (Column c : ins.getColumns()) {
        String name = Catalog.normalize(c.getColumnName());
        t.columnOrThrow(name);
        if (!seen.add(name)) {
          throw new SqlError(SqlError.DUPLICATE_COLUMN, "column " + name + " is named twice in the INSERT");
        }
        positions.add(t.position(name));
      }
    }
    List<List<Object>> values = sourceRows(ins);
    List<Object[]> rows = new ArrayList<>();
    for (List<Object> v : values) {
      if (v.size() != positions.size()) {
        throw new SqlError(SqlError.SYNTAX, "INSERT has " + positions.size() + " target columns but a row of " + v.size() + " values");
      }
      Object[] row = new Object[t.columns().size()];
      for (int i = 0; i < v.size(); i++) {
        ColumnDef c = t.columns().get(positions.get(i));
        row[positions.get(i)] = store(v.get(i), c);
      }
      rows.add(row);
    }
    // One locking read for every row key, then the writes.
    List<byte[]> keys = rows.stream().map(r -> SqlKeys.rowKey(t, IndexEntries.pk(t, r))).toList();
    Map<Key, Version> existing = new HashMap<>();
    access.get(keys).forEach(v -> existing.put(Key.of(v.key()), v));
    Set<Key> inserted = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      byte[] key = keys.get(i);
      Version old = existing.get(Key.of(key));
      boolean again = !inserted.add(Key.of(key));
      if ((old != null || again) && !upsert) {
        throw new SqlError(SqlError.UNIQUE_VIOLATION, "duplicate primary key " + IndexEntries.show(IndexEntries.pk(t, row)) + " in table " + t.name());
      }
      Object[] before = old == null ? null : RowCodec.decode(t, old.key(), old.value());
      if (again) {
        before = RowCodec.decode(t, key, access.get(List.of(key)).get(0).value());
      }
      if (before != null) {
        // INSERT OR UPDATE keeps the columns the statement does not name.
        Object[] merged = before.clone();
        for (int p : positions) {
          merged[p] = row[p];
        }
        row = merged;
      }
      checkNotNull(t, row);
      IndexEntries.update(access, t, before, row);
      access.put(key, RowCodec.encode(t, row));
    }
    return Result.update(rows.size());
  }

  private List<List<Object>> sourceRows(Insert ins) {
    List<List<Object>> out = new ArrayList<>();
    Scope none = new Relation(List.of(), List.of()).scope(new Object[0]);
    ExpressionList<?> list = ins.getValues() != null ? ins.getValues().getExpressions()
        : ins.getSelect() instanceof net.sf.jsqlparser.statement.select.Values v ? v.getExpressions() : null;
    if (list != null) {
      for (List<Expression> row : valueRows(list)) {
        List<Object> values = new ArrayList<>();
        for (Expression e : row) {
          values.add(exactLiteral(e).orElseGet(() -> evaluator.eval(e, none)));
        }
        out.add(values);
        if (out.size() > Limits.ROWS_MAX) {
          throw new SqlError(SqlError.PROGRAM_LIMIT, "an INSERT may write at most " + Limits.ROWS_MAX + " rows");
        }
      }
      return out;
    }
    Select select = ins.getSelect();
    if (select == null) {
      throw new SqlError(SqlError.SYNTAX, "INSERT needs VALUES or a SELECT");
    }
    Result r = new Query(catalog, access, evaluator).run(select);
    r.rows().forEach(row -> out.add(java.util.Arrays.asList(row)));
    return out;
  }

  /**
   * A decimal literal written straight into a VALUES row, kept exact: as a FLOAT64 it would lose
   * digits before a NUMERIC column could store it (a FLOAT64 column converts it back exactly).
   */
  private static java.util.Optional<Object> exactLiteral(Expression e) {
    boolean negative = false;
    Expression x = e;
    if (x instanceof net.sf.jsqlparser.expression.SignedExpression signed && signed.getSign() == '-') {
      negative = true;
      x = signed.getExpression();
    }
    if (!(x instanceof net.sf.jsqlparser.expression.DoubleValue d)) {
      return java.util.Optional.empty();
    }
    try {
      java.math.BigDecimal v = new java.math.BigDecimal(d.toString());
      return java.util.Optional.of(negative ? v.negate() : v);
    } catch (NumberFormatException notDecimal) {
      return java.util.Optional.empty();
    }
  }

  /**
   * The rows of a VALUES list: the parser gives {@code VALUES (1, 'a'), (2, 'b')} as a list of
   * parenthesized lists, but a single row {@code VALUES (1, 'a')} as the list of its values.
   */
  static List<List<Expression>> valueRows(ExpressionList<?> list) {
    List<List<Expression>> rows = new ArrayList<>();
    boolean nested = !list.isEmpty() && list.stream().allMatch(e -> e instanceof ParenthesedExpressionList<?>);
    if (!nested) {
      rows.add(new ArrayList<>(list));
      return rows;
    }
    for (Expression e : list) {
      rows.add(new ArrayList<>((ParenthesedExpressionList<?>) e));
    }
    return rows;
  }

  Result update(Update u) {
    TableDef t = target(u.getTable().getName());
    String qualifier = Query.qualifier(u.getTable());
    Map<Integer, Expression> sets = new HashMap<>();
    for (UpdateSet set : u.getUpdateSets()) {
      for (int i = 0; i < set.getColumns().size(); i++) {
        String name = Catalog.normalize(set.getColumns().get(i).getColumnName());
        t.columnOrThrow(name);
        if (sets.put(t.position(name), set.getValues().get(i)) != null) {
          throw new SqlError(SqlError.DUPLICATE_COLUMN, "column " + name + " is assigned twice");
        }
      }
    }
    Relation rel = Relation.of(t, qualifier, matching(t, qualifier, u.getWhere()));
    long count = 0;
    for (Object[] before : rel.rows) {
      Object[] after = before.clone();
      Scope scope = rel.scope(before);
      for (var e : sets.entrySet()) {
        after[e.getKey()] = store(evaluator.eval(e.getValue(), scope), t.columns().get(e.getKey()));
      }
      checkNotNull(t, after);
      byte[] oldKey = SqlKeys.rowKey(t, IndexEntries.pk(t, before));
      byte[] newKey = SqlKeys.rowKey(t, IndexEntries.pk(t, after));
      if (!java.util.Arrays.equals(oldKey, newKey)) {
        if (!access.get(List.of(newKey)).isEmpty()) {
          throw new SqlError(SqlError.UNIQUE_VIOLATION, "duplicate primary key " + IndexEntries.show(IndexEntries.pk(t, after)) + " in table " + t.name());
        }
        access.delete(oldKey);
      }
      IndexEntries.update(access, t, before, after);
      access.put(newKey, RowCodec.encode(t, after));
      count++;
    }
    return Result.update(count);
  }

  Result delete(Delete d) {
    TableDef t = target(d.getTable().getName());
    String qualifier = Query.qualifier(d.getTable());
    List<Object[]> rows = matching(t, qualifier, d.getWhere());
    for (Object[] row : rows) {
      IndexEntries.update(access, t, row, null);
      access.delete(SqlKeys.rowKey(t, IndexEntries.pk(t, row)));
    }
    return Result.update(rows.size());
  }

  /** The rows of {@code t} that {@code where} keeps, read under locks. */
  private List<Object[]> matching(TableDef t, String qualifier, Expression where) {
    List<Object[]> candidates = new TableScan(t, qualifier, where, evaluator).rows(access);
    if (where == null) {
      return candidates;
    }
    Relation rel = Relation.of(t, qualifier, candidates);
    List<Object[]> kept = new ArrayList<>();
    for (Object[] row : candidates) {
      if (evaluator.isTrue(where, rel.scope(row))) {
        kept.add(row);
      }
    }
    return kept;
  }

  private TableDef target(String name) {
    if (access.readOnly()) {
      throw SnapshotAccess.readOnlyError();
    }
    TableDef t = catalog.table(name);
    TableDef planned = written.putIfAbsent(t.id(), t);
    if (planned != null && !planned.writesValidUnder(t)) {
      throw new SqlError(SqlError.SERIALIZATION_FAILURE, "the schema of " + t.name() + " changed during the transaction (a column or index was added); retry it");
    }
    return t;
  }

  private static Object store(Object value, ColumnDef c) {
    Object v = Values.coerce(value, c.type(), "column " + c.name());
    if (v instanceof java.math.BigDecimal n) {
      v = SqlKeys.normalize(n);
      SqlKeys.numericBytes((java.math.BigDecimal) v);
    }
    if (v instanceof String s && s.length() > Limits.VALUE_BYTES_MAX || v instanceof com.google.protobuf.ByteString b && b.size() > Limits.VALUE_BYTES_MAX) {
      throw new SqlError(SqlError.STRING_TOO_LONG, "value for column " + c.name() + " is longer than " + Limits.VALUE_BYTES_MAX + " bytes");
    }
    return v;
  }

  private static void checkNotNull(TableDef t, Object[] row) {
    for (int i = 0; i < row.length; i++) {
      ColumnDef c = t.columns().get(i);
      if (row[i] == null && (!c.nullable() || t.isKey(c.name()))) {
        throw new SqlError(SqlError.NOT_NULL_VIOLATION, "column " + c.name() + " of " + t.name() + " must not be NULL");
      }
    }
  }
}

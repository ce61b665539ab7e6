package meridian.server.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import meridian.storage.Version;
import meridian.storage.keys.KeyDecoder;
import meridian.storage.keys.KeyEncoder;

/**
 * Index entries (package docs, "Data layout") and keeping them in step with their rows: every
 * write of a row goes through {@link #update}, in the same transaction, for every index that is
 * write-only or public. An entry's value is the row's primary key, so a lookup needs no schema
 * of the key's tail.
 */
final class IndexEntries {
  private IndexEntries() {}

  /** The entry of {@code row} (all columns of {@code t}, table order) in {@code index}. */
  static byte[] key(TableDef t, IndexDef index, Object[] row) {
    List<Type> types = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    boolean hasNull = false;
    for (String c : index.columns()) {
      types.add(t.columnOrThrow(c).type());
      Object v = row[t.position(c)];
      hasNull |= v == null;
      values.add(v);
    }
    // A unique index keys on its columns alone, so two rows with equal values meet at one key;
    // NULLs are never equal, so a NULL makes the key unique by adding the primary key.
    if (!index.unique() || hasNull) {
      for (ColumnDef c : t.primaryKeyColumns()) {
        types.add(c.type());
        values.add(row[t.position(c.name())]);
      }
    }
    return SqlKeys.key(SqlKeys.indexPrefix(t.id(), index.id()), types, values);
  }

  /** The prefix of every entry of {@code index} whose leading columns equal {@code values}. */
  static byte[] prefix(TableDef t, IndexDef index, List<Object> values) {
    List<Type> types = index.columns().subList(0, values.size()).stream().map(c -> t.columnOrThrow(c).type()).toList();
    return SqlKeys.key(SqlKeys.indexPrefix(t.id(), index.id()), types, values);
  }

  static byte[] value(TableDef t, Object[] row) {
    KeyEncoder e = new KeyEncoder();
    for (ColumnDef c : t.primaryKeyColumns()) {
      SqlKeys.append(e, c.type(), row[t.position(c.name())]);
    }
    return e.toBytes();
  }

  /** The primary key an entry points at. */
  static List<Object> primaryKey(TableDef t, byte[] value) {
    KeyDecoder d = new KeyDecoder(value);
    List<Object> pk = new ArrayList<>();
    for (ColumnDef c : t.primaryKeyColumns()) {
      pk.add(SqlKeys.read(d, c.type()));
    }
    return pk;
  }

  /**
   * Moves the entries of a row from {@code before} to {@code after} (either null: an insert or a
   * delete) in every maintained index, checking unique indexes (23505).
   */
  static void update(Access access, TableDef t, Object[] before, Object[] after) {
    for (IndexDef index : t.indexes()) {
      byte[] old = before == null ? null : key(t, index, before);
      byte[] now = after == null ? null : key(t, index, after);
      if (old != null && now != null && Arrays.equals(old, now)) {
        continue;
      }
      if (old != null) {
        access.delete(old);
      }
      if (now != null) {
        if (index.unique()) {
          checkUnique(access, t, index, now, after);
        }
        access.put(now, value(t, after));
      }
    }
  }

  static void checkUnique(Access access, TableDef t, IndexDef index, byte[] entry, Object[] row) {
    List<Version> existing = access.get(List.of(entry));
    if (!existing.isEmpty() && !Objects.equals(primaryKey(t, existing.get(0).value()), pk(t, row))) {
      throw new SqlError(SqlError.UNIQUE_VIOLATION, "duplicate key value violates unique index " + index.name()
          + " on " + t.name() + " (" + String.join(", ", index.columns()) + ")");
    }
  }

  /** A key's values for messages: (1, 'a'). */
  static String show(List<Object> values) {
    return "(" + String.join(", ", values.stream().map(meridian.server.sql.expr.Values::show).toList()) + ")";
  }

  static List<Object> pk(TableDef t, Object[] row) {
    return t.primaryKey().stream().map(c -> row[t.position(c)]).toList();
  }
}

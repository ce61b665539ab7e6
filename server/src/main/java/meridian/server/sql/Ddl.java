package meridian.server.sql;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import meridian.server.placement.Splitter;
import meridian.server.sql.expr.Evaluator;
import meridian.server.sql.expr.Values;
import meridian.server.txn.Transactions;
import meridian.server.txn.TxnDriver;
import meridian.storage.Version;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema changes, each a transaction over the catalog (package docs, "Schema changes"), plus the
 * batched work some need: CREATE INDEX's backfill and DROP TABLE's deletion of rows.
 */
final class Ddl {
  private static final Logger log = LoggerFactory.getLogger(Ddl.class);
  static final int ATTEMPTS_MAX = 20;

  private final Transactions transactions;
  private final Splitter splitter;
  private final Await.Deadline deadline;

  Ddl(Transactions transactions, Splitter splitter, Await.Deadline deadline) {
    this.transactions = transactions;
    this.splitter = splitter;
    this.deadline = deadline;
  }

  /** Work inside one catalog transaction; retried whole while it aborts. */
  private interface Change<T> {
    T apply(TxnDriver driver, TxnAccess access, Catalog catalog);
  }

  private <T> T inTransaction(Change<T> change) {
    Optional<meridian.txn.TxnId> previous = Optional.empty();
    for (int attempt = 1; ; attempt++) {
      TxnDriver driver = transactions.driver(previous);
      previous = Optional.of(driver.id());
      TxnAccess access = new TxnAccess(driver, deadline);
      try {
        Catalog catalog = lockedCatalog(access);
        T value = change.apply(driver, access, catalog);
        Await.commit(driver.commit(), deadline);
        return value;
      } catch (SqlError e) {
        driver.rollback();
        if (!e.sqlState().equals(SqlError.SERIALIZATION_FAILURE) || attempt >= ATTEMPTS_MAX) {
          throw e;
        }
      } catch (RuntimeException e) {
        driver.rollback();
        throw e;
      }
    }
  }

  /** The catalog read under shared locks: a concurrent schema change conflicts with this one. */
  private static Catalog lockedCatalog(Access access) {
    java.util.Map<String, TableDef> tables = new java.util.LinkedHashMap<>();
    for (Version v : TableScan.scanAll(access, SqlKeys.CATALOG_PREFIX, SqlKeys.catalogEnd())) {
      TableDef t = CatalogCodec.decode(v.value());
      tables.put(t.name(), t);
    }
    return new Catalog(tables, 0);
  }

  private static void write(Access access, TableDef t) {
    access.put(SqlKeys.catalogKey(t.id()), CatalogCodec.encode(t));
  }

  Result createTable(CreateTable ct) {
    String name = checkName(ct.getTable().getName());
    if (ct.getTable().getSchemaName() != null) {
      throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "tables live in the default schema; drop the schema name " + ct.getTable().getSchemaName());
    }
    List<ColumnDef> columns = new ArrayList<>();
    List<String> pk = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (ct.getColumnDefinitions() == null || ct.getColumnDefinitions().isEmpty()) {
      throw new SqlError(SqlError.SYNTAX, "CREATE TABLE needs columns");
    }
    for (ColumnDefinition cd : ct.getColumnDefinitions()) {
      String col = checkName(cd.getColumnName());
      if (!names.add(col)) {
        throw new SqlError(SqlError.DUPLICATE_COLUMN, "column " + col + " is defined twice");
      }
      String specs = cd.getColumnSpecs() == null ? "" : String.join(" ", cd.getColumnSpecs()).toUpperCase(Locale.ROOT);
      boolean notNull = specs.contains("NOT NULL");
      if (specs.contains("PRIMARY KEY")) {
        pk.add(col);
        notNull = true;
      }
      String other = specs.replace("NOT NULL", "").replace("PRIMARY KEY", "").replace("NULL", "").trim();
      if (!other.isEmpty()) {
        throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "column option " + other + " of " + col + " is not supported (NOT NULL and PRIMARY KEY are)");
      }
      columns.add(new ColumnDef(columns.size() + 1, col, Type.parse(cd.getColDataType().getDataType()), !notNull));
    }
    if (columns.size() > Limits.COLUMNS_MAX) {
      throw new SqlError(SqlError.PROGRAM_LIMIT, "a table may have at most " + Limits.COLUMNS_MAX + " columns");
    }
    if (ct.getIndexes() != null) {
      for (Index index : ct.getIndexes()) {
        if (!index.getType().toUpperCase(Locale.ROOT).contains("PRIMARY")) {
          throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "table constraint " + index.getType() + " is not supported; use CREATE INDEX");
        }
        if (!pk.isEmpty()) {
          throw new SqlError(SqlError.SYNTAX, "a table has one PRIMARY KEY");
        }
        for (String c : index.getColumnsNames()) {
          String n = Catalog.normalize(c);
          if (!names.contains(n)) {
            throw new SqlError(SqlError.UNDEFINED_COLUMN, "primary key column " + n + " is not a column of " + name);
          }
          pk.add(n);
        }
      }
    }
    if (pk.isEmpty()) {
      throw new SqlError(SqlError.SYNTAX, "table " + name + " needs a PRIMARY KEY (it is the storage key)");
    }
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      if (pk.contains(c.name()) && c.nullable()) {
        columns.set(i, new ColumnDef(c.id(), c.name(), c.type(), false));
      }
    }
    return inTransaction((driver, access, catalog) -> {
      if (catalog.find(name).isPresent()) {
        if (ct.isIfNotExists()) {
          return Result.done("table " + name + " already exists");
        }
        throw new SqlError(SqlError.DUPLICATE_TABLE, "table " + name + " already exists");
      }
      if (catalog.tables().size() >= Limits.TABLES_MAX) {
        throw new SqlError(SqlError.PROGRAM_LIMIT, "at most " + Limits.TABLES_MAX + " tables");
      }
      List<Version> counter = access.get(List.of(SqlKeys.NEXT_TABLE_ID));
      long id = counter.isEmpty() ? 1 : ByteBuffer.wrap(counter.get(0).value()).getLong();
      access.put(SqlKeys.NEXT_TABLE_ID, ByteBuffer.allocate(8).putLong(id + 1).array());
      write(access, new TableDef(id, name, columns, pk, List.of(), 1, columns.size() + 1));
      return Result.done("table " + name + " created");
    });
  }

  Result drop(Drop drop) {
    String kind = drop.getType().toUpperCase(Locale.ROOT);
    String name = Catalog.normalize(drop.getName().getName());
    return switch (kind) {
      case "TABLE" -> dropTable(name, drop.isIfExists());
      case "INDEX" -> dropIndex(name, drop.isIfExists());
      default -> throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "DROP " + kind + " is not supported");
    };
  }

  private Result dropTable(String name, boolean ifExists) {
    Optional<TableDef> dropped = inTransaction((driver, access, catalog) -> {
      Optional<TableDef> t = catalog.find(name);
      if (t.isEmpty() && !ifExists) {
        throw new SqlError(SqlError.UNDEFINED_TABLE, "table " + name + " does not exist");
      }
      t.ifPresent(def -> access.delete(SqlKeys.catalogKey(def.id())));
      return t;
    });
    if (dropped.isEmpty()) {
      return Result.done("table " + name + " does not exist");
    }
    long rows = deleteAll(SqlKeys.tablePrefix(dropped.get().id()));
    return Result.done("table " + name + " dropped (" + rows + " rows and index entries deleted)");
  }

  /** Deletes every key under {@code prefix} in batches (its table is gone: nobody else writes there). */
  private long deleteAll(byte[] prefix) {
    long total = 0;
    while (true) {
      int deleted = inTransaction((driver, access, catalog) -> {
        Access.Page page = access.scan(prefix, KeyBounds.after(prefix), Limits.BACKFILL_BATCH_ROWS);
        page.rows().forEach(v -> access.delete(v.key()));
        return page.rows().size();
      });
      total += deleted;
      if (deleted == 0) {
        return total;
      }
    }
  }

  private Result dropIndex(String name, boolean ifExists) {
    Optional<TableDef> owner = inTransaction((driver, access, catalog) -> {
      Optional<TableDef> t = catalog.tableOfIndex(name);
      if (t.isEmpty() && !ifExists) {
        throw new SqlError(SqlError.UNDEFINED_OBJECT, "index " + name + " does not exist");
      }
      t.ifPresent(def -> write(access, def.withIndexes(def.indexes().stream().filter(i -> !i.name().equals(name)).toList())));
      return t;
    });
    if (owner.isEmpty()) {
      return Result.done("index " + name + " does not exist");
    }
    IndexDef index = owner.get().index(name).orElseThrow();
    deleteAll(SqlKeys.indexPrefix(owner.get().id(), index.id()));
    return Result.done("index " + name + " dropped");
  }

  Result createIndex(CreateIndex ci) {
    String name = checkName(ci.getIndex().getName());
    String tableName = Catalog.normalize(ci.getTable().getName());
    boolean unique = ci.getIndex().getType() != null && ci.getIndex().getType().toUpperCase(Locale.ROOT).contains("UNIQUE");
    List<String> columns = ci.getIndex().getColumnsNames().stream().map(Catalog::normalize).toList();
    // 1. Write-only: from its commit on, every write transaction maintains the index.
    TableDef t = inTransaction((driver, access, catalog) -> {
      if (catalog.tableOfIndex(name).isPresent()) {
        throw new SqlError(SqlError.DUPLICATE_OBJECT, "index " + name + " already exists");
      }
      TableDef table = catalog.table(tableName);
      if (table.indexes().size() >= Limits.INDEXES_MAX) {
        throw new SqlError(SqlError.PROGRAM_LIMIT, "a table may have at most " + Limits.INDEXES_MAX + " indexes");
      }
      if (columns.isEmpty() || new HashSet<>(columns).size() != columns.size()) {
        throw new SqlError(SqlError.SYNTAX, "an index needs distinct columns");
      }
      columns.forEach(table::columnOrThrow);
      TableDef next = table.withNewIndex(name, unique, columns, IndexDef.State.WRITE_ONLY);
      write(access, next);
      return next;
    });
    IndexDef index = t.index(name).orElseThrow();
    // 2. Backfill the rows written before, batch by batch, each batch under the rows' locks.
    long rows = 0;
    byte[] from = SqlKeys.indexPrefix(t.id(), SqlKeys.PRIMARY);
    byte[] end = KeyBounds.after(from);
    try {
      while (from != null) {
        byte[] start = from;
        Access.Page page = inTransaction((driver, access, catalog) -> {
          TableDef current = catalog.find(tableName).filter(x -> x.id() == t.id())
              .orElseThrow(() -> new SqlError(SqlError.UNDEFINED_TABLE, "table " + tableName + " was dropped while its index was being built"));
          Access.Page p = access.scan(start, end, Limits.BACKFILL_BATCH_ROWS);
          for (Version v : p.rows()) {
            Object[] row = RowCodec.decode(current, v.key(), v.value());
            byte[] entry = IndexEntries.key(current, index, row);
            if (unique) {
              IndexEntries.checkUnique(access, current, index, entry, row);
            }
            access.put(entry, IndexEntries.value(current, row));
          }
          return p;
        });
        rows += page.rows().size();
        from = page.more() ? page.resumeKey() : null;
      }
    } catch (SqlError e) {
      log.info("CREATE INDEX {} failed during backfill, removing it: {}", name, e.getMessage());
      dropIndex(name, true);
      throw e;
    }
    // 3. Public: plans may read it.
    inTransaction((driver, access, catalog) -> {
      TableDef current = catalog.table(tableName);
      write(access, current.withIndex(current.index(name).orElseThrow().withState(IndexDef.State.PUBLIC)));
      return null;
    });
    return Result.done("index " + name + " created (" + rows + " rows indexed)");
  }

  Result alter(Alter alter, Evaluator evaluator) {
    String tableName = Catalog.normalize(alter.getTable().getName());
    return inTransaction((driver, access, catalog) -> {
      TableDef t = catalog.table(tableName);
      List<ColumnDef> columns = new ArrayList<>(t.columns());
      int nextId = t.nextColumnId();
      for (AlterExpression e : alter.getAlterExpressions()) {
        switch (e.getOperation()) {
          case ADD -> {
            if (e.getColDataTypeList() == null) {
              throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "ALTER TABLE ADD supports columns only: " + e);
            }
            for (AlterExpression.ColumnDataType cd : e.getColDataTypeList()) {
              String col = checkName(cd.getColumnName());
              if (columns.stream().anyMatch(c -> c.name().equals(col))) {
                throw new SqlError(SqlError.DUPLICATE_COLUMN, "column " + col + " already exists in " + tableName);
              }
              String specs = cd.getColumnSpecs() == null ? "" : String.join(" ", cd.getColumnSpecs()).toUpperCase(Locale.ROOT);
              if (!specs.isBlank()) {
                throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED,
                    "an added column is nullable and has no options (existing rows read it as NULL): " + specs);
              }
              columns.add(new ColumnDef(nextId++, col, Type.parse(cd.getColDataType().getDataType()), true));
            }
          }
          case DROP -> {
            String col = Catalog.normalize(e.getColumnName() != null ? e.getColumnName() : e.getColumnOldName());
            t.columnOrThrow(col);
            if (t.isKey(col)) {
              throw new SqlError("2BP01", "cannot drop primary key column " + col);
            }
            for (IndexDef ix : t.indexes()) {
              if (ix.columns().contains(col)) {
                throw new SqlError("2BP01", "cannot drop column " + col + ": index " + ix.name() + " uses it (drop the index first)");
              }
            }
            columns.removeIf(c -> c.name().equals(col));
          }
          default -> throw new SqlError(SqlError.FEATURE_NOT_SUPPORTED, "ALTER TABLE " + e.getOperation() + " is not supported");
        }
      }
      if (columns.size() > Limits.COLUMNS_MAX) {
        throw new SqlError(SqlError.PROGRAM_LIMIT, "a table may have at most " + Limits.COLUMNS_MAX + " columns");
      }
      write(access, t.withColumns(columns, nextId));
      return Result.done("table " + tableName + " altered");
    });
  }

  /** ALTER TABLE t SPLIT AT VALUES (...), ...: a range split at each primary-key prefix. */
  Result splitAt(Catalog catalog, String tableName, List<List<Object>> points) {
    TableDef t = catalog.table(tableName);
    List<ColumnDef> pk = t.primaryKeyColumns();
    int done = 0;
    for (List<Object> point : points) {
      if (point.isEmpty() || point.size() > pk.size()) {
        throw new SqlError(SqlError.SYNTAX, "a split point has 1 to " + pk.size() + " values (the primary key of " + tableName + ")");
      }
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < point.size(); i++) {
        values.add(Values.coerce(point.get(i), pk.get(i).type(), "primary key column " + pk.get(i).name()));
      }
      byte[] key = SqlKeys.key(SqlKeys.indexPrefix(t.id(), SqlKeys.PRIMARY), pk.subList(0, values.size()).stream().map(ColumnDef::type).toList(), values);
      Await.get(splitter.split(key), deadline, "splitting at " + IndexEntries.show(values));
      done++;
    }
    return Result.done(done + " split point(s) in place for " + tableName);
  }

  private static String checkName(String raw) {
    String n = Catalog.normalize(raw);
    if (n.isEmpty() || n.length() > Limits.NAME_CHARS_MAX) {
      throw new SqlError(SqlError.SYNTAX, "a name has 1 to " + Limits.NAME_CHARS_MAX + " characters: " + raw);
    }
    return n;
  }
}

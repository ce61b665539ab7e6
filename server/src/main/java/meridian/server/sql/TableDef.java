package meridian.server.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table's schema as one catalog entry. {@code version} grows with every change; a write
 * transaction checks at commit that the versions it planned with are still current (package docs).
 * Invariant: primary-key columns are columns of the table, NOT NULL, and never dropped.
 */
public record TableDef(
    long id, String name, List<ColumnDef> columns, List<String> primaryKey, List<IndexDef> indexes, long version, int nextColumnId) {
  public TableDef {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
  }

  public Optional<ColumnDef> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public ColumnDef columnOrThrow(String columnName) {
    return column(columnName).orElseThrow(() -> new SqlError(SqlError.UNDEFINED_COLUMN,
        "column " + columnName + " does not exist in table " + name));
  }

  public List<ColumnDef> primaryKeyColumns() {
    return primaryKey.stream().map(this::columnOrThrow).toList();
  }

  public boolean isKey(String columnName) {
    return primaryKey.contains(columnName);
  }

  public int position(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }

  public Optional<IndexDef> index(String indexName) {
    return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
  }

  public TableDef withColumns(List<ColumnDef> newColumns, int newNextColumnId) {
    return new TableDef(id, name, newColumns, primaryKey, indexes, version + 1, newNextColumnId);
  }

  public TableDef withIndexes(List<IndexDef> newIndexes) {
    return new TableDef(id, name, columns, primaryKey, newIndexes, version + 1, nextColumnId);
  }

  public TableDef withIndex(IndexDef index) {
    List<IndexDef> next = new ArrayList<>(indexes.stream().filter(i -> i.id() != index.id()).toList());
    next.add(index);
    return withIndexes(next);
  }

  /**
   * Whether rows written as this schema planned them are still right under {@code current}, a
   * later version of the same table: yes unless {@code current} has an index (write-only or
   * public) or a column this one lacks. A missing index would lack the writes' entries; a missing
   * column's value would be lost when a row is rewritten without it. Dropped columns and indexes
   * only leave values no one reads.
   */
  public boolean writesValidUnder(TableDef current) {
    java.util.Set<Integer> columnIds = new java.util.HashSet<>();
    columns.forEach(c -> columnIds.add(c.id()));
    java.util.Set<Integer> indexIds = new java.util.HashSet<>();
    indexes.forEach(i -> indexIds.add(i.id()));
    return current.id() == id
        && current.columns().stream().allMatch(c -> columnIds.contains(c.id()))
        && current.indexes().stream().allMatch(i -> indexIds.contains(i.id()));
  }

  /** Adds {@code index} with a fresh id (ids of columns and indexes share one never-reused counter). */
  public TableDef withNewIndex(String indexName, boolean unique, List<String> indexColumns, IndexDef.State state) {
    List<IndexDef> next = new ArrayList<>(indexes);
    next.add(new IndexDef(nextColumnId, indexName, unique, indexColumns, state));
    return new TableDef(id, name, columns, primaryKey, next, version + 1, nextColumnId + 1);
  }
}

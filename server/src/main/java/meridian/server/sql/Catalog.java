package meridian.server.sql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import meridian.server.txn.SnapshotReads;
import meridian.storage.Version;

/**
 * The tables as of one timestamp, read from their catalog entries in group 1. A statement plans
 * with the catalog of the timestamp it reads at (package docs, "Schema changes").
 */
public final class Catalog {
  private final Map<String, TableDef> byName;
  private final long readMicros;

  Catalog(Map<String, TableDef> byName, long readMicros) {
    this.byName = byName;
    this.readMicros = readMicros;
  }

  /** The catalog at {@code readMicros} (0: the latest, a strong read at group 1's leader). */
  static Catalog load(SnapshotReads snapshots, long readMicros, Await.Deadline deadline) {
    SnapshotReads.Snapshot s = Await.get(
        snapshots.readRange(SqlKeys.CATALOG_PREFIX, SqlKeys.catalogEnd(), Limits.TABLES_MAX, readMicros), deadline, "reading the catalog");
    Map<String, TableDef> tables = new LinkedHashMap<>();
    for (Version v : s.rows()) {
      TableDef t = CatalogCodec.decode(v.value());
      tables.put(t.name(), t);
    }
    return new Catalog(tables, s.readMicros());
  }

  /** Identifiers are case-insensitive unless quoted; a quoted one keeps its case. */
  public static String normalize(String identifier) {
    if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
      return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
    }
    if (identifier.length() >= 2 && identifier.startsWith("`") && identifier.endsWith("`")) {
      return identifier.substring(1, identifier.length() - 1);
    }
    return identifier.toLowerCase(Locale.ROOT);
  }

  public Optional<TableDef> find(String name) {
    return Optional.ofNullable(byName.get(normalize(name)));
  }

  public TableDef table(String name) {
    return find(name).orElseThrow(() -> new SqlError(SqlError.UNDEFINED_TABLE, "table " + normalize(name) + " does not exist"));
  }

  public Collection<TableDef> tables() {
    return byName.values();
  }

  /** The table that has index {@code indexName}, if any. */
  public Optional<TableDef> tableOfIndex(String indexName) {
    String n = normalize(indexName);
    return byName.values().stream().filter(t -> t.index(n).isPresent()).findFirst();
  }

  public long readMicros() {
    return readMicros;
  }
}

package meridian.server.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The information schema: {@code information_schema.tables}, {@code .columns} and {@code
 * .indexes}, built from the catalog a statement reads at (so metadata is as of that timestamp).
 */
final class InformationSchema {
  private InformationSchema() {}

  static Relation relation(Catalog catalog, String name, String qualifier) {
    return switch (name) {
      case "tables" -> {
        List<Object[]> rows = new ArrayList<>();
        catalog.tables().forEach(t -> rows.add(new Object[] {"", "", t.name(), "BASE TABLE"}));
        yield build(qualifier, List.of("table_catalog", "table_schema", "table_name", "table_type"),
            List.of(Type.STRING, Type.STRING, Type.STRING, Type.STRING), rows);
      }
      case "columns" -> {
        List<Object[]> rows = new ArrayList<>();
        for (TableDef t : catalog.tables()) {
          for (int i = 0; i < t.columns().size(); i++) {
            ColumnDef c = t.columns().get(i);
            int pk = t.primaryKey().indexOf(c.name());
            rows.add(new Object[] {"", "", t.name(), c.name(), (long) i + 1, c.type().name(), c.nullable() ? "YES" : "NO",
                pk < 0 ? null : (long) pk + 1});
          }
        }
        yield build(qualifier,
            List.of("table_catalog", "table_schema", "table_name", "column_name", "ordinal_position", "data_type", "is_nullable", "primary_key_position"),
            List.of(Type.STRING, Type.STRING, Type.STRING, Type.STRING, Type.INT64, Type.STRING, Type.STRING, Type.INT64), rows);
      }
      case "indexes" -> {
        List<Object[]> rows = new ArrayList<>();
        for (TableDef t : catalog.tables()) {
          for (IndexDef ix : t.indexes()) {
            for (int i = 0; i < ix.columns().size(); i++) {
              rows.add(new Object[] {"", "", t.name(), ix.name(), ix.unique(), ix.columns().get(i), (long) i + 1, ix.state().name()});
            }
          }
        }
        yield build(qualifier,
            List.of("table_catalog", "table_schema", "table_name", "index_name", "is_unique", "column_name", "ordinal_position", "state"),
            List.of(Type.STRING, Type.STRING, Type.STRING, Type.STRING, Type.BOOL, Type.STRING, Type.INT64, Type.STRING), rows);
      }
      default -> throw new SqlError(SqlError.UNDEFINED_TABLE,
          "information_schema." + name + " does not exist (there are tables, columns and indexes)");
    };
  }

  private static Relation build(String qualifier, List<String> names, List<Type> types, List<Object[]> rows) {
    List<Relation.Col> cols = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      cols.add(new Relation.Col(qualifier, names.get(i), types.get(i), true, "information_schema"));
    }
    return new Relation(cols, rows);
  }
}

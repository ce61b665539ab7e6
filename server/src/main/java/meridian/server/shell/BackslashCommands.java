package meridian.server.shell;

import java.io.PrintWriter;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The shell's own commands, {@code \d}, {@code \timing}, {@code \x}, {@code \?} and {@code \q}. */
final class BackslashCommands {
  static final String HELP = """
      Statements end with ';' and may span lines. Ctrl-C drops the input (or cancels a running
      statement); Ctrl-D or \\q quits.
        \\d                 list tables
        \\d NAME            describe table NAME: columns, primary key, indexes
        \\timing [on|off]   show how long each statement takes
        \\x [on|off]        expanded display: one line per column
        \\?                 this help
        \\q                 quit""";

  private final ShellSession session;

  BackslashCommands(ShellSession session) {
    this.session = session;
  }

  ShellSession.Step run(String text) throws SQLException, CommandException {
    // psql habit: a ';' after a command is not part of it.
    String[] words = text.replaceAll("[\\s;]+$", "").split("\\s+");
    String name = words[0];
    if (words.length > 2) {
      throw new CommandException(name + " takes at most one argument");
    }
    String argument = words.length > 1 ? words[1] : null;
    PrintWriter out = session.out();
    switch (name) {
      case "\\q", "\\quit" -> {
        return ShellSession.Step.QUIT;
      }
      case "\\?", "\\help" -> out.println(HELP);
      case "\\timing" -> {
        session.timing(toggle(session.timing(), argument));
        out.println("Timing is " + (session.timing() ? "on." : "off."));
      }
      case "\\x" -> {
        session.expanded(toggle(session.expanded(), argument));
        out.println("Expanded display is " + (session.expanded() ? "on." : "off."));
      }
      case "\\d", "\\dt" -> {
        if (argument == null) {
          listTables();
        } else {
          describe(argument);
        }
      }
      default -> throw new CommandException("unknown command " + name + " (\\? lists the commands)");
    }
    return ShellSession.Step.CONTINUE;
  }

  private static boolean toggle(boolean current, String argument) throws CommandException {
    if (argument == null) {
      return !current;
    }
    return switch (argument.toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default -> throw new CommandException("expected on or off, not '" + argument + "'");
    };
  }

  private void listTables() throws SQLException {
    List<String[]> rows = new ArrayList<>();
    try (ResultSet tables = session.connection().getMetaData().getTables(null, null, "%", null)) {
      while (tables.next()) {
        rows.add(new String[] {tables.getString("TABLE_NAME"), tables.getString("TABLE_TYPE")});
      }
    }
    session.printer().print(List.of(new Column("name", false), new Column("type", false)), rows, session.out());
  }

  private void describe(String name) throws SQLException, CommandException {
    DatabaseMetaData meta = session.connection().getMetaData();
    for (String table : candidates(name)) {
      List<String[]> columns = columns(meta, table);
      if (columns.isEmpty()) {
        continue;
      }
      PrintWriter out = session.out();
      out.println("Table " + table);
      List<Column> headers = new ArrayList<>(List.of(new Column("column", false), new Column("type", false), new Column("nullable", false)));
      if (columns.stream().anyMatch(row -> row[3] != null)) {
        headers.add(new Column("default", false));
        columns = columns.stream().map(row -> new String[] {row[0], row[1], row[2], row[3] == null ? "" : row[3]}).toList();
      } else {
        columns = columns.stream().map(row -> java.util.Arrays.copyOf(row, 3)).toList();
      }
      session.printer().print(headers, columns, out);
      List<String> key = primaryKey(meta, table);
      if (!key.isEmpty()) {
        out.println("Primary key: (" + String.join(", ", key) + ")");
      }
      List<String> indexes = indexes(meta, table);
      if (!indexes.isEmpty()) {
        out.println("Indexes:");
        indexes.forEach(index -> out.println("  " + index));
      }
      return;
    }
    throw new CommandException("no table named " + name);
  }

  /** {@code "Name"} exactly; otherwise as typed, then lower-case, then upper-case (servers fold differently). */
  private static Set<String> candidates(String name) {
    if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
      return Set.of(name.substring(1, name.length() - 1).replace("\"\"", "\""));
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(name);
    names.add(name.toLowerCase(Locale.ROOT));
    names.add(name.toUpperCase(Locale.ROOT));
    return names;
  }

  private static List<String[]> columns(DatabaseMetaData meta, String table) throws SQLException {
    record Row(int position, String[] cells) {}
    List<Row> rows = new ArrayList<>();
    try (ResultSet columns = meta.getColumns(null, null, table, "%")) {
      while (columns.next()) {
        boolean notNull = columns.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
        rows.add(new Row(columns.getInt("ORDINAL_POSITION"), new String[] {
            columns.getString("COLUMN_NAME"), columns.getString("TYPE_NAME"), notNull ? "not null" : "", columns.getString("COLUMN_DEF")}));
      }
    }
    rows.sort(Comparator.comparingInt(Row::position));
    return rows.stream().map(Row::cells).toList();
  }

  private static List<String> primaryKey(DatabaseMetaData meta, String table) throws SQLException {
    Map<Integer, String> bySequence = new java.util.TreeMap<>();
    try (ResultSet key = meta.getPrimaryKeys(null, null, table)) {
      while (key.next()) {
        bySequence.put(key.getInt("KEY_SEQ"), key.getString("COLUMN_NAME"));
      }
    } catch (SQLFeatureNotSupportedException e) {
      return List.of();
    }
    return List.copyOf(bySequence.values());
  }

  /** One line per index: {@code name (a, b)}, with {@code UNIQUE} for a unique one. */
  private static List<String> indexes(DatabaseMetaData meta, String table) throws SQLException {
    record Part(int position, String column) {}
    Map<String, List<Part>> parts = new LinkedHashMap<>();
    Map<String, Boolean> unique = new LinkedHashMap<>();
    try (ResultSet index = meta.getIndexInfo(null, null, table, false, false)) {
      while (index.next()) {
        String name = index.getString("INDEX_NAME");
        if (index.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic || name == null) {
          continue;
        }
        parts.computeIfAbsent(name, n -> new ArrayList<>()).add(new Part(index.getInt("ORDINAL_POSITION"), index.getString("COLUMN_NAME")));
        unique.put(name, !index.getBoolean("NON_UNIQUE"));
      }
    } catch (SQLFeatureNotSupportedException e) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    parts.forEach((name, columns) -> {
      columns.sort(Comparator.comparingInt(Part::position));
      String list = String.join(", ", columns.stream().map(Part::column).toList());
      lines.add(name + (unique.get(name) ? " UNIQUE" : "") + " (" + list + ")");
    });
    return lines;
  }
}

package meridian.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import meridian.proto.v1.ColumnMetadata;
import meridian.proto.v1.Row;
import meridian.proto.v1.SqlType;

/**
 * Rows the driver builds itself (for {@link java.sql.DatabaseMetaData}), turned into the same
 * result set a query returns. Columns are typed; values go through {@link Values#of}, so an
 * Integer becomes INT64 and a null NULL. Also JDBC's name patterns (% and _, escaped by \).
 */
final class LocalRows {
  /** Metadata results hold at most this many rows: a catalog bigger than that is cut, not an out-of-memory. */
  static final int ROWS_MAX = 1_000_000;

  private final List<ColumnMetadata> columns = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();

  /** Columns as name/type pairs: {@code "TABLE_CAT", SqlType.STRING, ...}. */
  LocalRows(Object... namesAndTypes) {
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      columns.add(ColumnMetadata.newBuilder()
          .setName((String) namesAndTypes[i])
          .setType((SqlType) namesAndTypes[i + 1])
          .setNullable(true)
          .build());
    }
  }

  /** A result of only STRING columns, for the metadata kinds Meridian has none of. */
  static ResultSet empty(String... names) {
    LocalRows rows = new LocalRows();
    for (String name : names) {
      rows.columns.add(ColumnMetadata.newBuilder().setName(name).setType(SqlType.STRING).setNullable(true).build());
    }
    return rows.toResultSet();
  }

  void add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row of " + values.length + " values for " + columns.size() + " columns");
    }
    if (rows.size() < ROWS_MAX) {
      rows.add(values);
    }
  }

  void sort(Comparator<Object[]> order) {
    rows.sort(order);
  }

  ResultSet toResultSet() {
    List<Row> built = new ArrayList<>(rows.size());
    try {
      for (Object[] values : rows) {
        Row.Builder row = Row.newBuilder();
        for (Object value : values) {
          row.addValues(Values.of(value));
        }
        built.add(row.build());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("metadata rows hold only plain values", e);
    }
    return MeridianResultSet.local(columns, built);
  }

  /** Orders rows by the given columns, each compared as strings or numbers; nulls first. */
  static Comparator<Object[]> by(int... indexes) {
    return (a, b) -> {
      for (int index : indexes) {
        int c = compareValues(a[index], b[index]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return ((Comparable) a).compareTo(b);
  }

  /**
   * Whether {@code value} matches a JDBC pattern ({@code %} any run, {@code _} one character,
   * {@code \} escapes); a null pattern matches everything. Case-insensitive, so that a tool that
   * upper-cases names still finds them.
   */
  static boolean matches(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
        .matcher(value == null ? "" : value)
        .matches();
  }

  /** Catalog and schema are always "": a filter that is not null must match "". */
  static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  static boolean schemaMatches(String schemaPattern) {
    return matches(schemaPattern, "");
  }

  static boolean sameName(String a, String b) {
    return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
  }
}

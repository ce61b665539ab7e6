package meridian.server.shell;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import org.jline.utils.WCWidth;

/** A result value as text: how it is read from a row, and how wide it shows in a terminal. */
final class CellText {
  private CellText() {}

  /** The value of {@code column} in the current row as text; null for SQL NULL. Bytes show as {@code \x0a1b}. */
  static String read(ResultSet rows, int column, int sqlType) throws SQLException {
    if (isBinary(sqlType)) {
      byte[] bytes = rows.getBytes(column);
      return bytes == null ? null : "\\x" + HexFormat.of().formatHex(bytes);
    }
    return rows.getString(column);
  }

  static boolean isNumeric(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
          Types.NUMERIC, Types.DECIMAL -> true;
      default -> false;
    };
  }

  private static boolean isBinary(int sqlType) {
    return switch (sqlType) {
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> true;
      default -> false;
    };
  }

  /**
   * The value on one line of at most {@code widthMax} terminal columns: control characters shown
   * as {@code \n}, {@code \t}, {@code \r} or {@code \x1b}, and a value too wide cut and ended with
   * {@code ...} (ASCII, because the terminal's charset is unknown).
   */
  static String fit(String value, int widthMax) {
    String shown = escapeControls(value);
    if (width(shown) <= widthMax) {
      return shown;
    }
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < shown.length(); ) {
      int codePoint = shown.codePointAt(i);
      int w = columns(codePoint);
      if (used + w > widthMax - 3) {
        break;
      }
      cut.appendCodePoint(codePoint);
      used += w;
      i += Character.charCount(codePoint);
    }
    return cut.append("...").toString();
  }

  /** Terminal columns the text takes: 2 for wide (CJK) characters, 0 for combining marks. */
  static int width(String text) {
    int total = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      total += columns(codePoint);
      i += Character.charCount(codePoint);
    }
    return total;
  }

  private static int columns(int codePoint) {
    // wcwidth is -1 for control characters, which fit() has escaped already.
    return Math.max(0, WCWidth.wcwidth(codePoint));
  }

  private static String escapeControls(String value) {
    if (value.chars().noneMatch(Character::isISOControl)) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}

package meridian.server.sql.expr;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.schema.Column;

/** The values of literals as JSqlParser hands them over. */
final class Literals {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** The niladic time functions JSqlParser parses as keywords. */
  enum TimeKey { CURRENT_TIMESTAMP, CURRENT_DATE }

  private Literals() {}

  /** An integer literal: INT64 when it fits, else NUMERIC (22003 past NUMERIC's 29 digits). */
  static Object integer(LongValue v, boolean negated) {
    BigInteger n;
    try {
      n = new BigInteger(v.getStringValue().trim());
    } catch (NumberFormatException e) {
      throw new SqlError(SqlError.INVALID_TEXT, "invalid integer literal " + v.getStringValue());
    }
    // Negated here, not after: -9223372036854775808 is an INT64, its digits alone are not.
    if (negated) {
      n = n.negate();
    }
    if (n.compareTo(LONG_MIN) >= 0 && n.compareTo(LONG_MAX) <= 0) {
      return n.longValue();
    }
    return Numerics.numeric(new BigDecimal(n));
  }

  static Type integerType(LongValue v, boolean negated) {
    return Type.of(integer(v, negated));
  }

  /** The text of a string literal, '' read as '. Prefixes other than N (E'..', B'..') are refused. */
  static String string(StringValue v) {
    String prefix = v.getPrefix();
    if (prefix != null && !prefix.equalsIgnoreCase("N")) {
      throw Unsupported.of("string literal prefix " + prefix);
    }
    return v.getNotExcapedValue();
  }

  /** X'0AFF' as BYTES; 0xFF as an INT64, as Spanner and PostgreSQL read it. */
  static Object hex(HexValue v) {
    // getValue, not getDigits: inside a larger expression the token carries trailing blanks.
    String text = v.getValue().trim();
    if (text.startsWith("0x") || text.startsWith("0X")) {
      try {
        return Long.parseLong(text.substring(2), 16);
      } catch (NumberFormatException e) {
        throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "hex literal out of range for INT64: " + text);
      }
    }
    String digits = text.length() >= 3 && text.endsWith("'") ? text.substring(2, text.length() - 1) : "";
    try {
      return ByteString.copyFrom(HexFormat.of().parseHex(digits));
    } catch (IllegalArgumentException e) { // odd length or not hex
      throw new SqlError(SqlError.INVALID_TEXT,
          "invalid hex literal " + text + " (needs an even number of hex digits)");
    }
  }

  /** TRUE and FALSE when JSqlParser parses them as column names (unquoted, unqualified). */
  static Boolean booleanName(Column c) {
    if (c.getTable() != null && c.getTable().getName() != null) {
      return null;
    }
    return switch (c.getColumnName().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> null;
    };
  }

  /** CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(), current_date, ...; others are not supported. */
  static TimeKey timeKey(TimeKeyExpression t) {
    String key = t.getStringValue().toUpperCase(Locale.ROOT);
    int paren = key.indexOf('(');
    if (paren >= 0) {
      key = key.substring(0, paren);
    }
    return switch (key.trim()) {
      case "CURRENT_TIMESTAMP", "NOW" -> TimeKey.CURRENT_TIMESTAMP;
      case "CURRENT_DATE" -> TimeKey.CURRENT_DATE;
      default -> throw Unsupported.of(key.trim());
    };
  }

  /** DATE '...' / TIMESTAMP '...' when JSqlParser parses them as this class rather than a cast. */
  static Object dateTime(DateTimeLiteralExpression d) {
    String text = d.getValue();
    if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
      text = text.substring(1, text.length() - 1).replace("''", "'");
    }
    return switch (d.getType()) {
      case DATE -> ValueText.parseDate(text);
      case TIMESTAMP, TIMESTAMPTZ, DATETIME -> ValueText.parseTimestamp(text);
      case TIME -> throw Unsupported.of("TIME literal");
    };
  }

  static Type dateTimeType(DateTimeLiteralExpression d) {
    return switch (d.getType()) {
      case DATE -> Type.DATE;
      case TIMESTAMP, TIMESTAMPTZ, DATETIME -> Type.TIMESTAMP;
      case TIME -> throw Unsupported.of("TIME literal");
    };
  }
}

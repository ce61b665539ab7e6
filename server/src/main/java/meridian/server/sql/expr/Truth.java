package meridian.server.sql.expr;

import meridian.server.sql.SqlError;
import meridian.server.sql.Type;

/** SQL's three-valued logic: TRUE, FALSE and NULL (unknown, Java null). */
final class Truth {
  private Truth() {}

  static Boolean and(Boolean a, Boolean b) {
    if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
      return false;
    }
    return a == null || b == null ? null : true;
  }

  static Boolean or(Boolean a, Boolean b) {
    if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
      return true;
    }
    return a == null || b == null ? null : false;
  }

  static Boolean not(Boolean a) {
    return a == null ? null : !a;
  }

  /** A value used as a truth value: BOOL or NULL, anything else 42804 naming {@code where}. */
  static Boolean of(Object v, String where) {
    return switch (v) {
      case null -> null;
      case Boolean b -> b;
      default -> throw new SqlError(SqlError.DATATYPE_MISMATCH,
          where + " needs a BOOL, not " + Casts.typeOf(v) + " " + ValueText.brief(v));
    };
  }

  /** The static form of {@link #of}: a BOOL or untyped operand. */
  static void check(Type t, String where) {
    if (t != null && t != Type.BOOL) {
      throw new SqlError(SqlError.DATATYPE_MISMATCH, where + " needs a BOOL, not " + t);
    }
  }
}

package meridian.server.sql.expr;

import java.util.List;
import java.util.function.Function;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;

/**
 * Comparisons with SQL's NULL semantics: = <> < <= > >=, IN, BETWEEN, IS DISTINCT FROM and LIKE.
 * A comparison with NULL is NULL, so IN and BETWEEN can be NULL too.
 *
 * <p>A string literal or a parameter compared with a DATE, TIMESTAMP, NUMERIC, INT64, FLOAT64 or
 * BOOL is read as that type first, as PostgreSQL reads an untyped literal, so that {@code d >=
 * '2024-01-01'} compares dates. A STRING column is never converted: comparing it with a DATE is
 * 42804.
 */
final class Comparisons {
  enum Op {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** Whether a comparison result (sign, or null for NULL) satisfies this operator. */
    Boolean test(Integer c) {
      if (c == null) {
        return null;
      }
      return switch (this) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }
  }

  private Comparisons() {}

  /** The sign of left compared with right, or null when either is NULL. */
  static Integer compare(Expression leftExpr, Object left, Expression rightExpr, Object right) {
    if (left == null || right == null) {
      return null;
    }
    return Values.compare(adapt(leftExpr, left, right), adapt(rightExpr, right, left));
  }

  /** A string literal or parameter facing a typed value is read as that value's type. */
  private static Object adapt(Expression expr, Object value, Object other) {
    if (value instanceof String s && !(other instanceof String) && isUntyped(expr)) {
      Type target = Casts.typeOf(other);
      return readsAs(target) ? Values.cast(s, target) : value;
    }
    return value;
  }

  private static boolean readsAs(Type t) {
    return switch (t) {
      case DATE, TIMESTAMP, NUMERIC, INT64, FLOAT64, BOOL -> true;
      case STRING, BYTES -> false;
    };
  }

  /**
   * The static check behind {@link #compare}: 42804 for types that never compare, and the error of
   * a string literal that cannot be read as the other side's type ({@code i = 'a'}: 22P02).
   */
  static void checkComparable(Expression leftExpr, Type left, Expression rightExpr, Type right) {
    if (left == null || right == null || left == right
        || (Numerics.isNumeric(left) && Numerics.isNumeric(right))) {
      return;
    }
    if (left == Type.STRING && isUntyped(leftExpr) && readsAs(right)) {
      readLiteral(leftExpr, right);
      return;
    }
    if (right == Type.STRING && isUntyped(rightExpr) && readsAs(left)) {
      readLiteral(rightExpr, left);
      return;
    }
    throw new SqlError(SqlError.DATATYPE_MISMATCH, "cannot compare " + left + " with " + right);
  }

  private static void readLiteral(Expression e, Type target) {
    if (unwrap(e) instanceof StringValue literal) {
      Values.cast(Literals.string(literal), target);
    }
  }

  /** A string literal or a {@code ?}, possibly in parentheses. */
  static boolean isUntyped(Expression e) {
    Expression inner = unwrap(e);
    return inner instanceof StringValue || inner instanceof JdbcParameter;
  }

  private static Expression unwrap(Expression e) {
    Expression inner = e;
    while (inner instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
      inner = list.get(0);
    }
    return inner;
  }

  /** {@code left IN (items)}: TRUE on a match, else NULL if an item (or left) is NULL, else FALSE. */
  static Boolean in(Expression leftExpr, Object left, List<? extends Expression> items,
      Function<Expression, Object> eval) {
    if (left == null) {
      return null;
    }
    boolean sawNull = false;
    for (Expression item : items) {
      Integer c = compare(leftExpr, left, item, eval.apply(item));
      if (c == null) {
        sawNull = true;
      } else if (c == 0) {
        return true;
      }
    }
    return sawNull ? null : false;
  }

  /** {@code x BETWEEN low AND high}, which is {@code x >= low AND x <= high}. */
  static Boolean between(Expression xExpr, Object x, Expression lowExpr, Object low,
      Expression highExpr, Object high) {
    return Truth.and(Op.GE.test(compare(xExpr, x, lowExpr, low)),
        Op.LE.test(compare(xExpr, x, highExpr, high)));
  }

  /** {@code a IS DISTINCT FROM b}: never NULL; two NULLs are not distinct. */
  static boolean distinct(Expression leftExpr, Object left, Expression rightExpr, Object right) {
    if (left == null || right == null) {
      return left != right;
    }
    return compare(leftExpr, left, rightExpr, right) != 0;
  }

  /** {@code [NOT] LIKE} and {@code [NOT] ILIKE}; the other LIKE-shaped operators are not supported. */
  static Boolean like(LikeExpression like, Function<Expression, Object> eval) {
    boolean ignoreCase = switch (like.getLikeKeyWord()) {
      case LIKE -> false;
      case ILIKE -> true;
      default -> throw Unsupported.of(like);
    };
    Object text = eval.apply(like.getLeftExpression());
    Object pattern = eval.apply(like.getRightExpression());
    Object escape = like.getEscape() == null ? null : eval.apply(like.getEscape());
    if (text == null || pattern == null || (like.getEscape() != null && escape == null)) {
      return null;
    }
    if (!(text instanceof String t) || !(pattern instanceof String p)
        || (escape != null && !(escape instanceof String))) {
      Object bad = text instanceof String ? (pattern instanceof String ? escape : pattern) : text;
      throw new SqlError(SqlError.DATATYPE_MISMATCH,
          "LIKE needs STRING operands, not " + Casts.typeOf(bad));
    }
    int escapeChar = escape == null ? Like.DEFAULT_ESCAPE : Like.escape((String) escape);
    return Like.matches(t, p, escapeChar, ignoreCase) != like.isNot();
  }
}

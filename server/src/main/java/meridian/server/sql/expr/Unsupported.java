package meridian.server.sql.expr;

import meridian.server.sql.SqlError;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.statement.select.Select;

/** The 0A000 error for an expression the evaluator does not implement, naming the construct. */
final class Unsupported {
  private static final int TEXT_CHARS_MAX = 60;

  private Unsupported() {}

  static SqlError of(Expression e) {
    String kind = switch (e) {
      case Select s -> "subquery";
      case ExistsExpression x -> "EXISTS";
      case AnyComparisonExpression x -> "ANY/ALL comparison";
      case AnalyticExpression x -> "window function";
      case IntervalExpression x -> "INTERVAL";
      case JdbcNamedParameter x -> "named parameter";
      case LikeExpression x -> x.getLikeKeyWord() + " operator";
      case ExpressionList<?> x -> "row value";
      default -> "expression";
    };
    String text = String.valueOf(e).replace('\n', ' ');
    if (text.length() > TEXT_CHARS_MAX) {
      text = text.substring(0, TEXT_CHARS_MAX - 3) + "...";
    }
    return new SqlError(SqlError.FEATURE_NOT_SUPPORTED, kind + " " + text + " is not supported");
  }

  static SqlError of(String what) {
    return new SqlError(SqlError.FEATURE_NOT_SUPPORTED, what + " is not supported");
  }
}

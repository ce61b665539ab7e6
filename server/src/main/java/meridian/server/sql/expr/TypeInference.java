package meridian.server.sql.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Static types of expressions, for result metadata and early type errors. It walks every
 * subexpression, so an unknown column or function fails here as it would when evaluated, and it
 * raises 42804 where evaluation would on every row (1 + 'a', NOT 5).
 */
final class TypeInference {
  private final List<Object> parameters;
  private final TypeScope types;

  TypeInference(List<Object> parameters, TypeScope types) {
    this.parameters = parameters;
    this.types = types;
  }

  Type typeOf(Expression e) {
    return switch (e) {
      case null -> throw new SqlError(SqlError.INTERNAL, "missing expression");
      case NullValue n -> null;
      case LongValue v -> Literals.integerType(v, false);
      case DoubleValue v -> Type.FLOAT64;
      case StringValue v -> {
        Literals.string(v); // refuses the prefixes eval refuses
        yield Type.STRING;
      }
      case HexValue v -> Type.of(Literals.hex(v));
      case BooleanValue v -> Type.BOOL;
      case DateTimeLiteralExpression v -> Literals.dateTimeType(v);
      case TimeKeyExpression t -> switch (Literals.timeKey(t)) {
        case CURRENT_TIMESTAMP -> Type.TIMESTAMP;
        case CURRENT_DATE -> Type.DATE;
      };
      // A parameter's value is known when the statement runs: its type is the value's.
      case JdbcParameter p -> p.getIndex() == null || p.getIndex() < 1
          || p.getIndex() > parameters.size() ? null : Type.of(parameters.get(p.getIndex() - 1));
      case Column c -> column(c);
      case Parenthesis p -> typeOf(p.getExpression());
      case ParenthesedExpressionList<?> list when list.size() == 1 -> typeOf(list.get(0));
      case SignedExpression s -> signed(s);
      case Addition a -> arithmetic(Arithmetic.Op.ADD, a);
      case Subtraction a -> arithmetic(Arithmetic.Op.SUBTRACT, a);
      case Multiplication a -> arithmetic(Arithmetic.Op.MULTIPLY, a);
      case Division a -> arithmetic(Arithmetic.Op.DIVIDE, a);
      case Modulo a -> arithmetic(Arithmetic.Op.MODULO, a);
      case Concat c -> Arithmetic.concatType(typeOf(c.getLeftExpression()), typeOf(c.getRightExpression()));
      case EqualsTo c -> comparison(c);
      case NotEqualsTo c -> comparison(c);
      case MinorThan c -> comparison(c);
      case MinorThanEquals c -> comparison(c);
      case GreaterThan c -> comparison(c);
      case GreaterThanEquals c -> comparison(c);
      case IsDistinctExpression c -> comparison(c);
      case AndExpression a -> logical("AND", a.getLeftExpression(), a.getRightExpression());
      case OrExpression o -> logical("OR", o.getLeftExpression(), o.getRightExpression());
      case NotExpression n -> logical("NOT", n.getExpression());
      case IsBooleanExpression i -> logical("IS TRUE/FALSE", i.getLeftExpression());
      case IsNullExpression i -> {
        typeOf(i.getLeftExpression());
        yield Type.BOOL;
      }
      case LikeExpression l -> like(l);
      case InExpression i -> in(i);
      case Between b -> {
        Type x = typeOf(b.getLeftExpression());
        Comparisons.checkComparable(b.getLeftExpression(), x, b.getBetweenExpressionStart(),
            typeOf(b.getBetweenExpressionStart()));
        Comparisons.checkComparable(b.getLeftExpression(), x, b.getBetweenExpressionEnd(),
            typeOf(b.getBetweenExpressionEnd()));
        yield Type.BOOL;
      }
      case CaseExpression c -> caseOf(c);
      case CastExpression c -> {
        Type target = Evaluator.castType(c);
        typeOf(c.getLeftExpression());
        yield target;
      }
      case TrimFunction t -> {
        for (Expression part : new Expression[] {t.getExpression(), t.getFromExpression()}) {
          if (part != null && typeOf(part) != null && typeOf(part) != Type.STRING) {
            throw new SqlError(SqlError.DATATYPE_MISMATCH, "TRIM needs STRING, not " + typeOf(part));
          }
        }
        yield Type.STRING;
      }
      case Function f when Evaluator.isAggregate(f) -> aggregate(f);
      case Function f -> {
        String name = Functions.name(f);
        List<Expression> args = Functions.arguments(f, name);
        List<Type> argTypes = new ArrayList<>(args.size());
        for (Expression arg : args) {
          argTypes.add(typeOf(arg));
        }
        yield FunctionTypes.resultType(name, args, argTypes);
      }
      default -> throw Unsupported.of(e);
    };
  }

  /**
   * The type several branches share (CASE, COALESCE, GREATEST, ...): numbers promote (INT64 and
   * FLOAT64 give FLOAT64); other mixes are 42804; untyped branches do not count.
   */
  static Type common(List<Type> branches, String where) {
    Type r = null;
    for (Type t : branches) {
      if (t == null || t == r) {
        continue;
      }
      if (r == null) {
        r = t;
      } else if (Numerics.isNumeric(r) && Numerics.isNumeric(t)) {
        r = Numerics.promote(r, t);
      } else {
        throw new SqlError(SqlError.DATATYPE_MISMATCH, where + " mixes " + r + " and " + t);
      }
    }
    return r;
  }

  private Type column(Column c) {
    if (Literals.booleanName(c) != null) {
      return Type.BOOL;
    }
    Evaluator.checkPlainColumn(c);
    return types.column(Evaluator.tableName(c), Evaluator.columnName(c));
  }

  private Type signed(SignedExpression s) {
    if (s.getSign() == '-' && s.getExpression() instanceof LongValue v) {
      return Literals.integerType(v, true);
    }
    if (s.getSign() != '-' && s.getSign() != '+') {
      throw Unsupported.of(s);
    }
    Type t = typeOf(s.getExpression());
    if (t != null && !Numerics.isNumeric(t)) {
      throw new SqlError(SqlError.DATATYPE_MISMATCH,
          "unary " + s.getSign() + " does not apply to " + t);
    }
    return t;
  }

  private Type arithmetic(Arithmetic.Op op, BinaryExpression b) {
    return Arithmetic.resultType(op, typeOf(b.getLeftExpression()), typeOf(b.getRightExpression()));
  }

  private Type comparison(BinaryExpression c) {
    Comparisons.checkComparable(c.getLeftExpression(), typeOf(c.getLeftExpression()),
        c.getRightExpression(), typeOf(c.getRightExpression()));
    return Type.BOOL;
  }

  private Type logical(String where, Expression... operands) {
    for (Expression operand : operands) {
      Truth.check(typeOf(operand), where);
    }
    return Type.BOOL;
  }

  private Type like(LikeExpression l) {
    if (l.getLikeKeyWord() != LikeExpression.KeyWord.LIKE
        && l.getLikeKeyWord() != LikeExpression.KeyWord.ILIKE) {
      throw Unsupported.of(l);
    }
    for (Expression operand : new Expression[] {l.getLeftExpression(), l.getRightExpression(), l.getEscape()}) {
      Type t = operand == null ? null : typeOf(operand);
      if (t != null && t != Type.STRING) {
        throw new SqlError(SqlError.DATATYPE_MISMATCH, "LIKE needs STRING operands, not " + t);
      }
    }
    return Type.BOOL;
  }

  private Type in(InExpression i) {
    Type left = typeOf(i.getLeftExpression());
    for (Expression item : Evaluator.inList(i)) {
      Comparisons.checkComparable(i.getLeftExpression(), left, item, typeOf(item));
    }
    return Type.BOOL;
  }

  private Type caseOf(CaseExpression c) {
    Expression switchExpr = c.getSwitchExpression();
    Type switchType = switchExpr == null ? null : typeOf(switchExpr);
    List<Type> results = new ArrayList<>();
    for (WhenClause when : c.getWhenClauses()) {
      Type whenType = typeOf(when.getWhenExpression());
      if (switchExpr == null) {
        Truth.check(whenType, "CASE WHEN");
      } else {
        Comparisons.checkComparable(switchExpr, switchType, when.getWhenExpression(), whenType);
      }
      results.add(typeOf(when.getThenExpression()));
    }
    if (c.getElseExpression() != null) {
      results.add(typeOf(c.getElseExpression()));
    }
    return common(results, "CASE");
  }

  /**
   * COUNT is INT64; SUM keeps INT64, FLOAT64 and NUMERIC; AVG is NUMERIC over NUMERIC, else
   * FLOAT64; MIN and MAX have their argument's type.
   */
  private Type aggregate(Function f) {
    String name = f.getName().toUpperCase(Locale.ROOT);
    List<Expression> args = f.getParameters() == null ? List.of() : new ArrayList<>(f.getParameters());
    if (name.equals("COUNT") && (f.isAllColumns() || (args.size() == 1
        && args.get(0) instanceof net.sf.jsqlparser.statement.select.AllColumns))) {
      return Type.INT64;
    }
    if (args.size() != 1) {
      throw new SqlError(SqlError.UNDEFINED_FUNCTION,
          name + " takes 1 argument, not " + args.size());
    }
    Type arg = typeOf(args.get(0));
    return switch (name) {
      case "COUNT" -> Type.INT64;
      case "MIN", "MAX" -> arg;
      case "SUM" -> {
        numericArgument(name, arg);
        yield arg;
      }
      case "AVG" -> numericArgument(name, arg) == Type.NUMERIC ? Type.NUMERIC : Type.FLOAT64;
      default -> throw new IllegalStateException("not an aggregate: " + name);
    };
  }

  private static Type numericArgument(String name, Type arg) {
    if (arg != null && !Numerics.isNumeric(arg)) {
      throw new SqlError(SqlError.DATATYPE_MISMATCH, name + " needs a number, not " + arg);
    }
    return arg;
  }
}

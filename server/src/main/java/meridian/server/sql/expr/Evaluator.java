package meridian.server.sql.expr;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
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
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
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
 * Evaluates JSqlParser expressions over SQL values for one statement: its parameters and its
 * statement time are fixed at construction, the row (or group) arrives with each call as a {@link
 * Scope}. Stateless otherwise, so one Evaluator serves every row of the statement.
 */
public final class Evaluator {
  private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG");

  private final List<Object> parameters;
  // Invariant: truncated to microseconds, like every TIMESTAMP value.
  private final Instant statementTime;

  /**
   * parameters: values of the {@code ?} placeholders in order (JdbcParameter index 1 is get(0)),
   * each null or a SQL value; statementTime: what CURRENT_TIMESTAMP/NOW()/CURRENT_DATE return (one
   * value per statement).
   */
  public Evaluator(List<Object> parameters, Instant statementTime) {
    for (Object p : parameters) {
      if (p != null) {
        Type.of(p); // a foreign class here is the caller's bug: fail at once, not on some row
      }
    }
    // Copied into an ArrayList: List.copyOf refuses the nulls that SQL NULL parameters are.
    this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    this.statementTime = statementTime.truncatedTo(ChronoUnit.MICROS);
  }

  Instant statementTime() {
    return statementTime;
  }

  /** The value of {@code e}; every failure is a {@link SqlError}. */
  public Object eval(Expression e, Scope scope) {
    try {
      return evalUnchecked(e, scope);
    } catch (SqlError error) {
      throw error;
    } catch (NullPointerException | ClassCastException | ArithmeticException
        | IndexOutOfBoundsException | IllegalArgumentException | DateTimeException bug) {
      // A bug of ours or of the parser's AST: still the statement's error, not the node's.
      throw new SqlError(SqlError.INTERNAL,
          "internal error evaluating " + e + ": " + bug, bug);
    }
  }

  /** WHERE/HAVING/ON semantics: true only when the value is TRUE; a non-BOOL is 42804. */
  public boolean isTrue(Expression e, Scope scope) {
    return Boolean.TRUE.equals(Truth.of(eval(e, scope), "a condition"));
  }

  /** The static type of e (null for an untyped NULL literal or a parameter without a value). */
  public Type typeOf(Expression e, TypeScope types) {
    return new TypeInference(parameters, types).typeOf(e);
  }

  /** COUNT, SUM, MIN, MAX and AVG (any case): the executor computes these per group. */
  public static boolean isAggregate(Function f) {
    List<String> parts = f.getMultipartName();
    return (parts == null || parts.size() <= 1) && f.getName() != null
        && AGGREGATES.contains(f.getName().toUpperCase(Locale.ROOT));
  }

  /** Whether an aggregate call appears anywhere in e (not inside subqueries, which are refused). */
  public static boolean containsAggregate(Expression e) {
    if (e == null) {
      return false;
    }
    boolean[] found = {false};
    e.accept(new ExpressionVisitorAdapter<Void>() {
      @Override
      public <S> Void visit(Function f, S context) {
        if (isAggregate(f)) {
          found[0] = true;
          return null;
        }
        return super.visit(f, context);
      }
    }, null);
    return found[0];
  }

  private Object evalUnchecked(Expression e, Scope scope) {
    return switch (e) {
      case null -> throw new SqlError(SqlError.INTERNAL, "missing expression");
      case NullValue n -> null;
      case LongValue v -> Literals.integer(v, false);
      case DoubleValue v -> finite(v.getValue(), v);
      case StringValue v -> Literals.string(v);
      case HexValue v -> Literals.hex(v);
      case BooleanValue v -> v.getValue();
      case DateTimeLiteralExpression v -> Literals.dateTime(v);
      case TimeKeyExpression t -> switch (Literals.timeKey(t)) {
        case CURRENT_TIMESTAMP -> statementTime;
        case CURRENT_DATE -> LocalDate.ofInstant(statementTime, ZoneOffset.UTC);
      };
      case JdbcParameter p -> parameter(p);
      case Column c -> column(c, scope);
      case Parenthesis p -> eval(p.getExpression(), scope);
      case ParenthesedExpressionList<?> list when list.size() == 1 -> eval(list.get(0), scope);
      case SignedExpression s -> signed(s, scope);
      case Addition a -> arithmetic(Arithmetic.Op.ADD, a.getLeftExpression(), a.getRightExpression(), scope);
      case Subtraction a -> arithmetic(Arithmetic.Op.SUBTRACT, a.getLeftExpression(), a.getRightExpression(), scope);
      case Multiplication a -> arithmetic(Arithmetic.Op.MULTIPLY, a.getLeftExpression(), a.getRightExpression(), scope);
      case Division a -> arithmetic(Arithmetic.Op.DIVIDE, a.getLeftExpression(), a.getRightExpression(), scope);
      case Modulo a -> arithmetic(Arithmetic.Op.MODULO, a.getLeftExpression(), a.getRightExpression(), scope);
      case Concat c -> Arithmetic.concat(eval(c.getLeftExpression(), scope), eval(c.getRightExpression(), scope));
      case EqualsTo c -> compare(Comparisons.Op.EQ, c.getLeftExpression(), c.getRightExpression(), scope);
      case NotEqualsTo c -> compare(Comparisons.Op.NE, c.getLeftExpression(), c.getRightExpression(), scope);
      case MinorThan c -> compare(Comparisons.Op.LT, c.getLeftExpression(), c.getRightExpression(), scope);
      case MinorThanEquals c -> compare(Comparisons.Op.LE, c.getLeftExpression(), c.getRightExpression(), scope);
      case GreaterThan c -> compare(Comparisons.Op.GT, c.getLeftExpression(), c.getRightExpression(), scope);
      case GreaterThanEquals c -> compare(Comparisons.Op.GE, c.getLeftExpression(), c.getRightExpression(), scope);
      case AndExpression a -> and(a, scope);
      case OrExpression o -> or(o, scope);
      case NotExpression n -> Truth.not(Truth.of(eval(n.getExpression(), scope), "NOT"));
      // a NOTNULL is a IS NOT NULL, with isNot() false.
      case IsNullExpression i ->
          (eval(i.getLeftExpression(), scope) == null) != (i.isNot() || i.isUseNotNull());
      case IsBooleanExpression i -> {
        Boolean b = Truth.of(eval(i.getLeftExpression(), scope), "IS TRUE/FALSE");
        yield (b != null && b == i.isTrue()) != i.isNot();
      }
      case IsDistinctExpression d -> {
        Object l = eval(d.getLeftExpression(), scope);
        Object r = eval(d.getRightExpression(), scope);
        yield Comparisons.distinct(d.getLeftExpression(), l, d.getRightExpression(), r) != d.isNot();
      }
      case LikeExpression l -> Comparisons.like(l, x -> eval(x, scope));
      case InExpression i -> in(i, scope);
      case Between b -> {
        Object x = eval(b.getLeftExpression(), scope);
        Object low = eval(b.getBetweenExpressionStart(), scope);
        Object high = eval(b.getBetweenExpressionEnd(), scope);
        Boolean r = Comparisons.between(b.getLeftExpression(), x, b.getBetweenExpressionStart(), low,
            b.getBetweenExpressionEnd(), high);
        yield b.isNot() ? Truth.not(r) : r;
      }
      case CaseExpression c -> caseOf(c, scope);
      case CastExpression c -> Values.cast(eval(c.getLeftExpression(), scope), castType(c));
      case TrimFunction t -> Functions.trim(t, this, scope);
      case Function f when isAggregate(f) -> scope.aggregate(f);
      case Function f -> Functions.call(f, this, scope);
      default -> throw Unsupported.of(e);
    };
  }

  /** 1e999 parses as Infinity; a literal that big is out of FLOAT64's range. */
  private static double finite(double d, DoubleValue literal) {
    if (Double.isInfinite(d)) {
      throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "FLOAT64 literal out of range: " + literal);
    }
    return d;
  }

  private Object parameter(JdbcParameter p) {
    Integer index = p.getIndex();
    if (index == null || index < 1 || index > parameters.size()) {
      throw new SqlError(SqlError.NO_PARAMETER_VALUE,
          "no value for parameter " + (index == null ? "?" : index));
    }
    return parameters.get(index - 1);
  }

  private static Object column(Column c, Scope scope) {
    Boolean named = Literals.booleanName(c);
    if (named != null) {
      return named;
    }
    checkPlainColumn(c);
    return scope.column(tableName(c), columnName(c));
  }

  /** a[1] and the like parse as columns too. */
  static void checkPlainColumn(Column c) {
    if (c.getArrayConstructor() != null) {
      throw Unsupported.of("array subscript " + c);
    }
  }

  /** The qualifier, lower-cased and unquoted; null when there is none. */
  static String tableName(Column c) {
    if (c.getTable() == null || c.getTable().getName() == null) {
      return null;
    }
    return c.getTable().getUnquotedName().toLowerCase(Locale.ROOT);
  }

  static String columnName(Column c) {
    return c.getUnquotedColumnName().toLowerCase(Locale.ROOT);
  }

  private Object signed(SignedExpression s, Scope scope) {
    return switch (s.getSign()) {
      // The literal is negated before it is typed, so -9223372036854775808 stays an INT64.
      case '-' -> s.getExpression() instanceof LongValue v ? Literals.integer(v, true)
          : Arithmetic.negate(eval(s.getExpression(), scope));
      case '+' -> {
        Object v = eval(s.getExpression(), scope);
        if (v != null && !Numerics.isNumeric(v)) {
          throw new SqlError(SqlError.DATATYPE_MISMATCH,
              "unary + does not apply to " + Casts.typeOf(v));
        }
        yield v;
      }
      default -> throw Unsupported.of(s);
    };
  }

  private Object arithmetic(Arithmetic.Op op, Expression left, Expression right, Scope scope) {
    return Arithmetic.apply(op, eval(left, scope), eval(right, scope));
  }

  private Boolean compare(Comparisons.Op op, Expression left, Expression right, Scope scope) {
    Object l = eval(left, scope);
    Object r = eval(right, scope);
    return op.test(Comparisons.compare(left, l, right, r));
  }

  /** FALSE AND x is FALSE without evaluating x (nor failing on it). */
  private Boolean and(AndExpression a, Scope scope) {
    Boolean l = Truth.of(eval(a.getLeftExpression(), scope), "AND");
    if (Boolean.FALSE.equals(l)) {
      return false;
    }
    return Truth.and(l, Truth.of(eval(a.getRightExpression(), scope), "AND"));
  }

  private Boolean or(OrExpression o, Scope scope) {
    Boolean l = Truth.of(eval(o.getLeftExpression(), scope), "OR");
    if (Boolean.TRUE.equals(l)) {
      return true;
    }
    return Truth.or(l, Truth.of(eval(o.getRightExpression(), scope), "OR"));
  }

  private Boolean in(InExpression i, Scope scope) {
    List<? extends Expression> items = inList(i);
    Object left = eval(i.getLeftExpression(), scope);
    Boolean r = Comparisons.in(i.getLeftExpression(), left, items, x -> eval(x, scope));
    return i.isNot() ? Truth.not(r) : r;
  }

  /** The items of IN (a, b, ...); IN (SELECT ...) and other right sides are not supported. */
  static List<? extends Expression> inList(InExpression i) {
    if (i.getRightExpression() instanceof ExpressionList<?> list) {
      return list;
    }
    throw Unsupported.of(i.getRightExpression());
  }

  /** CASE x WHEN v THEN ... compares with =; CASE WHEN c THEN ... takes the first TRUE c. */
  private Object caseOf(CaseExpression c, Scope scope) {
    Expression switchExpr = c.getSwitchExpression();
    Object switchValue = switchExpr == null ? null : eval(switchExpr, scope);
    for (WhenClause when : c.getWhenClauses()) {
      Expression whenExpr = when.getWhenExpression();
      boolean taken;
      if (switchExpr == null) {
        taken = Boolean.TRUE.equals(Truth.of(eval(whenExpr, scope), "CASE WHEN"));
      } else {
        Integer cmp = Comparisons.compare(switchExpr, switchValue, whenExpr, eval(whenExpr, scope));
        taken = cmp != null && cmp == 0;
      }
      if (taken) {
        return eval(when.getThenExpression(), scope);
      }
    }
    return c.getElseExpression() == null ? null : eval(c.getElseExpression(), scope);
  }

  /** CAST's target; TRY_CAST, SAFE_CAST and casts to row types are not supported. */
  static Type castType(CastExpression c) {
    if (c.keyword != null && !c.keyword.equalsIgnoreCase("CAST")) {
      throw Unsupported.of(c.keyword);
    }
    if (c.getColDataType() == null) {
      throw Unsupported.of(c);
    }
    return Type.parse(Objects.requireNonNull(c.getColDataType().getDataType()));
  }
}

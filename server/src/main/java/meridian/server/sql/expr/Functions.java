package meridian.server.sql.expr;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;

/**
 * The scalar functions. NULL arguments give NULL (COALESCE, IFNULL and NULLIF aside), like
 * Spanner: CONCAT, GREATEST and LEAST too. Aggregates never come here (see {@link
 * Evaluator#isAggregate}).
 */
final class Functions {
  /** ROUND's digits are clamped to this: past it a double or NUMERIC no longer changes. */
  private static final int ROUND_DIGITS_MAX = 400;

  private Functions() {}

  static Object call(Function f, Evaluator ev, Scope scope) {
    String name = name(f);
    List<Expression> args = arguments(f, name);
    FunctionTypes.checkArity(name, args.size());
    return switch (name) {
      case "COALESCE", "IFNULL" -> {
        for (Expression arg : args) { // lazily: later arguments may fail, as 1/0
          Object v = ev.eval(arg, scope);
          if (v != null) {
            yield v;
          }
        }
        yield null;
      }
      case "NULLIF" -> {
        Object a = ev.eval(args.get(0), scope);
        Object b = ev.eval(args.get(1), scope);
        Integer c = Comparisons.compare(args.get(0), a, args.get(1), b);
        yield c != null && c == 0 ? null : a;
      }
      case "NOW", "CURRENT_TIMESTAMP" -> ev.statementTime();
      case "CURRENT_DATE" -> LocalDate.ofInstant(ev.statementTime(), ZoneOffset.UTC);
      default -> {
        List<Object> values = new ArrayList<>(args.size());
        for (Expression arg : args) {
          values.add(ev.eval(arg, scope));
        }
        yield values.contains(null) ? null : strict(name, values);
      }
    };
  }

  /** The functions that are NULL when any argument is; here no value is null. */
  private static Object strict(String name, List<Object> v) {
    return switch (name) {
      case "ABS" -> abs(v.get(0));
      case "UPPER" -> string(name, v.get(0)).toUpperCase(Locale.ROOT);
      case "LOWER" -> string(name, v.get(0)).toLowerCase(Locale.ROOT);
      case "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH" -> switch (v.get(0)) {
        case String s -> (long) s.codePointCount(0, s.length());
        case ByteString b -> (long) b.size();
        default -> throw argumentType(name, "STRING or BYTES", v.get(0));
      };
      case "SUBSTR", "SUBSTRING" ->
          substr(v.get(0), int64(name, v.get(1)), v.size() > 2 ? int64(name, v.get(2)) : null);
      case "TRIM" -> trim(string(name, v.get(0)), v.size() > 1 ? string(name, v.get(1)) : null, true, true);
      case "LTRIM" -> trim(string(name, v.get(0)), v.size() > 1 ? string(name, v.get(1)) : null, true, false);
      case "RTRIM" -> trim(string(name, v.get(0)), v.size() > 1 ? string(name, v.get(1)) : null, false, true);
      case "CONCAT" -> {
        Object r = v.get(0) instanceof ByteString ? v.get(0) : ValueText.show(v.get(0));
        for (int i = 1; i < v.size(); i++) {
          r = Arithmetic.concat(r, v.get(i));
        }
        yield r;
      }
      case "ROUND" -> round(v.get(0), v.size() > 1 ? int64(name, v.get(1)) : 0);
      case "FLOOR" -> floorOrCeil(name, v.get(0), RoundingMode.FLOOR);
      case "CEIL", "CEILING" -> floorOrCeil(name, v.get(0), RoundingMode.CEILING);
      case "MOD" -> Arithmetic.apply(Arithmetic.Op.MODULO, v.get(0), v.get(1));
      case "GREATEST" -> extreme(v, 1);
      case "LEAST" -> extreme(v, -1);
      default -> throw new IllegalStateException("no implementation for " + name);
    };
  }

  /** The upper-case name; 42883 for a qualified name (no schemas of functions here). */
  static String name(Function f) {
    List<String> parts = f.getMultipartName();
    if (parts != null && parts.size() > 1) {
      throw new SqlError(SqlError.UNDEFINED_FUNCTION, "function " + f.getName() + " does not exist");
    }
    return f.getName().replace("\"", "").replace("`", "").toUpperCase(Locale.ROOT);
  }

  /** The argument expressions, with SUBSTRING(s FROM a FOR b) read as SUBSTRING(s, a, b). */
  static List<Expression> arguments(Function f, String name) {
    NamedExpressionList<?> named = f.getNamedParameters();
    if (named != null) {
      if (!name.equals("SUBSTRING") && !name.equals("SUBSTR")) {
        throw Unsupported.of("named arguments of " + name);
      }
      Expression from = new LongValue(1);
      Expression length = null;
      for (int i = 1; i < named.size(); i++) {
        switch (named.getNames().get(i).toUpperCase(Locale.ROOT)) {
          case "FROM" -> from = named.get(i);
          case "FOR" -> length = named.get(i);
          default -> throw Unsupported.of(name + " ... " + named.getNames().get(i));
        }
      }
      List<Expression> args = new ArrayList<>(List.of(named.get(0), from));
      if (length != null) {
        args.add(length);
      }
      return args;
    }
    if (f.getParameters() == null) {
      return List.of();
    }
    return new ArrayList<>(f.getParameters());
  }

  /** TRIM([BOTH|LEADING|TRAILING] [chars] FROM s) and TRIM(s). */
  static Object trim(TrimFunction t, Evaluator ev, Scope scope) {
    Expression target = t.getFromExpression() != null ? t.getFromExpression() : t.getExpression();
    Expression chars = t.getFromExpression() != null ? t.getExpression() : null;
    Object s = ev.eval(target, scope);
    Object c = chars == null ? null : ev.eval(chars, scope);
    if (s == null || (chars != null && c == null)) {
      return null;
    }
    var spec = t.getTrimSpecification();
    boolean leading = spec == null || spec != TrimFunction.TrimSpecification.TRAILING;
    boolean trailing = spec == null || spec != TrimFunction.TrimSpecification.LEADING;
    return trim(string("TRIM", s), c == null ? null : string("TRIM", c), leading, trailing);
  }

  /** Strips the characters of {@code chars} (white space when null) from the chosen ends. */
  private static String trim(String s, String chars, boolean leading, boolean trailing) {
    IntPredicate strip = chars == null ? Character::isWhitespace : c -> chars.indexOf(c) >= 0;
    int start = 0;
    int end = s.length();
    while (leading && start < end && strip.test(s.codePointAt(start))) {
      start += Character.charCount(s.codePointAt(start));
    }
    while (trailing && end > start && strip.test(s.codePointBefore(end))) {
      end -= Character.charCount(s.codePointBefore(end));
    }
    return s.substring(start, end);
  }

  /**
   * Spanner's SUBSTR: 1-based; a negative start counts from the end (-1 is the last character); a
   * start before the beginning starts at 1. Characters are code points; BYTES count bytes.
   */
  private static Object substr(Object value, long start, Long length) {
    if (length != null && length < 0) {
      throw new SqlError(SqlError.SUBSTRING_ERROR, "SUBSTR length must not be negative: " + length);
    }
    return switch (value) {
      case String s -> {
        int n = s.codePointCount(0, s.length());
        long[] w = window(n, start, length);
        int from = s.offsetByCodePoints(0, (int) w[0]);
        yield s.substring(from, s.offsetByCodePoints(from, (int) (w[1] - w[0])));
      }
      case ByteString b -> {
        long[] w = window(b.size(), start, length);
        yield b.substring((int) w[0], (int) w[1]);
      }
      default -> throw argumentType("SUBSTR", "STRING or BYTES", value);
    };
  }

  /** [from, to) in 0-based units of a value n units long. */
  private static long[] window(int n, long start, Long length) {
    long from = start > 0 ? start - 1 : start == 0 ? 0 : Math.max(0, n + start);
    from = Math.min(from, n);
    long to = length == null ? n : Math.min(n, from + Math.min(length, n));
    return new long[] {from, to};
  }

  private static Object abs(Object v) {
    return switch (v) {
      case Long l when l == Long.MIN_VALUE ->
          throw new SqlError(SqlError.NUMERIC_OUT_OF_RANGE, "INT64 overflow: ABS(" + l + ")");
      case Long l -> Math.abs(l);
      case Double d -> Math.abs(d);
      case BigDecimal n -> n.abs();
      default -> throw argumentType("ABS", "a number", v);
    };
  }

  /** ROUND(x, digits): half away from zero; negative digits round left of the point. */
  private static Object round(Object v, long digitsAsked) {
    int digits = (int) Math.max(-ROUND_DIGITS_MAX, Math.min(ROUND_DIGITS_MAX, digitsAsked));
    return switch (v) {
      case Long l when digits >= 0 -> l;
      case Long l -> {
        BigDecimal r = BigDecimal.valueOf(l).setScale(digits, RoundingMode.HALF_UP).setScale(0);
        yield Casts.cast(r, Type.INT64); // 22003 when it carries past INT64: ROUND(2^63-1, -1)
      }
      case Double d when Double.isNaN(d) || Double.isInfinite(d) -> d;
      case Double d -> {
        // valueOf reads the shortest decimal (2.675, not 2.67499999...), as people expect.
        double r = BigDecimal.valueOf(d).setScale(digits, RoundingMode.HALF_UP).doubleValue();
        yield r == 0 ? Math.copySign(0.0, d) : r;
      }
      case BigDecimal n -> Numerics.numeric(n.setScale(Math.min(digits, Numerics.NUMERIC_SCALE_MAX),
          RoundingMode.HALF_UP));
      default -> throw argumentType("ROUND", "a number", v);
    };
  }

  private static Object floorOrCeil(String name, Object v, RoundingMode mode) {
    return switch (v) {
      case Long l -> l;
      case Double d -> mode == RoundingMode.FLOOR ? Math.floor(d) : Math.ceil(d);
      case BigDecimal n -> Numerics.numeric(n.setScale(0, mode));
      default -> throw argumentType(name, "a number", v);
    };
  }

  /** GREATEST (sign 1) or LEAST (-1), in the promoted type when numbers of several types mix. */
  private static Object extreme(List<Object> values, int sign) {
    Object best = values.get(0);
    Type promoted = Casts.typeOf(best);
    for (Object v : values.subList(1, values.size())) {
      if (Values.compare(v, best) * sign > 0) {
        best = v;
      }
      if (Numerics.isNumeric(v) && Numerics.isNumeric(promoted)) {
        promoted = Numerics.promote(promoted, Casts.typeOf(v));
      }
    }
    return Numerics.isNumeric(best) ? Numerics.widen(best, promoted) : best;
  }

  private static String string(String name, Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw argumentType(name, "STRING", v);
  }

  private static long int64(String name, Object v) {
    if (v instanceof Long l) {
      return l;
    }
    throw argumentType(name, "INT64", v);
  }

  private static SqlError argumentType(String name, String expected, Object v) {
    return new SqlError(SqlError.DATATYPE_MISMATCH,
        name + " needs " + expected + ", not " + Casts.typeOf(v) + " " + ValueText.brief(v));
  }
}

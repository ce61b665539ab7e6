package meridian.server.sql.expr;

import java.util.List;
import java.util.Map;
import meridian.server.sql.SqlError;
import meridian.server.sql.Type;
import net.sf.jsqlparser.expression.Expression;

/** The scalar functions that exist, how many arguments each takes, and their static types. */
final class FunctionTypes {
  /** A limit on the variadic ones (COALESCE, CONCAT, GREATEST, LEAST). */
  static final int ARGUMENTS_MAX = 1000;

  private record Arity(int min, int max) {}

  private static final Map<String, Arity> ARITY = Map.ofEntries(
      Map.entry("COALESCE", new Arity(1, ARGUMENTS_MAX)),
      Map.entry("IFNULL", new Arity(2, 2)),
      Map.entry("NULLIF", new Arity(2, 2)),
      Map.entry("ABS", new Arity(1, 1)),
      Map.entry("UPPER", new Arity(1, 1)),
      Map.entry("LOWER", new Arity(1, 1)),
      Map.entry("LENGTH", new Arity(1, 1)),
      Map.entry("CHAR_LENGTH", new Arity(1, 1)),
      Map.entry("CHARACTER_LENGTH", new Arity(1, 1)),
      Map.entry("SUBSTR", new Arity(2, 3)),
      Map.entry("SUBSTRING", new Arity(2, 3)),
      Map.entry("TRIM", new Arity(1, 2)),
      Map.entry("LTRIM", new Arity(1, 2)),
      Map.entry("RTRIM", new Arity(1, 2)),
      Map.entry("CONCAT", new Arity(1, ARGUMENTS_MAX)),
      Map.entry("ROUND", new Arity(1, 2)),
      Map.entry("FLOOR", new Arity(1, 1)),
      Map.entry("CEIL", new Arity(1, 1)),
      Map.entry("CEILING", new Arity(1, 1)),
      Map.entry("MOD", new Arity(2, 2)),
      Map.entry("GREATEST", new Arity(1, ARGUMENTS_MAX)),
      Map.entry("LEAST", new Arity(1, ARGUMENTS_MAX)),
      Map.entry("NOW", new Arity(0, 0)),
      Map.entry("CURRENT_TIMESTAMP", new Arity(0, 0)),
      Map.entry("CURRENT_DATE", new Arity(0, 0)));

  private FunctionTypes() {}

  /** 42883 for a function that does not exist or a call with the wrong number of arguments. */
  static void checkArity(String name, int count) {
    Arity arity = ARITY.get(name);
    if (arity == null) {
      throw new SqlError(SqlError.UNDEFINED_FUNCTION, "function " + name + " does not exist");
    }
    if (count < arity.min() || count > arity.max()) {
      String expected = arity.min() == arity.max() ? String.valueOf(arity.min())
          : arity.max() == ARGUMENTS_MAX ? "at least " + arity.min()
          : arity.min() + " to " + arity.max();
      throw new SqlError(SqlError.UNDEFINED_FUNCTION,
          name + " takes " + expected + " argument" + (expected.equals("1") ? "" : "s")
              + ", not " + count);
    }
  }

  /** The result type of a call whose arguments have these (already inferred) types. */
  static Type resultType(String name, List<Expression> args, List<Type> types) {
    checkArity(name, args.size());
    Type first = types.isEmpty() ? null : types.get(0);
    return switch (name) {
      case "COALESCE", "IFNULL", "GREATEST", "LEAST" -> TypeInference.common(types, name);
      case "NULLIF" -> {
        Comparisons.checkComparable(args.get(0), first, args.get(1), types.get(1));
        yield first;
      }
      case "NOW", "CURRENT_TIMESTAMP" -> Type.TIMESTAMP;
      case "CURRENT_DATE" -> Type.DATE;
      case "ABS", "FLOOR", "CEIL", "CEILING" -> number(name, first);
      case "ROUND" -> {
        expect(name, types, 1, Type.INT64);
        yield number(name, first);
      }
      case "MOD" -> Arithmetic.resultType(Arithmetic.Op.MODULO, first, types.get(1));
      case "UPPER", "LOWER", "TRIM", "LTRIM", "RTRIM" -> {
        for (int i = 0; i < types.size(); i++) {
          expect(name, types, i, Type.STRING);
        }
        yield Type.STRING;
      }
      case "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH" -> {
        stringOrBytes(name, first);
        yield Type.INT64;
      }
      case "SUBSTR", "SUBSTRING" -> {
        expect(name, types, 1, Type.INT64);
        expect(name, types, 2, Type.INT64);
        yield first == null ? Type.STRING : stringOrBytes(name, first);
      }
      case "CONCAT" -> {
        Type r = Arithmetic.concatType(first, null);
        for (Type t : types.subList(1, types.size())) {
          r = Arithmetic.concatType(r, t);
        }
        yield r;
      }
      default -> throw new IllegalStateException("no type for " + name);
    };
  }

  private static Type number(String name, Type t) {
    if (t != null && !Numerics.isNumeric(t)) {
      throw new SqlError(SqlError.DATATYPE_MISMATCH, name + " needs a number, not " + t);
    }
    return t;
  }

  private static Type stringOrBytes(String name, Type t) {
    if (t != null && t != Type.STRING && t != Type.BYTES) {
      throw new SqlError(SqlError.DATATYPE_MISMATCH, name + " needs STRING or BYTES, not " + t);
    }
    return t;
  }

  /** The argument at {@code index}, if there is one, is of type {@code expected} or untyped. */
  private static void expect(String name, List<Type> types, int index, Type expected) {
    if (index < types.size() && types.get(index) != null && types.get(index) != expected) {
      throw new SqlError(SqlError.DATATYPE_MISMATCH,
          name + " needs " + expected + ", not " + types.get(index));
    }
  }
}

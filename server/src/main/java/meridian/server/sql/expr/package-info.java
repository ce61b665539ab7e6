/**
 * Expressions: evaluates JSqlParser 5.3 expression trees over SQL values, with SQL's NULL
 * semantics, and infers their static types.
 *
 * <h2>Values</h2>
 * One Java class per {@link meridian.server.sql.Type}: null is SQL NULL in every type; Long,
 * Double, Boolean, String, ByteString, LocalDate, Instant (microseconds) and BigDecimal (precision
 * 38, scale at most 9). {@link meridian.server.sql.expr.Values} holds the order
 * ({@link meridian.server.sql.expr.Values#compare}: NULL first, numbers compared exactly across
 * their three types, NaN last), the group key consistent with it, the conversions of columns
 * ({@code coerce}) and of CAST ({@code cast}), and the canonical text ({@code show}).
 *
 * <h2>Evaluation</h2>
 * {@link meridian.server.sql.expr.Evaluator} holds what is fixed for a statement (its parameters
 * and its one statement time); the row arrives with each call as a {@link
 * meridian.server.sql.expr.Scope}, which also supplies aggregates, computed by the executor per
 * group. Guarantees:
 * <ul>
 *   <li>Every failure is a {@link meridian.server.sql.SqlError} with a SQLState and one line of
 *       message; a Java exception from a bug is wrapped as XX000 rather than escaping.
 *   <li>NULL propagates through operators and functions; comparisons with NULL are NULL; AND, OR
 *       and NOT follow three-valued logic; x IN (..., NULL) without a match is NULL.
 *       {@code isTrue} (WHERE, HAVING, ON) takes only TRUE.
 *   <li>INT64 arithmetic never wraps (22003), division by zero is 22012 in every type, a NUMERIC
 *       result never exceeds 29 integer digits (22003) and is rounded to 9 fraction digits.
 *   <li>AND and OR do not evaluate their right side when the left decides, COALESCE and CASE
 *       evaluate only what they need: {@code x <> 0 AND 1/x > 2} does not fail on x = 0.
 *   <li>A string literal or {@code ?} compared with a DATE, TIMESTAMP or number is read as that
 *       type ({@code d >= '2024-01-01'}); a STRING column is never silently converted.
 * </ul>
 *
 * <h2>Static types</h2>
 * {@link meridian.server.sql.expr.Evaluator#typeOf} mirrors evaluation: it visits every
 * subexpression, so unknown columns and functions and type mismatches (1 + 'a') fail before the
 * first row. A parameter has the type of its value; NULL and a parameter without a value have
 * none (null).
 *
 * <h2>HAZARD</h2>
 * Evaluation returns a value of the branch that produced it: {@code CASE WHEN c THEN 1 ELSE 2.5
 * END} yields a Long on some rows and a Double on others, while {@code typeOf} says FLOAT64 (the
 * same for COALESCE and IFNULL; GREATEST and LEAST do promote). A caller that promises a column
 * type to its client must pass results through {@code Values.coerce(v, typeOf(e), ...)}, or a
 * client reading by the declared type sees the wrong class.
 */
package meridian.server.sql.expr;

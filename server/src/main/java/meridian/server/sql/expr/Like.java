package meridian.server.sql.expr;

import java.util.Arrays;
import meridian.server.sql.SqlError;

/**
 * LIKE patterns: {@code %} matches any run of characters, {@code _} exactly one (a code point), and
 * the escape character makes the one after it literal. The default escape is backslash, as in
 * PostgreSQL and Spanner; {@code ESCAPE ''} turns escaping off.
 */
final class Like {
  /** A longer pattern is refused: the match is O(text x pattern) in the worst case. */
  static final int PATTERN_CHARS_MAX = 10_000;
  static final int DEFAULT_ESCAPE = '\\';

  // Pattern tokens: a code point (>= 0) is itself.
  private static final int ANY_ONE = -1;
  private static final int ANY_RUN = -2;

  private Like() {}

  /** Whether {@code text} matches {@code pattern}; escape is a code point, or -1 for none. */
  static boolean matches(String text, String pattern, int escape, boolean ignoreCase) {
    int[] tokens = compile(pattern, escape, ignoreCase);
    int[] chars = text.codePoints().map(c -> ignoreCase ? fold(c) : c).toArray();
    // Greedy match that backtracks only to the last %: each % only ever moves forward.
    int t = 0;
    int p = 0;
    int runAt = -1;
    int runText = 0;
    while (t < chars.length) {
      if (p < tokens.length && (tokens[p] == ANY_ONE || tokens[p] == chars[t])) {
        t++;
        p++;
      } else if (p < tokens.length && tokens[p] == ANY_RUN) {
        runAt = p++;
        runText = t;
      } else if (runAt >= 0) {
        p = runAt + 1;
        t = ++runText;
      } else {
        return false;
      }
    }
    while (p < tokens.length && tokens[p] == ANY_RUN) {
      p++;
    }
    return p == tokens.length;
  }

  /** The escape code point from an ESCAPE string: one character, or '' for none. */
  static int escape(String escape) {
    if (escape.isEmpty()) {
      return -1;
    }
    if (escape.codePointCount(0, escape.length()) != 1) {
      throw new SqlError(SqlError.INVALID_ESCAPE,
          "ESCAPE must be a single character, not " + ValueText.brief(escape));
    }
    return escape.codePointAt(0);
  }

  private static int[] compile(String pattern, int escape, boolean ignoreCase) {
    if (pattern.length() > PATTERN_CHARS_MAX) {
      throw new SqlError(SqlError.PROGRAM_LIMIT,
          "LIKE pattern longer than " + PATTERN_CHARS_MAX + " characters");
    }
    int[] in = pattern.codePoints().toArray();
    int[] out = new int[in.length];
    int n = 0;
    for (int i = 0; i < in.length; i++) {
      int c = in[i];
      if (c == escape) {
        if (++i == in.length) {
          throw new SqlError(SqlError.INVALID_ESCAPE,
              "LIKE pattern must not end with the escape character: " + ValueText.brief(pattern));
        }
        out[n++] = ignoreCase ? fold(in[i]) : in[i];
      } else if (c == '%') {
        if (n == 0 || out[n - 1] != ANY_RUN) { // %% is %
          out[n++] = ANY_RUN;
        }
      } else if (c == '_') {
        out[n++] = ANY_ONE;
      } else {
        out[n++] = ignoreCase ? fold(c) : c;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Case folding for ILIKE: upper then lower, so that e.g. the Kelvin sign matches k. */
  private static int fold(int c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }
}

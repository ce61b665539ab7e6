package meridian.checker.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes JSON values as EDN text, the notation Jepsen's tools read. JSON lists become vectors,
 * objects maps, null {@code nil}; strings stay strings except where a caller asks for a keyword
 * ({@link #name}). Output never contains a raw newline, so one value fits one line.
 */
final class Edn {

  private static final String SYMBOL_PUNCTUATION = "*+!-_?$%&=<>";

  private static final Pattern CANONICAL_INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

  private Edn() {}

  /** Any JSON value. Object keys follow {@link #mapKey}. */
  static void value(JsonNode node, StringBuilder out) {
    switch (node.getNodeType()) {
      case NULL, MISSING -> out.append("nil");
      case BOOLEAN -> out.append(node.booleanValue());
      case NUMBER -> number(node, out);
      case STRING -> string(node.textValue(), out);
      case ARRAY -> {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            out.append(' ');
          }
          value(node.get(i), out);
        }
        out.append(']');
      }
      case OBJECT -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          if (!first) {
            out.append(", ");
          }
          first = false;
          mapKey(e.getKey(), out);
          out.append(' ');
          value(e.getValue(), out);
        }
        out.append('}');
      }
      case BINARY, POJO -> throw new IllegalArgumentException("not a JSON value: " + node);
    }
  }

  /**
   * An operation's value: as {@link #value}, except that a transaction (a non-empty list whose
   * elements are all non-empty lists headed by a name, {@code [["append",3,7],["r",4,null]]}) has
   * its micro-operation names written as keywords, {@code [[:append 3 7] [:r 4 nil]]}.
   */
  static void operationValue(JsonNode node, StringBuilder out) {
    if (!isTransaction(node)) {
      value(node, out);
      return;
    }
    out.append('[');
    for (int i = 0; i < node.size(); i++) {
      JsonNode micro = node.get(i);
      out.append(i > 0 ? " [" : "[");
      keyword(micro.get(0).textValue(), out);
      for (int j = 1; j < micro.size(); j++) {
        out.append(' ');
        value(micro.get(j), out);
      }
      out.append(']');
    }
    out.append(']');
  }

  private static boolean isTransaction(JsonNode node) {
    if (!node.isArray() || node.isEmpty()) {
      return false;
    }
    for (JsonNode micro : node) {
      if (!micro.isArray() || micro.isEmpty() || !micro.get(0).isTextual()
          || !isKeyword(micro.get(0).textValue())) {
        return false;
      }
    }
    return true;
  }

  /** A name ({@code f}, {@code type}, a note's process): a keyword when it can be one. */
  static void name(String name, StringBuilder out) {
    if (isKeyword(name)) {
      keyword(name, out);
    } else {
      string(name, out);
    }
  }

  /**
   * An object key: a keyword when it can be one ({@code "balance"} is {@code :balance}), else an
   * integer when it is one written canonically ({@code "0"} is {@code 0}, a bank account; {@code
   * "007"} stays a string so that no two keys collide), else a string.
   */
  static void mapKey(String key, StringBuilder out) {
    if (isKeyword(key)) {
      keyword(key, out);
    } else if (CANONICAL_INTEGER.matcher(key).matches() && !key.equals("-0")) {
      out.append(key);
      if (key.length() > 18) {
        // Past 18 digits a key may not fit a long; N keeps it exact either way.
        out.append('N');
      }
    } else {
      string(key, out);
    }
  }

  private static void keyword(String name, StringBuilder out) {
    out.append(':').append(name);
  }

  /**
   * Whether {@code :name} reads back as the keyword {@code name}. Conservative: ASCII letters,
   * digits and {@code *+!-_?$%&=<>.#'}, not starting with a digit, {@code .}, {@code #} or
   * {@code '}, and a leading {@code +} or {@code -} not followed by a digit. No {@code /}
   * (namespaces) and no {@code :}.
   */
  static boolean isKeyword(String name) {
    if (name.isEmpty()) {
      return false;
    }
    char first = name.charAt(0);
    if (!isAsciiLetter(first) && SYMBOL_PUNCTUATION.indexOf(first) < 0) {
      return false;
    }
    if ((first == '+' || first == '-') && name.length() > 1 && isDigit(name.charAt(1))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetter(c) && !isDigit(c) && SYMBOL_PUNCTUATION.indexOf(c) < 0
          && c != '.' && c != '#' && c != '\'') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void number(JsonNode node, StringBuilder out) {
    if (node.isIntegralNumber()) {
      out.append(node.bigIntegerValue());
      if (!node.canConvertToLong()) {
        out.append('N');
      }
      return;
    }
    double d = node.doubleValue();
    if (Double.isNaN(d)) {
      out.append("##NaN");
    } else if (Double.isInfinite(d)) {
      out.append(d > 0 ? "##Inf" : "##-Inf");
    } else {
      out.append(d);
    }
  }

  /**
   * A string literal. Escapes quote, backslash, tab, CR and LF as EDN does, and every other
   * control character or unpaired surrogate as {@code \\uXXXX} (which EDN readers accept), so the
   * result is valid UTF-8 on a single line.
   */
  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
  }
}

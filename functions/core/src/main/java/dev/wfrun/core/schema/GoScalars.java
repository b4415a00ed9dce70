package dev.wfrun.core.schema;

import java.util.regex.Pattern;

/**
 * Scalar parsing with the rules (and the error texts) of Go's {@code strconv}, which the shorthand
 * schema language inherits: {@code ParseInt}, {@code ParseFloat}, {@code ParseBool}, and the
 * unquoting of {@code "..."} / {@code '...'} values.
 */
final class GoScalars {
  private static final Pattern FLOAT = Pattern.compile(
      "[+-]?((\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf|infinity|nan))");

  private GoScalars() {}

  static long parseInt(String text) {
    if (!text.matches("[+-]?\\d+")) {
      throw new IllegalArgumentException("strconv.ParseInt: parsing " + quote(text) + ": invalid syntax");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("strconv.ParseInt: parsing " + quote(text) + ": value out of range");
    }
  }

  static double parseFloat(String text) {
    if (!FLOAT.matcher(text).matches()) {
      throw new IllegalArgumentException("strconv.ParseFloat: parsing " + quote(text) + ": invalid syntax");
    }
    String lower = text.toLowerCase();
    if (lower.endsWith("inf") || lower.endsWith("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.endsWith("nan")) {
      return Double.NaN;
    }
    return Double.parseDouble(text);
  }

  static boolean parseBool(String text) {
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new IllegalArgumentException(
          "strconv.ParseBool: parsing " + quote(text) + ": invalid syntax");
    };
  }

  /** Strips one level of quotes: Go unquoting for "...", doubled-quote escaping for '...'. */
  static String unquoteIfNeeded(String text) {
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      String unquoted = goUnquote(text.substring(1, text.length() - 1));
      return unquoted == null ? text : unquoted;
    }
    if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
      return text.substring(1, text.length() - 1).replace("''", "'");
    }
    return text;
  }

  /** Go string-literal escapes; null when the literal is malformed. */
  private static String goUnquote(String body) {
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char ch = body.charAt(i);
      if (ch == '"') {
        return null;
      }
      if (ch != '\\') {
        out.append(ch);
        continue;
      }
      if (++i >= body.length()) {
        return null;
      }
      char esc = body.charAt(i);
      switch (esc) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000b');
        case '\\', '"', '\'' -> out.append(esc);
        case 'u', 'U', 'x' -> {
          int len = esc == 'u' ? 4 : esc == 'U' ? 8 : 2;
          if (i + len >= body.length()) {
            return null;
          }
          try {
            out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 1 + len), 16));
          } catch (RuntimeException e) {
            return null;
          }
          i += len;
        }
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

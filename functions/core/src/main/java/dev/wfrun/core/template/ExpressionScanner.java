package dev.wfrun.core.template;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the {@code ${...}} expressions of a string, honouring nested braces and quoted strings
 * (so {@code ${"}"}} and {@code ${merge({a: 1}, {b: 2})}} are single expressions). An unclosed
 * expression ends the scan and stays literal; an unquoted {@code ${} inside an expression is an
 * error.
 */
public final class ExpressionScanner {
  static final String NESTED_ERROR = "nested CEL expressions must be quoted";

  private static final int MAX_CACHED = 10_000;
  /** Scans of template strings: templates repeat, and a cached scan keeps its strings' hashes. */
  private static final ConcurrentHashMap<String, List<Expression>> SCANS = new ConcurrentHashMap<>();

  private ExpressionScanner() {}

  /** The expressions of {@code text}, remembered for the next render of the same template. */
  public static List<Expression> findCached(String text) {
    List<Expression> cached = SCANS.get(text);
    if (cached != null) {
      return cached;
    }
    List<Expression> found = List.copyOf(find(text));
    if (SCANS.size() >= MAX_CACHED) {
      SCANS.clear();
    }
    SCANS.put(text, found);
    return found;
  }

  public static List<Expression> find(String text) {
    List<Expression> found = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = text.indexOf("${", from);
      if (start < 0) {
        return found;
      }
      int end = closingBrace(text, start);
      if (end < 0) {
        return found;
      }
      found.add(new Expression(text.substring(start, end + 1), text.substring(start + 2, end)));
      from = end + 1;
    }
  }

  /** Index of the brace closing the expression opened at {@code start}, or -1 if unclosed. */
  private static int closingBrace(String text, int start) {
    int depth = 1;
    boolean inSingle = false;
    boolean inDouble = false;
    boolean escaped = false;
    for (int i = start + 2; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean quoted = inSingle || inDouble;
      switch (ch) {
        case '\\' -> {
          if (quoted) {
            escaped = !escaped;
          }
        }
        case '\'' -> {
          if (!inDouble && !escaped) {
            inSingle = !inSingle;
          }
          escaped = false;
        }
        case '"' -> {
          if (!inSingle && !escaped) {
            inDouble = !inDouble;
          }
          escaped = false;
        }
        case '{' -> {
          if (!quoted) {
            depth++;
          }
          escaped = false;
        }
        case '}' -> {
          if (!quoted && --depth == 0) {
            return i;
          }
          escaped = false;
        }
        case '$' -> {
          if (!quoted && i + 1 < text.length() && text.charAt(i + 1) == '{') {
            throw new TemplateException(
                NESTED_ERROR + ": " + text.substring(start, i + 2), text.substring(start), null);
          }
          escaped = false;
        }
        default -> escaped = false;
      }
    }
    return -1;
  }
}

package dev.wfrun.core.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the constraint part of a shorthand type string ({@code default=main pattern="a b"}) into
 * tokens: whitespace separates tokens except inside quotes (with backslash escapes) and inside
 * {@code {...}} / {@code [...]}.
 */
final class ConstraintTokenizer {
  private ConstraintTokenizer() {}

  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int quote = 0;
    boolean escaped = false;
    int depth = 0;
    for (int i = 0; i < text.length(); ) {
      int ch = text.codePointAt(i);
      i += Character.charCount(ch);
      if (quote != 0) {
        current.appendCodePoint(ch);
        if (escaped) {
          escaped = false;
        } else if (ch == '\\') {
          escaped = true;
        } else if (ch == quote) {
          quote = 0;
        }
        continue;
      }
      if (ch == '"' || ch == '\'') {
        quote = ch;
        current.appendCodePoint(ch);
      } else if (ch == '{' || ch == '[') {
        depth++;
        current.appendCodePoint(ch);
      } else if (ch == '}' || ch == ']') {
        depth = Math.max(0, depth - 1);
        current.appendCodePoint(ch);
      } else if (Character.isWhitespace(ch) && depth == 0) {
        flush(tokens, current);
      } else {
        current.appendCodePoint(ch);
      }
    }
    flush(tokens, current);
    return tokens;
  }

  private static void flush(List<String> tokens, StringBuilder current) {
    if (current.length() > 0) {
      tokens.add(current.toString());
      current.setLength(0);
    }
  }

  /**
   * Splits an enum list on {@code separator}, where only double quotes protect separators (a
   * backslash escapes inside them); pieces are trimmed, empty ones dropped, quotes kept.
   */
  static List<String> splitRespectingQuotes(String text, char separator) {
    List<String> pieces = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean escaped = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (escaped) {
        current.append(ch);
        escaped = false;
      } else if (ch == '\\' && quoted) {
        current.append(ch);
        escaped = true;
      } else if (ch == '"') {
        quoted = !quoted;
        current.append(ch);
      } else if (ch == separator && !quoted) {
        addTrimmed(pieces, current);
      } else {
        current.append(ch);
      }
    }
    addTrimmed(pieces, current);
    return pieces;
  }

  private static void addTrimmed(List<String> pieces, StringBuilder current) {
    String piece = current.toString().trim();
    if (!piece.isEmpty()) {
      pieces.add(piece);
    }
    current.setLength(0);
  }
}

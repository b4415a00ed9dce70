package dev.wfrun.core.template;

/**
 * Where in a template the renderer is, as a chain of segments; the text
 * ({@code spec.arguments.parameters[0].value}) is only built when an error needs it.
 */
final class TemplatePath {
  static final TemplatePath ROOT = new TemplatePath(null, null, -1);

  private final TemplatePath parent;
  private final String key;
  private final int index;

  private TemplatePath(TemplatePath parent, String key, int index) {
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  /** A path that is already text (for callers that name the field themselves). */
  static TemplatePath of(String text) {
    return text == null || text.isEmpty() ? ROOT : new TemplatePath(ROOT, text, -1);
  }

  TemplatePath key(String key) {
    return new TemplatePath(this, key, -1);
  }

  TemplatePath index(int index) {
    return new TemplatePath(this, null, index);
  }

  @Override
  public String toString() {
    if (parent == null) {
      return "";
    }
    String prefix = parent.toString();
    if (key == null) {
      return prefix + "[" + index + "]";
    }
    boolean plain = isPlain(key);
    String segment = plain ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    if (prefix.isEmpty()) {
      return segment;
    }
    return plain ? prefix + "." + segment : prefix + segment;
  }

  private static boolean isPlain(String key) {
    if (key.isEmpty() || !(Character.isLetter(key.charAt(0)) || key.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char ch = key.charAt(i);
      if (!(Character.isLetterOrDigit(ch) || ch == '_' || ch == '-')) {
        return false;
      }
    }
    return true;
  }
}

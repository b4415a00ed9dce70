package dev.wfrun.core.template;

/**
 * A template could not be rendered. Carries the offending expression and, once known, the JSON
 * path of the field being rendered, so a user can find the place in their Workflow.
 */
public class TemplateException extends RuntimeException {
  private final String expression;
  private final String path;

  public TemplateException(String message, String expression, String path) {
    super(message);
    this.expression = expression;
    this.path = path;
  }

  public TemplateException(String message, String expression, String path, Throwable cause) {
    super(message, cause);
    this.expression = expression;
    this.path = path;
  }

  /** The expression text ({@code ${...}} contents), or null when not expression-specific. */
  public String expression() {
    return expression;
  }

  /** JSON path of the field being rendered ({@code spec.arguments.parameters[0].value}). */
  public String path() {
    return path;
  }

  /** The same error located at {@code path} (the innermost path wins). */
  TemplateException at(String path) {
    if (this.path != null) {
      return this;
    }
    return new TemplateException(getRawMessage(), expression, path, getCause());
  }

  /** The message without the location suffix. */
  public String getRawMessage() {
    return super.getMessage();
  }

  @Override
  public String getMessage() {
    return path == null || path.isEmpty() ? super.getMessage() : path + ": " + super.getMessage();
  }
}

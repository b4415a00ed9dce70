package dev.wfrun.core.schema;

/**
 * One way a value breaks its schema.
 *
 * @param path dotted JSON path of the offending value ({@code repository.url}, {@code tags[1]})
 * @param reason what is wrong ({@code required}, {@code must be of type integer, got string})
 */
public record Violation(String path, String reason) {

  /** The violation located under a prefix such as {@code spec.workflow.parameters}. */
  public Violation under(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return this;
    }
    return new Violation(path.isEmpty() ? prefix : prefix + (path.startsWith("[") ? "" : ".") + path, reason);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? reason : path + ": " + reason;
  }
}

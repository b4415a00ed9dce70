package dev.wfrun.core.schema;

/** A parameter schema (OpenAPI v3 or shorthand) is malformed; the message says where and why. */
public class SchemaException extends RuntimeException {
  public SchemaException(String message) {
    super(message);
  }

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The same error with a location prefix, as in {@code field "db": field "port": ...}. */
  SchemaException prefixed(String prefix) {
    return new SchemaException(prefix + getMessage(), getCause());
  }
}

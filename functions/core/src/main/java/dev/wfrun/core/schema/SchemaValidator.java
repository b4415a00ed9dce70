package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates values against a (resolved, structural) OpenAPI v3 schema with the networknt JSON
 * Schema validator, reporting every violation with its path and a reason a user can act on.
 * Compiled once per schema; thread-safe.
 */
public final class SchemaValidator {
  /**
   * OpenAPI 3.0 dialect; an integral number such as 3.0 counts as an integer (run parameters are
   * decoded as doubles, as Go decodes JSON).
   */
  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      Dialects.getOpenApi30(),
      builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().losslessNarrowing(true).build()));

  private final Schema schema;

  private SchemaValidator(Schema schema) {
    this.schema = schema;
  }

  public static SchemaValidator of(JsonNode schema) {
    return new SchemaValidator(REGISTRY.getSchema(schema));
  }

  /** Every violation, ordered by path; empty when the value is valid. */
  public List<Violation> validate(JsonNode value) {
    List<Violation> violations = new ArrayList<>();
    for (Error error : schema.validate(value)) {
      violations.add(toViolation(error));
    }
    violations.sort(Comparator.comparing(Violation::path).thenComparing(Violation::reason));
    return violations;
  }

  private static Violation toViolation(Error error) {
    String path = path(error.getInstanceLocation());
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    JsonNode schemaNode = error.getSchemaNode();
    JsonNode instance = error.getInstanceNode();
    return switch (keyword) {
      case "required" -> new Violation(join(path, error.getProperty()), "required");
      case "type" -> new Violation(
          path,
          "must be of type " + schemaNode.asText() + ", got " + typeOf(instance));
      case "enum" -> new Violation(path, "must be one of " + schemaNode);
      case "pattern" -> new Violation(path, "must match pattern '" + schemaNode.asText() + "'");
      case "minLength" -> new Violation(path, "must be at least " + schemaNode.asText() + " characters long");
      case "maxLength" -> new Violation(path, "must be at most " + schemaNode.asText() + " characters long");
      case "minItems" -> new Violation(path, "must have at least " + schemaNode.asText() + " items");
      case "maxItems" -> new Violation(path, "must have at most " + schemaNode.asText() + " items");
      case "minProperties" -> new Violation(path, "must have at least " + schemaNode.asText() + " properties");
      case "maxProperties" -> new Violation(path, "must have at most " + schemaNode.asText() + " properties");
      case "multipleOf" -> new Violation(path, "must be a multiple of " + schemaNode.asText());
      case "uniqueItems" -> new Violation(path, "must not contain duplicate items");
      case "additionalProperties" -> new Violation(join(path, error.getProperty()), "unknown field (not allowed by the schema)");
      case "format" -> new Violation(path, "must be a valid " + schemaNode.asText());
      default -> new Violation(path, stripPath(error.getMessage()));
    };
  }

  private static String path(NodePath location) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Number n) {
        out.append('[').append(n).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(element);
      }
    }
    return out.toString();
  }

  private static String join(String path, String property) {
    if (property == null || property.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? property : path + "." + property;
  }

  private static String typeOf(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    return node.isArray() ? "array" : "object";
  }

  private static String stripPath(String message) {
    int colon = message.indexOf(": ");
    return colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
  }
}

package dev.wfrun.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submitted form made into run parameters: each field's text read as its kind (an empty field is
 * left out, so the schema's default applies), placed at its dotted path. A value that is not of its
 * field's kind is an error on that field; the schema's own rules are checked after, by the same
 * validator as the API.
 */
public final class FormParameters {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The parameters, and the fields (by path) whose text could not be read as their kind. */
  public record Parsed(ObjectNode parameters, Map<String, String> errors) {}

  private FormParameters() {}

  /** @param submitted the form's values by field path ({@link SchemaForm.Field#path()}) */
  public static Parsed parse(List<SchemaForm.Field> fields, Map<String, String> submitted) {
    ObjectNode parameters = JSON.createObjectNode();
    Map<String, String> errors = new LinkedHashMap<>();
    for (SchemaForm.Field field : fields) {
      String text = submitted.get(field.path());
      if (field.kind() == SchemaForm.Kind.BOOLEAN) {
        text = text == null ? "false" : text; // an unchecked box is not sent
      }
      if (text == null || text.isEmpty()) {
        continue;
      }
      JsonNode value;
      try {
        value = switch (field.kind()) {
          case TEXT, CHOICE -> JSON.getNodeFactory().textNode(text);
          case INTEGER -> JSON.getNodeFactory().numberNode(Long.parseLong(text.trim()));
          case NUMBER -> JSON.getNodeFactory().numberNode(new java.math.BigDecimal(text.trim()));
          case BOOLEAN -> JSON.getNodeFactory().booleanNode("true".equals(text) || "on".equals(text));
          case JSON -> JSON.readTree(text);
        };
      } catch (NumberFormatException e) {
        errors.put(field.path(), "must be " + (field.kind() == SchemaForm.Kind.INTEGER ? "a whole number" : "a number"));
        continue;
      } catch (java.io.IOException e) {
        errors.put(field.path(), "must be JSON");
        continue;
      }
      put(parameters, field.path(), value);
    }
    return new Parsed(parameters, errors);
  }

  private static void put(ObjectNode root, String path, JsonNode value) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.withObjectProperty(parts[i]);
    }
    node.set(parts[parts.length - 1], value);
  }
}

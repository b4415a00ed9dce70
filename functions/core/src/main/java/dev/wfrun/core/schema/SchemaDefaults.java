package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The defaults of a parameter JSON Schema checked against the schema they sit in: a default of the
 * wrong type ({@code integer} with {@code default: "seven"}) or outside its enum or pattern would
 * be applied to every run and refused by every run's validation. Each problem names the property
 * path ({@code docker.context}; {@code []} for array items, {@code *} for map values).
 */
public final class SchemaDefaults {
  static final int MAX_DEPTH = 32;

  /** One default that its own schema refuses. */
  public record Problem(List<String> path, String reason) {}

  private SchemaDefaults() {}

  public static List<Problem> check(JsonNode jsonSchema) {
    List<Problem> out = new ArrayList<>();
    walk(jsonSchema, new ArrayList<>(), out);
    return out;
  }

  private static void walk(JsonNode schema, List<String> path, List<Problem> out) {
    if (schema == null || !schema.isObject() || path.size() > MAX_DEPTH) {
      return;
    }
    JsonNode value = schema.get("default");
    if (value != null) {
      ObjectNode without = ((ObjectNode) schema).deepCopy();
      without.remove("default");
      try {
        for (Violation v : SchemaValidator.of(without).validate(value)) {
          out.add(new Problem(List.copyOf(path), "default " + value + (v.path().isEmpty() ? "" : " at " + v.path())
              + ": " + v.reason()));
        }
      } catch (RuntimeException e) {
        // a part the validator cannot take on its own ($ref to the root): the run's validation still checks it
      }
    }
    schema.path("properties").fields().forEachRemaining(p -> walk(p.getValue(), append(path, p.getKey()), out));
    walk(schema.get("items"), append(path, "[]"), out);
    walk(schema.get("additionalProperties"), append(path, "*"), out);
  }

  private static List<String> append(List<String> path, String name) {
    List<String> next = new ArrayList<>(path);
    next.add(name);
    return next;
  }
}

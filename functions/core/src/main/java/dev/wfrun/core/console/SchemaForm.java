package dev.wfrun.core.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Workflow's parameter JSON Schema as form fields, in schema order: one field per scalar
 * (string, integer, number, boolean; an enum as a choice), nested objects as groups whose fields
 * carry dotted paths ({@code repository.revision.branch}). Arrays and free-form objects become one
 * JSON field. Depth and field count are bounded, since a tenant writes the schema.
 */
public final class SchemaForm {
  public static final int MAX_DEPTH = 8;
  public static final int MAX_FIELDS = 200;

  /** What kind of input a field is. */
  public enum Kind { TEXT, INTEGER, NUMBER, BOOLEAN, CHOICE, JSON }

  /**
   * One input: its dotted path, kind, default (as text, null when none), choices (for CHOICE),
   * whether the schema requires it, its description, and how deep it sits (0 = top level).
   */
  public record Field(String path, Kind kind, String defaultValue, List<String> choices, boolean required,
      String description, int depth) {
    /** The name a browser submits it under. */
    public String name() {
      return "p." + path;
    }
  }

  /** A group heading (a nested object) or a field, in order. */
  public record Entry(String group, int depth, Field field) {}

  private SchemaForm() {}

  /** The form of {@code schema} (an object schema; anything else has no fields). */
  public static List<Entry> of(JsonNode schema) {
    List<Entry> out = new ArrayList<>();
    walk(schema, "", 0, out);
    return out;
  }

  /** Only the fields, in order. */
  public static List<Field> fields(JsonNode schema) {
    return of(schema).stream().filter(e -> e.field() != null).map(Entry::field).toList();
  }

  private static void walk(JsonNode schema, String prefix, int depth, List<Entry> out) {
    JsonNode properties = schema == null ? null : schema.path("properties");
    if (properties == null || !properties.isObject() || depth > MAX_DEPTH) {
      return;
    }
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    var names = properties.fieldNames();
    while (names.hasNext() && out.size() < MAX_FIELDS) {
      String name = names.next();
      JsonNode property = properties.get(name);
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      String type = property.path("type").asText("");
      if (type.equals("object") && property.path("properties").isObject()) {
        out.add(new Entry(path, depth, null));
        walk(property, path, depth + 1, out);
        continue;
      }
      out.add(new Entry(null, depth, field(path, type, property, required.contains(name), depth)));
    }
  }

  private static Field field(String path, String type, JsonNode property, boolean required, int depth) {
    JsonNode def = property.get("default");
    String defaultText = def == null || def.isNull() ? null : def.isTextual() ? def.asText() : def.toString();
    String description = property.path("description").asText(null);
    if (property.path("enum").isArray()) {
      List<String> choices = new ArrayList<>();
      property.path("enum").forEach(c -> choices.add(c.isTextual() ? c.asText() : c.toString()));
      return new Field(path, Kind.CHOICE, defaultText, List.copyOf(choices), required, description, depth);
    }
    Kind kind = switch (type) {
      case "string" -> Kind.TEXT;
      case "integer" -> Kind.INTEGER;
      case "number" -> Kind.NUMBER;
      case "boolean" -> Kind.BOOLEAN;
      default -> Kind.JSON;
    };
    return new Field(path, kind, defaultText, List.of(), required, description, depth);
  }
}

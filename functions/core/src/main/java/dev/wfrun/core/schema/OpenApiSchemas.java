package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three views of an {@code openAPIV3Schema}: the structural schema used for defaulting
 * ({@code $ref}s resolved, vendor extensions stripped), the JSON Schema used for validation and
 * shown to users (also with {@code required} sorted), and the raw resolved schema with {@code x-*}
 * hints kept for UIs. Plus the admission check that a schema has no unknown keywords.
 */
public final class OpenApiSchemas {
  /** Keywords of the Kubernetes {@code JSONSchemaProps} type. */
  private static final Set<String> KNOWN_KEYWORDS = Set.of(
      "id", "$schema", "$ref", "description", "type", "format", "title", "default", "maximum",
      "exclusiveMaximum", "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern",
      "maxItems", "minItems", "uniqueItems", "multipleOf", "enum", "maxProperties", "minProperties",
      "required", "items", "allOf", "oneOf", "anyOf", "not", "properties", "additionalProperties",
      "patternProperties", "dependencies", "additionalItems", "definitions", "externalDocs",
      "example", "nullable", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
      "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-list-type",
      "x-kubernetes-map-type", "x-kubernetes-validations");
  private static final Set<String> SUBSCHEMA_KEYWORDS = Set.of("items", "additionalProperties", "not", "additionalItems");
  private static final Set<String> SUBSCHEMA_LIST_KEYWORDS = Set.of("allOf", "oneOf", "anyOf");
  private static final Set<String> SUBSCHEMA_MAP_KEYWORDS =
      Set.of("properties", "patternProperties", "definitions", "dependencies");

  private OpenApiSchemas() {}

  /** Resolved, vendor extensions stripped (x-kubernetes-* kept): the defaulting schema. */
  public static JsonNode toStructural(JsonNode schema) {
    return VendorExtensions.strip(RefResolver.resolve(schema));
  }

  /** Resolved, stripped, every {@code required} sorted; a missing schema is an open object. */
  public static JsonNode toJsonSchema(JsonNode schema) {
    if (schema == null || schema.isNull()) {
      ObjectNode empty = JsonNodeFactory.instance.objectNode();
      empty.put("type", "object");
      empty.set("properties", JsonNodeFactory.instance.objectNode());
      return empty;
    }
    JsonNode structural = toStructural(schema);
    sortRequired(structural);
    return structural;
  }

  /** Resolved only: {@code x-*} hints kept for UIs. */
  public static JsonNode toResolved(JsonNode schema) {
    return RefResolver.resolve(schema);
  }

  private static void sortRequired(JsonNode node) {
    if (!node.isObject()) {
      return;
    }
    JsonNode required = node.get("required");
    if (required != null && required.isArray()) {
      List<String> names = new ArrayList<>();
      required.forEach(r -> names.add(r.asText()));
      names.sort(null);
      ArrayNode sorted = JsonNodeFactory.instance.arrayNode();
      names.forEach(sorted::add);
      ((ObjectNode) node).set("required", sorted);
    }
    JsonNode properties = node.get("properties");
    if (properties != null && properties.isObject()) {
      properties.forEach(OpenApiSchemas::sortRequired);
    }
    for (String keyword : List.of("items", "additionalProperties")) {
      JsonNode child = node.get(keyword);
      if (child != null) {
        sortRequired(child);
      }
    }
  }

  /**
   * Rejects keywords that Kubernetes' {@code JSONSchemaProps} does not know (after {@code $ref}
   * resolution and vendor-extension stripping), naming each one with its path.
   */
  public static void checkKnownKeywords(JsonNode schema) {
    JsonNode structural = toStructural(schema);
    List<String> unknown = new ArrayList<>();
    collectUnknown(structural, "", unknown);
    if (!unknown.isEmpty()) {
      throw new SchemaException("openAPIV3Schema contains unknown or invalid fields: " + String.join(", ", unknown));
    }
  }

  private static void collectUnknown(JsonNode schema, String path, List<String> unknown) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = schema.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      String at = path.isEmpty() ? key : path + "." + key;
      if (!KNOWN_KEYWORDS.contains(key)) {
        unknown.add("unknown field \"" + at + "\"");
      } else if (SUBSCHEMA_KEYWORDS.contains(key)) {
        collectUnknown(field.getValue(), at, unknown);
      } else if (SUBSCHEMA_LIST_KEYWORDS.contains(key) && field.getValue().isArray()) {
        int i = 0;
        for (JsonNode item : field.getValue()) {
          collectUnknown(item, at + "[" + i++ + "]", unknown);
        }
      } else if (SUBSCHEMA_MAP_KEYWORDS.contains(key) && field.getValue().isObject()) {
        field.getValue().properties().forEach(
            e -> collectUnknown(e.getValue(), at + "." + e.getKey(), unknown));
      }
    }
  }
}

package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Resolves local {@code $ref}s ({@code #/$defs/Name}) of a parameter schema. A {@code $ref} node
 * is replaced by its (resolved) definition; sibling keys of the {@code $ref} then overwrite the
 * definition's keys, so {@code {$ref: X, default: {}}} works. Only schema positions are walked.
 * The input is never modified; a non-empty {@code $defs} is dropped from the result.
 */
public final class RefResolver {
  static final int MAX_DEPTH = 64;
  private static final List<String> SCHEMA_KEYWORDS =
      List.of("items", "additionalProperties", "not", "if", "then", "else", "allOf", "oneOf", "anyOf");

  private RefResolver() {}

  public static JsonNode resolve(JsonNode schema) {
    if (schema == null || schema.isNull()) {
      return null;
    }
    JsonNode copy = schema.deepCopy();
    JsonNode defs = copy.get("$defs");
    ObjectNode definitions = defs != null && defs.isObject() && defs.size() > 0 ? (ObjectNode) defs : null;
    JsonNode resolved = new Walk(definitions).visit(copy, new ArrayList<>(), 0);
    if (definitions != null && resolved.isObject()) {
      ((ObjectNode) resolved).remove("$defs");
    }
    return resolved;
  }

  private record Walk(ObjectNode definitions) {

    JsonNode visit(JsonNode node, List<String> stack, int depth) {
      if (depth + 1 > MAX_DEPTH) {
        throw new SchemaException("$ref resolution exceeded maximum depth of " + MAX_DEPTH);
      }
      if (!node.isObject()) {
        return node;
      }
      ObjectNode object = (ObjectNode) node;
      if (object.has("$ref")) {
        return resolveRef(object, stack, depth + 1);
      }
      for (String keyword : SCHEMA_KEYWORDS) {
        JsonNode child = object.get(keyword);
        if (child == null) {
          continue;
        }
        if (child.isObject()) {
          object.set(keyword, visit(child, stack, depth + 1));
        } else if (child.isArray()) {
          ArrayNode array = (ArrayNode) child;
          for (int i = 0; i < array.size(); i++) {
            if (array.get(i).isObject()) {
              array.set(i, visit(array.get(i), stack, depth + 1));
            }
          }
        }
      }
      for (String keyword : List.of("properties", "patternProperties")) {
        JsonNode children = object.get(keyword);
        if (children != null && children.isObject()) {
          Iterator<Map.Entry<String, JsonNode>> fields = children.properties().iterator();
          List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
          fields.forEachRemaining(entries::add);
          for (Map.Entry<String, JsonNode> e : entries) {
            ((ObjectNode) children).set(e.getKey(), visit(e.getValue(), stack, depth + 1));
          }
        }
      }
      return object;
    }

    private JsonNode resolveRef(ObjectNode node, List<String> stack, int depth) {
      JsonNode refNode = node.get("$ref");
      if (!refNode.isTextual()) {
        throw new SchemaException("$ref must be a string, got " + JsonTypes.goName(refNode));
      }
      String ref = refNode.textValue();
      String name = definitionName(ref);
      if (stack.contains(name)) {
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(name), stack.size()));
        cycle.add(name);
        throw new SchemaException("circular $ref: " + String.join(" \u2192 ", cycle));
      }
      if (definitions == null) {
        throw new SchemaException("$ref \"" + ref + "\" not found: no definitions available");
      }
      JsonNode definition = definitions.get(name);
      if (definition == null) {
        throw new SchemaException("$ref \"" + ref + "\" not found in definitions");
      }
      if (!definition.isObject()) {
        throw new SchemaException("$ref \"" + ref + "\" resolved to non-object type");
      }
      List<String> inner = new ArrayList<>(stack);
      inner.add(name);
      JsonNode resolved = visit(definition.deepCopy(), inner, depth);
      if (node.size() == 1) {
        return resolved;
      }
      ObjectNode merged = ((ObjectNode) resolved).deepCopy();
      node.properties().forEach(e -> {
        if (!e.getKey().equals("$ref")) {
          merged.set(e.getKey(), e.getValue());
        }
      });
      return visit(merged, stack, depth);
    }

    private static String definitionName(String ref) {
      if (ref.startsWith("http://") || ref.startsWith("https://")) {
        throw new SchemaException("only local $ref supported, got \"" + ref + "\"");
      }
      if (!ref.startsWith("#/")) {
        throw new SchemaException("only local $ref supported (must start with #/), got \"" + ref + "\"");
      }
      String[] parts = ref.substring(2).split("/", -1);
      if (parts.length != 2 || !parts[0].equals("$defs")) {
        throw new SchemaException("unsupported $ref path \"" + ref + "\": expected #/$defs/Name");
      }
      if (parts[1].isEmpty()) {
        throw new SchemaException("empty definition name in $ref \"" + ref + "\"");
      }
      return parts[1];
    }
  }
}

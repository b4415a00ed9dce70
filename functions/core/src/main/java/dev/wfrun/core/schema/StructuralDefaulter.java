package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes structural defaulting: a missing property (or a null one that is not nullable) gets
 * a copy of its schema default, top-down, so a defaulted object is itself defaulted. Existing
 * values are never overwritten and item defaults never create array elements.
 */
public final class StructuralDefaulter {
  private StructuralDefaulter() {}

  /** A defaulted copy of {@code values}; null values are treated as an empty object. */
  public static JsonNode apply(JsonNode schema, JsonNode values) {
    JsonNode target = values == null || values.isNull()
        ? JsonNodeFactory.instance.objectNode()
        : values.deepCopy();
    if (schema != null) {
      defaultInPlace(target, schema);
    }
    return target;
  }

  private static void defaultInPlace(JsonNode value, JsonNode schema) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    if (value.isObject()) {
      ObjectNode object = (ObjectNode) value;
      JsonNode properties = schema.get("properties");
      if (properties != null && properties.isObject()) {
        properties.properties().forEach(p -> {
          JsonNode def = p.getValue().get("default");
          if (def == null || def.isNull()) {
            return;
          }
          JsonNode current = object.get(p.getKey());
          if (current == null || (current.isNull() && !nullable(p.getValue()))) {
            object.set(p.getKey(), def.deepCopy());
          }
        });
      }
      JsonNode additional = schema.get("additionalProperties");
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        JsonNode propertySchema = properties == null ? null : properties.get(key);
        if (propertySchema != null) {
          defaultInPlace(object.get(key), propertySchema);
        } else if (additional != null && additional.isObject()) {
          replaceNull(object, key, additional);
          defaultInPlace(object.get(key), additional);
        }
      }
    } else if (value.isArray()) {
      JsonNode items = schema.get("items");
      if (items == null || !items.isObject()) {
        return;
      }
      ArrayNode array = (ArrayNode) value;
      for (int i = 0; i < array.size(); i++) {
        JsonNode def = items.get("default");
        if (array.get(i).isNull() && !nullable(items) && def != null && !def.isNull()) {
          array.set(i, def.deepCopy());
        }
        defaultInPlace(array.get(i), items);
      }
    }
  }

  private static void replaceNull(ObjectNode object, String key, JsonNode schema) {
    JsonNode def = schema.get("default");
    if (object.get(key).isNull() && !nullable(schema) && def != null && !def.isNull()) {
      object.set(key, def.deepCopy());
    }
  }

  private static boolean nullable(JsonNode schema) {
    return schema.path("nullable").asBoolean(false);
  }
}

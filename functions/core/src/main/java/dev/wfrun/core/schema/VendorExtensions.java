package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes vendor extensions ({@code x-...} keys longer than two characters) from a schema at
 * every depth, keeping the {@code x-kubernetes-*} ones the structural schema understands.
 */
public final class VendorExtensions {
  private VendorExtensions() {}

  /** A copy of {@code schema} without vendor extensions; null stays null. */
  public static JsonNode strip(JsonNode schema) {
    if (schema == null || schema.isNull()) {
      return null;
    }
    JsonNode copy = schema.deepCopy();
    stripInPlace(copy);
    return copy;
  }

  static boolean isVendorExtension(String key) {
    return key.length() > 2 && key.startsWith("x-") && !key.startsWith("x-kubernetes-");
  }

  private static void stripInPlace(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> remove = new ArrayList<>();
      object.fieldNames().forEachRemaining(k -> {
        if (isVendorExtension(k)) {
          remove.add(k);
        }
      });
      object.remove(remove);
      object.forEach(VendorExtensions::stripInPlace);
    } else if (node.isArray()) {
      node.forEach(VendorExtensions::stripInPlace);
    }
  }
}

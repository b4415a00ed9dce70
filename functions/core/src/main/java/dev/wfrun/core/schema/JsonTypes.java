package dev.wfrun.core.schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Go-style type names of JSON values, for messages that mirror upstream's. */
final class JsonTypes {
  private JsonTypes() {}

  static String goName(JsonNode node) {
    if (node == null || node.isNull()) {
      return "<nil>";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isBoolean()) {
      return "bool";
    }
    if (node.isIntegralNumber()) {
      return "int";
    }
    if (node.isNumber()) {
      return "float64";
    }
    if (node.isArray()) {
      return "[]interface {}";
    }
    return "map[string]interface {}";
  }
}

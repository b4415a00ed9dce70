package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The simple JSONPath of a CRD printer column: {@code .a.b.c}, where {@code \.} is a dot inside a
 * key ({@code .metadata.labels.openchoreo\.dev/component}).
 */
final class PrinterColumnPath {
  private PrinterColumnPath() {}

  static JsonNode read(JsonNode object, String path) {
    JsonNode node = object;
    for (String key : keys(path)) {
      node = node.path(key);
    }
    return node;
  }

  static List<String> keys(String path) {
    List<String> keys = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (int i = path.startsWith(".") ? 1 : 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length()) {
        key.append(path.charAt(++i));
      } else if (c == '.') {
        keys.add(key.toString());
        key.setLength(0);
      } else {
        key.append(c);
      }
    }
    if (!key.isEmpty()) {
      keys.add(key.toString());
    }
    return keys;
  }
}

package dev.wfrun.dev.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath of a CRD printer column as wfrun's CRDs use it: {@code .a.b.c}, where {@code \.} is a
 * dot inside a key ({@code .metadata.labels.openchoreo\.dev/component}), and a filter on a list
 * ({@code .status.conditions[?(@.type=="WorkflowCompleted")].reason}: the first element whose field
 * has that value).
 */
final class PrinterColumnPath {
  private static final Pattern FILTER = Pattern.compile("^(.*)\\[\\?\\(@\\.([A-Za-z0-9_]+)==\"([^\"]*)\"\\)\\]$");

  private PrinterColumnPath() {}

  static JsonNode read(JsonNode object, String path) {
    JsonNode node = object;
    for (String key : keys(path)) {
      Matcher filter = FILTER.matcher(key);
      if (!filter.matches()) {
        node = node.path(key);
        continue;
      }
      JsonNode list = filter.group(1).isEmpty() ? node : node.path(filter.group(1));
      JsonNode found = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
      for (JsonNode element : list) {
        if (filter.group(3).equals(element.path(filter.group(2)).asText(null))) {
          found = element;
          break;
        }
      }
      node = found;
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
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        int end = close < 0 ? path.length() - 1 : close;
        key.append(path, i, end + 1); // a filter is one segment, dots and all
        i = end;
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

package dev.wfrun.core.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the dot paths of the conformance files' {@code asserts} ({@code a.b[0].c}). */
final class JsonPaths {
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private JsonPaths() {}

  /** The node at {@code path}, or null when absent. */
  static JsonNode get(JsonNode root, String path) {
    JsonNode node = root;
    Matcher m = SEGMENT.matcher(path);
    while (m.find() && node != null) {
      node = m.group(1) != null ? node.get(m.group(1)) : node.get(Integer.parseInt(m.group(2)));
    }
    return node;
  }

  static void checkAsserts(JsonNode body, JsonNode actual) {
    body.path("asserts").properties().forEach(a -> {
      JsonNode value = get(actual, a.getKey());
      if (value == null || !JsonAssert.semanticEquals(a.getValue(), value)) {
        throw new AssertionError("assert " + a.getKey() + ": expected " + a.getValue() + ", got " + value
            + "\nin " + actual);
      }
    });
    for (JsonNode absent : body.path("absent_paths")) {
      if (get(actual, absent.asText()) != null) {
        throw new AssertionError("path " + absent.asText() + " must be absent in " + actual);
      }
    }
  }
}

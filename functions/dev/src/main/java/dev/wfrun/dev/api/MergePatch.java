package dev.wfrun.dev.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** JSON merge patch (RFC 7386), to check an object as it will be after a {@code kubectl apply}. */
final class MergePatch {
  private MergePatch() {}

  static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isNull()) {
        result.remove(f.getKey());
      } else {
        result.set(f.getKey(), apply(result.get(f.getKey()), f.getValue()));
      }
    }
    return result;
  }
}

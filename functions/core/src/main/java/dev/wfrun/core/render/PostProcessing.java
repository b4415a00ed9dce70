package dev.wfrun.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.core.template.GoJson;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.io.IOException;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * Upstream's two post-render passes, kept for compatibility: maps under a key named exactly
 * {@code value} become compact JSON strings (Argo parameter values must be strings), and any
 * string that is a JSON array becomes that array (so list {@code value}s survive as lists). Both
 * work in place on a tree the caller owns (a render result).
 */
public final class PostProcessing {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PostProcessing() {}

  /** Both passes, in upstream's order, in place. */
  public static Object apply(Object tree) {
    return flowStyleArraysToLists(complexValuesToJsonStrings(tree));
  }

  @SuppressWarnings("unchecked") // rendered trees are maps with string keys
  public static Object complexValuesToJsonStrings(Object node) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        Object v = e.getValue();
        if (e.getKey().equals("value") && (v instanceof Map || v instanceof List)) {
          e.setValue(GoJson.write(v));
        } else {
          complexValuesToJsonStrings(v);
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(PostProcessing::complexValuesToJsonStrings);
    }
    return node;
  }

  @SuppressWarnings("unchecked") // rendered trees are maps with string keys and object lists
  public static Object flowStyleArraysToLists(Object node) {
    if (node instanceof String s) {
      return parseArray(s);
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        e.setValue(flowStyleArraysToLists(e.getValue()));
      }
    } else if (node instanceof List<?> list) {
      ListIterator<Object> items = ((List<Object>) list).listIterator();
      while (items.hasNext()) {
        items.set(flowStyleArraysToLists(items.next()));
      }
    }
    return node;
  }

  private static Object parseArray(String s) {
    if (!s.startsWith("[")) {
      return s;
    }
    try {
      JsonNode parsed = JSON.readTree(s);
      return parsed != null && parsed.isArray() ? TemplateValues.fromJson(parsed, Numbers.GO_FLOAT) : s;
    } catch (IOException notJson) {
      return s;
    }
  }
}

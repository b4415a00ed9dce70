package dev.wfrun.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.core.template.GoJson;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's two post-render passes, kept for compatibility: maps under a key named exactly
 * {@code value} become compact JSON strings (Argo parameter values must be strings), and any
 * string that is a JSON array becomes that array (so list {@code value}s survive as lists).
 */
public final class PostProcessing {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PostProcessing() {}

  public static Object apply(Object tree) {
    return flowStyleArraysToLists(complexValuesToJsonStrings(tree));
  }

  public static Object complexValuesToJsonStrings(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        String key = String.valueOf(k);
        boolean complex = v instanceof Map || v instanceof List;
        out.put(key, key.equals("value") && complex ? GoJson.write(v) : complexValuesToJsonStrings(v));
      });
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(complexValuesToJsonStrings(item)));
      return out;
    }
    return node;
  }

  public static Object flowStyleArraysToLists(Object node) {
    if (node instanceof String s && s.startsWith("[")) {
      try {
        JsonNode parsed = JSON.readTree(s);
        return parsed != null && parsed.isArray() ? TemplateValues.fromJson(parsed, Numbers.GO_FLOAT) : s;
      } catch (IOException notJson) {
        return s;
      }
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), flowStyleArraysToLists(v)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(flowStyleArraysToLists(item)));
      return out;
    }
    return node;
  }
}

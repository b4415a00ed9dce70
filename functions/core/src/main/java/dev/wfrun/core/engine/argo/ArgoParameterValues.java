package dev.wfrun.core.engine.argo;

import dev.cel.common.values.NullValue;
import dev.wfrun.core.template.GoFormat;
import dev.wfrun.core.template.GoJson;
import java.util.List;
import java.util.Map;

/**
 * Argo parameter values must be strings: {@code spec.arguments.parameters[*].value} of the run
 * object is stringified before it is applied (numbers as Go prints them, lists and maps as
 * compact JSON). Only that path is touched, as upstream does.
 */
final class ArgoParameterValues {
  private ArgoParameterValues() {}

  @SuppressWarnings("unchecked") // rendered objects are maps with string keys
  static void stringify(Map<String, Object> resource) {
    if (!(resource.get("spec") instanceof Map<?, ?> spec)
        || !(spec.get("arguments") instanceof Map<?, ?> arguments)
        || !(arguments.get("parameters") instanceof List<?> parameters)) {
      return;
    }
    for (Object parameter : parameters) {
      if (parameter instanceof Map<?, ?> p && p.containsKey("value")) {
        ((Map<String, Object>) p).put("value", asString(p.get("value")));
      }
    }
  }

  static String asString(Object value) {
    if (value == null || value instanceof NullValue) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return GoFormat.g(d);
    }
    if (value instanceof Map || value instanceof List) {
      return GoJson.write(value);
    }
    return String.valueOf(value);
  }
}

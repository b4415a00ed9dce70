package dev.wfrun.core.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.schema.ParameterSchema;

/**
 * A run's parameters as templates see them. Numbers the user supplied are doubles (as Go decodes
 * JSON), while schema defaults keep integral values as ints, exactly as upstream: so
 * {@code ${parameters.replicas}} interpolates {@code 3} either way, but only a defaulted value
 * supports int arithmetic.
 */
public final class RunParameters {
  private RunParameters() {}

  /** The run's parameters with user numbers as doubles and schema defaults applied. */
  public static JsonNode defaulted(ParameterSchema schema, JsonNode parameters) {
    if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
      throw new RenderException("failed to build CEL context: failed to build parameters: "
          + "failed to extract workflow run parameters: parameters must be an object, got " + parameters.getNodeType());
    }
    return schema.applyDefaults(asGoFloats(parameters));
  }

  /** {@code spec.workflow.parameters} as an object ({} when absent). */
  public static ObjectNode extract(JsonNode parameters) {
    if (parameters == null || parameters.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!parameters.isObject()) {
      throw new RenderException("failed to unmarshal parameters: expected an object, got " + parameters.getNodeType());
    }
    return (ObjectNode) parameters.deepCopy();
  }

  static JsonNode asGoFloats(JsonNode node) {
    if (node == null || node.isNull()) {
      return node;
    }
    if (node.isNumber()) {
      return JsonNodeFactory.instance.numberNode(node.doubleValue());
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      node.properties().forEach(e -> out.set(e.getKey(), asGoFloats(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(item -> out.add(asGoFloats(item)));
      return out;
    }
    return node;
  }
}

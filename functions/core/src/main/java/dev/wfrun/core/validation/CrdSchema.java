package dev.wfrun.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfrun.core.schema.SchemaValidator;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.template.CelEnvironment;
import dev.wfrun.core.template.TemplateException;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema of one CRD version, checked as the API server would on create: structure and
 * validation keywords (unknown fields rejected where the schema does not preserve them), plus the
 * {@code x-kubernetes-validations} CEL rules that do not compare with {@code oldSelf}.
 */
public final class CrdSchema {
  private final String kind;
  private final boolean namespaced;
  private final JsonNode schema;
  private final SchemaValidator validator;
  private final CelEnvironment cel;

  CrdSchema(String kind, boolean namespaced, JsonNode openApiV3Schema, CelEnvironment cel) {
    this.kind = kind;
    this.namespaced = namespaced;
    this.schema = openApiV3Schema;
    this.validator = SchemaValidator.of(strict(openApiV3Schema.deepCopy()));
    this.cel = cel;
  }

  public String kind() {
    return kind;
  }

  public boolean namespaced() {
    return namespaced;
  }

  public List<Violation> validate(JsonNode object) {
    List<Violation> violations = new ArrayList<>(validator.validate(object));
    if (violations.isEmpty()) {
      checkRules(schema, object, "", violations);
    }
    return violations;
  }

  /** Kubernetes rejects unknown fields unless the schema preserves them; JSON Schema allows them. */
  private static JsonNode strict(JsonNode node) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      boolean preserves = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (object.has("properties") && !object.has("additionalProperties") && !preserves) {
        object.put("additionalProperties", false);
      }
      object.forEach(CrdSchema::strict);
    } else if (node.isArray()) {
      node.forEach(CrdSchema::strict);
    }
    return node;
  }

  private void checkRules(JsonNode schemaNode, JsonNode value, String path, List<Violation> out) {
    if (schemaNode == null || value == null || value.isNull()) {
      return;
    }
    for (JsonNode rule : schemaNode.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asText();
      if (expression.contains("oldSelf")) {
        continue; // transition rules only apply to updates
      }
      Object result;
      try {
        result = cel.evaluate(expression, Map.of("self", TemplateValues.fromJson(value, Numbers.NATURAL)));
      } catch (TemplateException e) {
        out.add(new Violation(path, "rule " + expression + " failed: " + e.getRawMessage()));
        continue;
      }
      if (!Boolean.TRUE.equals(result)) {
        out.add(new Violation(path, rule.path("message").asText("failed rule: " + expression)));
      }
    }
    JsonNode properties = schemaNode.get("properties");
    if (properties != null && value.isObject()) {
      properties.properties().forEach(p -> {
        if (value.has(p.getKey())) {
          checkRules(p.getValue(), value.get(p.getKey()), path.isEmpty() ? p.getKey() : path + "." + p.getKey(), out);
        }
      });
    }
    JsonNode items = schemaNode.get("items");
    if (items != null && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        checkRules(items, value.get(i), path + "[" + i + "]", out);
      }
    }
    JsonNode additional = schemaNode.get("additionalProperties");
    if (additional != null && additional.isObject() && value.isObject()) {
      value.properties().forEach(e -> {
        if (properties == null || !properties.has(e.getKey())) {
          checkRules(additional, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
        }
      });
    }
  }
}

package dev.wfrun.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.render.RenderContext;
import dev.wfrun.core.schema.OpenApiSchemas;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.SchemaDefaults;
import dev.wfrun.core.schema.SchemaException;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.template.Expression;
import dev.wfrun.core.template.ExpressionScanner;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.template.TemplateException;
import dev.wfrun.core.ttl.TtlDuration;
import dev.wfrun.core.typecheck.TemplateTypeChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server's schema cannot say about a Workflow or ClusterWorkflow: the run template's
 * structure (literal kind, a name, the execution namespace), unique resource and externalRef ids,
 * a parameter schema that compiles, every {@code ${...}} expression compiles and type-checks
 * against the variables a run provides ({@link TemplateTypeChecker}), and a parseable TTL.
 */
final class WorkflowChecks {
  private static final String PROBE_NAMESPACE = "wfrun-probe";

  private final TemplateEngine engine;

  WorkflowChecks(TemplateEngine engine) {
    this.engine = engine;
  }

  List<Violation> check(JsonNode workflow) {
    List<Violation> out = new ArrayList<>();
    JsonNode spec = workflow.path("spec");
    templateStructure(spec.path("runTemplate"), "spec.runTemplate", true, out);
    JsonNode resources = spec.path("resources");
    uniqueIds(resources, "spec.resources", "resource", out);
    for (int i = 0; i < resources.size(); i++) {
      templateStructure(resources.get(i).path("template"), "spec.resources[" + i + "].template", false, out);
    }
    uniqueIds(spec.path("externalRefs"), "spec.externalRefs", "externalRef", out);
    parameterSchema(spec, out);
    expressions(workflow, out);
    try {
      TtlDuration.parse(spec.path("ttlAfterCompletion").asText(null));
    } catch (IllegalArgumentException e) {
      out.add(new Violation("spec.ttlAfterCompletion", e.getMessage()));
    }
    return out;
  }

  private static void uniqueIds(JsonNode items, String path, String what, List<Violation> out) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      String id = items.get(i).path("id").asText();
      Integer previous = seen.putIfAbsent(id, i);
      if (previous != null) {
        out.add(new Violation(path + "[" + i + "].id", what + " id \"" + id + "\" is already used at index " + previous));
      }
    }
  }

  private void templateStructure(JsonNode template, String path, boolean isRunTemplate, List<Violation> out) {
    if (!template.isObject()) {
      if (isRunTemplate) {
        out.add(new Violation(path, "template is required"));
      }
      return;
    }
    if (template.path("apiVersion").asText("").isEmpty()) {
      out.add(new Violation(path + ".apiVersion", "apiVersion is required in resource template"));
    }
    String kind = template.path("kind").asText("");
    if (kind.isEmpty()) {
      out.add(new Violation(path + ".kind", "kind is required in resource template"));
    } else if (kind.contains("${")) {
      out.add(new Violation(path + ".kind", "kind must be a literal value, not a template expression"));
    }
    if (template.path("metadata").path("name").asText("").isEmpty()) {
      out.add(new Violation(path + ".metadata.name", "metadata.name is required in resource template"));
    }
    JsonNode namespace = template.path("metadata").get("namespace");
    if (namespace == null) {
      if (isRunTemplate) {
        out.add(new Violation(path + ".metadata.namespace",
            "metadata.namespace is required and must be set to \"${metadata.namespace}\""));
      }
      return;
    }
    if (!rendersToExecutionNamespace(namespace)) {
      out.add(new Violation(path + ".metadata.namespace",
          "must render to the run's execution namespace: set it to \"${metadata.namespace}\" "
              + "(or the seed form \"openchoreo-ci-${metadata.namespaceName}\"), got " + namespace));
    }
  }

  /** Renders the namespace with a probe run: it must land in that run's execution namespace. */
  private boolean rendersToExecutionNamespace(JsonNode namespace) {
    if (!namespace.isTextual()) {
      return false;
    }
    Map<String, Object> metadata = Map.of(
        "namespaceName", PROBE_NAMESPACE,
        "workflowRunName", "wfrun-probe-run",
        "namespace", RenderContext.executionNamespaceOf(PROBE_NAMESPACE),
        "labels", Map.of());
    try {
      Object rendered = engine.renderString(namespace.textValue(), Map.of("metadata", metadata), "");
      return RenderContext.executionNamespaceOf(PROBE_NAMESPACE).equals(rendered);
    } catch (TemplateException e) {
      return false;
    }
  }

  private static void parameterSchema(JsonNode spec, List<Violation> out) {
    try {
      ParameterSchema schema = ParameterSchema.of(WorkflowModel.spec(spec));
      boolean shorthand = spec.path("schema").has("parameters");
      for (SchemaDefaults.Problem problem : SchemaDefaults.check(schema.jsonSchema())) {
        out.add(new Violation(defaultPath(shorthand, problem.path()), problem.reason()));
      }
      JsonNode openApi = spec.path("parameters").get("openAPIV3Schema");
      if (openApi != null && !openApi.isNull()) {
        OpenApiSchemas.checkKnownKeywords(openApi);
      }
    } catch (SchemaException e) {
      String path = spec.path("schema").has("parameters") ? "spec.schema.parameters" : "spec.parameters";
      out.add(new Violation(path, e.getMessage().replaceFirst("^spec\\.[a-zA-Z.]+: ", "")));
    } catch (IllegalArgumentException e) {
      out.add(new Violation("spec", e.getMessage()));
    }
  }

  /** Where a property's default is written: the shorthand's dotted keys, or the OpenAPI schema's nesting. */
  private static String defaultPath(boolean shorthand, List<String> path) {
    StringBuilder out = new StringBuilder(shorthand ? "spec.schema.parameters" : "spec.parameters.openAPIV3Schema");
    for (String name : path) {
      if (shorthand) {
        out.append(name.equals("[]") ? "[]" : "." + name);
      } else {
        out.append(switch (name) {
          case "[]" -> ".items";
          case "*" -> ".additionalProperties";
          default -> ".properties." + name;
        });
      }
    }
    return shorthand ? out.toString() : out + ".default";
  }

  /**
   * Every expression must compile with the variables a run of this Workflow provides, and check
   * against their types: {@code parameters} from the parameter schema, the declared externalRef ids.
   */
  private void expressions(JsonNode workflow, List<Violation> out) {
    JsonNode spec = workflow.path("spec");
    JsonNode schema;
    try {
      schema = ParameterSchema.of(WorkflowModel.spec(spec)).jsonSchema();
    } catch (RuntimeException e) {
      schema = null; // reported by parameterSchema(); the expressions are checked with free-form parameters
    }
    List<String> ids = new ArrayList<>();
    spec.path("externalRefs").forEach(ref -> ids.add(ref.path("id").asText()));
    TemplateTypeChecker typed = checker(schema, ids);
    checkAll(spec.path("runTemplate"), "spec.runTemplate", typed, out);
    JsonNode resources = spec.path("resources");
    for (int i = 0; i < resources.size(); i++) {
      checkAll(resources.get(i).path("includeWhen"), "spec.resources[" + i + "].includeWhen", typed, out);
      checkAll(resources.get(i).path("template"), "spec.resources[" + i + "].template", typed, out);
    }
    JsonNode refs = spec.path("externalRefs");
    if (refs.size() > 0) {
      TemplateTypeChecker withoutRefs = checker(schema, null);
      for (int i = 0; i < refs.size(); i++) {
        checkAll(refs.get(i).path("name"), "spec.externalRefs[" + i + "].name", withoutRefs, out);
      }
    }
  }

  /**
   * Checkers are built per schema (two CEL compilers each) and kept, bounded: an admission webhook
   * sees the same few Workflows again and again.
   */
  private static final com.google.common.cache.Cache<String, TemplateTypeChecker> CHECKERS =
      com.google.common.cache.CacheBuilder.newBuilder().maximumSize(256).build();

  private static TemplateTypeChecker checker(JsonNode schema, List<String> ids) {
    String key = (schema == null ? "-" : schema.toString()) + "\u0000" + (ids == null ? "-" : String.join("\u0000", ids));
    try {
      return CHECKERS.get(key, () -> new TemplateTypeChecker(schema, ids));
    } catch (java.util.concurrent.ExecutionException | com.google.common.util.concurrent.UncheckedExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void checkAll(JsonNode node, String path, TemplateTypeChecker typed, List<Violation> out) {
    if (node.isTextual()) {
      check(node.textValue(), path, typed, out);
    } else if (node.isObject()) {
      node.properties().forEach(e -> {
        String child = path + "." + e.getKey();
        check(e.getKey(), child, typed, out);
        checkAll(e.getValue(), child, typed, out);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkAll(node.get(i), path + "[" + i + "]", typed, out);
      }
    }
  }

  /** Each {@code ${...}} of a string: it compiles, then checks against the run's types. */
  private void check(String text, String path, TemplateTypeChecker typed, List<Violation> out) {
    if (!text.contains("${")) {
      return;
    }
    List<Expression> found;
    try {
      found = ExpressionScanner.find(text);
    } catch (TemplateException e) {
      out.add(new Violation(path, e.getRawMessage()));
      return;
    }
    for (Expression expression : found) {
      List<String> problems = typed.check(expression.inner());
      if (!problems.isEmpty()) {
        out.add(new Violation(path, "CEL compilation error in expression '" + expression.inner() + "': "
            + String.join("; ", problems)));
      }
    }
  }
}

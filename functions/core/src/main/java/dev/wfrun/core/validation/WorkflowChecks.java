package dev.wfrun.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wfrun.core.render.RenderContext;
import dev.wfrun.core.schema.OpenApiSchemas;
import dev.wfrun.core.schema.ParameterSchema;
import dev.wfrun.core.schema.SchemaException;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.template.CelEnvironment;
import dev.wfrun.core.template.Expression;
import dev.wfrun.core.template.ExpressionScanner;
import dev.wfrun.core.template.TemplateEngine;
import dev.wfrun.core.template.TemplateException;
import dev.wfrun.core.ttl.TtlDuration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server's schema cannot say about a Workflow or ClusterWorkflow: the run template's
 * structure (literal kind, a name, the execution namespace), unique resource and externalRef ids,
 * a parameter schema that compiles, every {@code ${...}} expression compiles against the variables
 * a run provides, and a parseable TTL.
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
      ParameterSchema.of(WorkflowModel.spec(spec));
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

  /** Every expression must compile with the variables a run of this Workflow provides. */
  private void expressions(JsonNode workflow, List<Violation> out) {
    JsonNode spec = workflow.path("spec");
    Set<String> variables = new LinkedHashSet<>(List.of("metadata", "parameters", "workflowplane", "systemParameters"));
    if (spec.path("externalRefs").size() > 0) {
      variables.add("externalRefs");
    }
    compileAll(spec.path("runTemplate"), "spec.runTemplate", variables, out);
    JsonNode resources = spec.path("resources");
    for (int i = 0; i < resources.size(); i++) {
      compileAll(resources.get(i).path("includeWhen"), "spec.resources[" + i + "].includeWhen", variables, out);
      compileAll(resources.get(i).path("template"), "spec.resources[" + i + "].template", variables, out);
    }
    Set<String> refVariables = new LinkedHashSet<>(variables);
    refVariables.remove("externalRefs");
    JsonNode refs = spec.path("externalRefs");
    for (int i = 0; i < refs.size(); i++) {
      compileAll(refs.get(i).path("name"), "spec.externalRefs[" + i + "].name", refVariables, out);
    }
  }

  private void compileAll(JsonNode node, String path, Set<String> variables, List<Violation> out) {
    if (node.isTextual()) {
      compile(node.textValue(), path, variables, out);
    } else if (node.isObject()) {
      node.properties().forEach(e -> {
        String child = path + "." + e.getKey();
        compile(e.getKey(), child, variables, out);
        compileAll(e.getValue(), child, variables, out);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        compileAll(node.get(i), path + "[" + i + "]", variables, out);
      }
    }
  }

  private void compile(String text, String path, Set<String> variables, List<Violation> out) {
    if (!text.contains("${")) {
      return;
    }
    CelEnvironment cel = engine.cel();
    try {
      for (Expression expression : ExpressionScanner.find(text)) {
        cel.check(expression.inner(), variables);
      }
    } catch (TemplateException e) {
      out.add(new Violation(path, e.getRawMessage()));
    }
  }
}

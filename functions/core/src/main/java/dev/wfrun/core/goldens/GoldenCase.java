package dev.wfrun.core.goldens;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.render.RenderContext;
import dev.wfrun.core.render.RenderInput;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.template.TemplateValues;
import dev.wfrun.core.template.TemplateValues.Numbers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A golden render case in the format of the conformance pipeline file ({@code render_cases}):
 * {@code input: {workflowRun, workflow, context}} and either {@code expected: {resource,
 * resources}} or {@code expect_error} with {@code expected_error_contains}.
 */
public record GoldenCase(String source, String name, JsonNode body) {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The case's input as the pipeline takes it (null when the case gives a null input). */
  public RenderInput input() {
    return inputOf(body.get("input"));
  }

  public static RenderInput inputOf(JsonNode in) {
    if (in == null || in.isNull()) {
      return null;
    }
    JsonNode runNode = in.get("workflowRun");
    WorkflowRun run = runNode == null || runNode.isNull() ? null : JSON.convertValue(runNode, WorkflowRun.class);
    JsonNode workflowNode = in.get("workflow");
    ResolvedWorkflow workflow = null;
    if (workflowNode != null && !workflowNode.isNull()) {
      workflow = ClusterWorkflow.KIND.equals(workflowNode.path("kind").asText())
          ? ResolvedWorkflow.of(JSON.convertValue(workflowNode, ClusterWorkflow.class))
          : ResolvedWorkflow.of(JSON.convertValue(workflowNode, Workflow.class));
    }
    JsonNode ctx = in.path("context");
    String namespace = ctx.path("namespaceName").asText("");
    Map<String, String> labels = new LinkedHashMap<>();
    ctx.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    @SuppressWarnings("unchecked") // externalRefs is a YAML map
    Map<String, Object> refs = ctx.has("externalRefs")
        ? (Map<String, Object>) TemplateValues.fromJson(ctx.get("externalRefs"), Numbers.GO_FLOAT)
        : Map.of();
    RenderContext context = new RenderContext(
        namespace,
        ctx.path("workflowRunName").asText(""),
        RenderContext.executionNamespaceOf(namespace),
        labels,
        refs,
        ctx.path("workflowPlane").path("secretStore").asText(""));
    return new RenderInput(run, workflow, context);
  }

  public boolean expectsError() {
    return body.path("expect_error").asBoolean(false);
  }
}

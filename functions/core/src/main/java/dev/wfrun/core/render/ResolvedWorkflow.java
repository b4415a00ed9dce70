package dev.wfrun.core.render;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;

/**
 * The Workflow or ClusterWorkflow a run uses, whichever it was.
 *
 * @param kind {@code Workflow} or {@code ClusterWorkflow}
 * @param namespace the Workflow's namespace; empty for a ClusterWorkflow
 */
public record ResolvedWorkflow(
    String kind,
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    WorkflowSpec spec) {

  public static ResolvedWorkflow of(Workflow workflow) {
    return of(Workflow.KIND, workflow.getMetadata(), workflow.getSpec());
  }

  public static ResolvedWorkflow of(ClusterWorkflow workflow) {
    return of(ClusterWorkflow.KIND, workflow.getMetadata(), workflow.getSpec());
  }

  private static ResolvedWorkflow of(String kind, ObjectMeta meta, WorkflowSpec spec) {
    ObjectMeta m = meta == null ? new ObjectMeta() : meta;
    return new ResolvedWorkflow(
        kind,
        m.getName(),
        m.getNamespace() == null ? "" : m.getNamespace(),
        m.getLabels() == null ? Map.of() : m.getLabels(),
        m.getAnnotations() == null ? Map.of() : m.getAnnotations(),
        spec);
  }
}

package dev.wfrun.core.resolve;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunSpec.WorkflowConfig;
import dev.wfrun.core.render.ResolvedWorkflow;

/**
 * Which Workflow a run uses. {@code kind: Workflow} is the Workflow of that name in the run's
 * namespace, {@code kind: ClusterWorkflow} the ClusterWorkflow of that name. Without a kind (every
 * seed example), the run's namespace's Workflow of that name is used, else the ClusterWorkflow of
 * that name (upstream HEAD defaults to ClusterWorkflow only).
 */
public final class WorkflowResolver {
  private WorkflowResolver() {}

  public static ResolvedWorkflow resolve(WorkflowRun run, WorkflowLookup lookup) {
    WorkflowConfig ref = run.getSpec() == null ? null : run.getSpec().workflow();
    if (ref == null || ref.name() == null || ref.name().isEmpty()) {
      throw new IllegalArgumentException("spec.workflow.name: required");
    }
    String namespace = run.getMetadata().getNamespace();
    String name = ref.name();
    String kind = ref.kind() == null ? "" : ref.kind();
    return switch (kind) {
      case Workflow.KIND -> lookup.workflow(namespace, name).map(ResolvedWorkflow::of).orElseThrow(() ->
          new WorkflowNotFoundException("workflow '" + name + "' not found in namespace '" + namespace + "'"));
      case ClusterWorkflow.KIND -> lookup.clusterWorkflow(name).map(ResolvedWorkflow::of).orElseThrow(() ->
          new WorkflowNotFoundException("clusterWorkflow '" + name + "' not found"));
      case "" -> lookup.workflow(namespace, name).map(ResolvedWorkflow::of)
          .or(() -> lookup.clusterWorkflow(name).map(ResolvedWorkflow::of))
          .orElseThrow(() -> new WorkflowNotFoundException("no Workflow '" + name + "' in namespace '" + namespace
              + "' and no ClusterWorkflow '" + name + "'"));
      default -> throw new IllegalArgumentException("spec.workflow.kind: unsupported workflowRef kind '" + kind
          + "' for workflow '" + name + "' (use Workflow or ClusterWorkflow)");
    };
  }
}

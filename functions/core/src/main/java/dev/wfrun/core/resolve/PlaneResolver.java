package dev.wfrun.core.resolve;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowSpec.PlaneRef;
import dev.wfrun.core.render.ResolvedWorkflow;
import java.util.Optional;

/**
 * The build plane of a run, in upstream's order: the Workflow's explicit
 * {@code workflowPlaneRef} (a WorkflowPlane in the run's namespace, or a ClusterWorkflowPlane);
 * without one, the WorkflowPlane "default" of the run's namespace, else the ClusterWorkflowPlane
 * "default". A ClusterWorkflow never falls back to a namespaced plane.
 */
public final class PlaneResolver {
  static final String DEFAULT = "default";

  private PlaneResolver() {}

  public static Optional<ResolvedPlane> resolve(ResolvedWorkflow workflow, String runNamespace, PlaneLookup lookup) {
    PlaneRef declared = workflow.spec().workflowPlaneRef();
    PlaneRef ref = declared == null && ClusterWorkflow.KIND.equals(workflow.kind())
        ? new PlaneRef(ClusterWorkflowPlane.KIND, DEFAULT)
        : declared;
    if (ref != null) {
      if (WorkflowPlane.KIND.equals(ref.kind())) {
        return lookup.workflowPlane(runNamespace, ref.name()).map(ResolvedPlane::of);
      }
      return cluster(ref.name(), lookup);
    }
    return lookup.workflowPlane(runNamespace, DEFAULT).map(ResolvedPlane::of).or(() -> cluster(DEFAULT, lookup));
  }

  private static Optional<ResolvedPlane> cluster(String name, PlaneLookup lookup) {
    return lookup.clusterWorkflowPlane(name).map(ResolvedPlane::of);
  }
}

package dev.wfrun.core.resolve;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import java.util.Optional;

/** Finds build planes by name (the cluster, or files for the CLI). */
public interface PlaneLookup {
  Optional<WorkflowPlane> workflowPlane(String namespace, String name);

  Optional<ClusterWorkflowPlane> clusterWorkflowPlane(String name);
}

package dev.wfrun.core.resolve;

import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import java.util.Optional;

/** Finds build planes by name (the cluster, or files for the CLI). */
public interface PlaneLookup {
  Optional<WorkflowPlaneSpec> workflowPlane(String namespace, String name);

  Optional<WorkflowPlaneSpec> clusterWorkflowPlane(String name);
}

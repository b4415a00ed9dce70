package dev.wfrun.core.resolve;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Workflow;
import java.util.Optional;

/** Finds Workflows and ClusterWorkflows by name (the cluster, or files for the CLI). */
public interface WorkflowLookup {
  Optional<Workflow> workflow(String namespace, String name);

  Optional<ClusterWorkflow> clusterWorkflow(String name);
}

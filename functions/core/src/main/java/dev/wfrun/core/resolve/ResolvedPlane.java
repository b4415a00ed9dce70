package dev.wfrun.core.resolve;

import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;

/**
 * The build plane a run executes on.
 *
 * @param kind WorkflowPlane or ClusterWorkflowPlane
 */
public record ResolvedPlane(String kind, String namespace, String name, WorkflowPlaneSpec spec) {

  /** {@code ${workflowplane.secretStore}}: the plane's ClusterSecretStore, or "". */
  public String secretStore() {
    return spec == null || spec.secretStoreRef() == null || spec.secretStoreRef().name() == null
        ? ""
        : spec.secretStoreRef().name();
  }
}

package dev.wfrun.core.resolve;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlaneSpec;
import java.util.Map;

/**
 * The build plane a run executes on.
 *
 * @param kind WorkflowPlane or ClusterWorkflowPlane
 * @param namespace the plane's namespace; empty for a ClusterWorkflowPlane
 */
public record ResolvedPlane(
    String kind, String namespace, String name, Map<String, String> annotations, WorkflowPlaneSpec spec) {

  public static ResolvedPlane of(WorkflowPlane plane) {
    var meta = plane.getMetadata();
    return new ResolvedPlane(WorkflowPlane.KIND, meta.getNamespace(), meta.getName(),
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations(), plane.getSpec());
  }

  public static ResolvedPlane of(ClusterWorkflowPlane plane) {
    var meta = plane.getMetadata();
    return new ResolvedPlane(ClusterWorkflowPlane.KIND, "", meta.getName(),
        meta.getAnnotations() == null ? Map.of() : meta.getAnnotations(), plane.getSpec());
  }

  /** {@code ${workflowplane.secretStore}}: the plane's ClusterSecretStore, or "". */
  public String secretStore() {
    return spec == null || spec.secretStoreRef() == null || spec.secretStoreRef().name() == null
        ? ""
        : spec.secretStoreRef().name();
  }

  /** {@code Kind/name} or {@code Kind/namespace/name}: how runs record their plane. */
  public String reference() {
    return namespace == null || namespace.isEmpty() ? kind + "/" + name : kind + "/" + namespace + "/" + name;
  }
}

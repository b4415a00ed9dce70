package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Spec of a WorkflowPlane or ClusterWorkflowPlane.
 *
 * @param planeID the logical plane (defaults to the CR name)
 * @param clusterAgent how the agent's client certificate is verified
 * @param secretStoreRef the External Secrets ClusterSecretStore, {@code ${workflowplane.secretStore}}
 * @param observabilityPlaneRef where the plane sends logs and metrics
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowPlaneSpec(
    String planeID,
    ClusterAgent clusterAgent,
    SecretStoreRef secretStoreRef,
    ObservabilityPlaneRef observabilityPlaneRef) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ClusterAgent(ValueFrom clientCA) {}

  /** Either a secret key reference or an inline value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ValueFrom(SecretKeyRef secretKeyRef, String value) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SecretKeyRef(String name, String namespace, String key) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SecretStoreRef(String name) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ObservabilityPlaneRef(String kind, String name) {}
}

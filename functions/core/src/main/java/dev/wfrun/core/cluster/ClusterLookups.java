package dev.wfrun.core.cluster;

import dev.wfrun.core.naming.NameRules;

import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.SecretReference;
import dev.wfrun.api.v1alpha1.SecretReferenceSpec;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.core.render.SecretReferenceLookup;
import dev.wfrun.core.resolve.PlaneLookup;
import dev.wfrun.core.resolve.WorkflowLookup;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** The lookups rendering needs, answered by the control plane's API server. */
public final class ClusterLookups implements WorkflowLookup, PlaneLookup, SecretReferenceLookup {
  private final KubernetesClient client;

  public ClusterLookups(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Workflow> workflow(String namespace, String name) {
    return Optional.ofNullable(client.resources(Workflow.class)
        .inNamespace(NameRules.requireNamespace("namespace", namespace))
        .withName(NameRules.requireObjectName("name", name)).get());
  }

  @Override
  public Optional<ClusterWorkflow> clusterWorkflow(String name) {
    return Optional.ofNullable(client.resources(ClusterWorkflow.class)
        .withName(NameRules.requireObjectName("name", name)).get());
  }

  @Override
  public Optional<WorkflowPlane> workflowPlane(String namespace, String name) {
    return Optional.ofNullable(client.resources(WorkflowPlane.class)
        .inNamespace(NameRules.requireNamespace("namespace", namespace))
        .withName(NameRules.requireObjectName("name", name)).get());
  }

  @Override
  public Optional<ClusterWorkflowPlane> clusterWorkflowPlane(String name) {
    return Optional.ofNullable(client.resources(ClusterWorkflowPlane.class)
        .withName(NameRules.requireObjectName("name", name)).get());
  }

  @Override
  public Optional<SecretReferenceSpec> find(String namespace, String name) {
    return Optional.ofNullable(client.resources(SecretReference.class).inNamespace(NameRules.requireNamespace("namespace", namespace))
        .withName(NameRules.requireObjectName("name", name)).get())
        .map(SecretReference::getSpec);
  }
}

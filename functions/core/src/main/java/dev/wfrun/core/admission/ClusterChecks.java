package dev.wfrun.core.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wfrun.api.v1alpha1.ClusterWorkflow;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.ComponentSpec;
import dev.wfrun.api.v1alpha1.Workflow;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.cluster.ComponentRunCheck;
import dev.wfrun.core.naming.NameRules;
import dev.wfrun.core.schema.Violation;
import dev.wfrun.core.yaml.Manifest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Optional;

/** What admission reads from the cluster: a run's Workflow and its Component's type. */
public final class ClusterChecks {
  private static final ObjectMapper JSON = Serialization.jsonMapper();
  private final KubernetesClient client;
  private final ComponentRunCheck components;

  public ClusterChecks(KubernetesClient client) {
    this.client = client;
    this.components = new ComponentRunCheck(client);
  }

  /** The Workflow a run names, by the seed's rule (same-namespace Workflow, else ClusterWorkflow). */
  Optional<Manifest> workflowOf(JsonNode run, String namespace) {
    JsonNode ref = run.path("spec").path("workflow");
    String name = ref.path("name").asText("");
    String kind = ref.path("kind").asText("");
    if (NameRules.objectNameProblem(name).isPresent() || namespace.isEmpty()) {
      return Optional.empty(); // the CRD check names the problem
    }
    HasMetadata found = null;
    if (!kind.equals(ClusterWorkflow.KIND)) {
      found = client.resources(Workflow.class).inNamespace(namespace).withName(name).get();
    }
    if (found == null && !kind.equals(Workflow.KIND)) {
      found = client.resources(ClusterWorkflow.class).withName(name).get();
    }
    return Optional.ofNullable(found).map(w -> new Manifest("cluster", 0, JSON.valueToTree(w)));
  }

  /** A component build that its Component or its ComponentType does not allow. */
  Optional<Violation> componentProblem(JsonNode run, String namespace, String workflowKind, List<String> warnings) {
    WorkflowRun typed;
    try {
      typed = JSON.treeToValue(run, WorkflowRun.class);
    } catch (Exception e) {
      return Optional.empty(); // the CRD check names the problem
    }
    if (typed.getMetadata().getNamespace() == null) {
      typed.getMetadata().setNamespace(namespace);
    }
    String name = run.path("spec").path("workflow").path("name").asText("");
    try {
      return components.check(typed, workflowKind, name).flatMap(reason -> notYetThere(reason, warnings)
          .map(r -> new Violation("spec.workflow.name", r)));
    } catch (IllegalArgumentException e) {
      return Optional.of(new Violation("metadata.labels", e.getMessage()));
    }
  }

  /** A Component whose workflow its ComponentType does not allow. */
  Optional<Violation> componentWorkflowProblem(JsonNode component, String namespace, List<String> warnings) {
    ComponentSpec spec;
    try {
      spec = JSON.treeToValue(component, Component.class).getSpec();
    } catch (Exception e) {
      return Optional.empty();
    }
    if (spec == null || spec.workflow() == null || spec.workflow().name() == null || spec.componentType() == null) {
      return Optional.empty();
    }
    String kind = spec.workflow().kind() == null ? ClusterWorkflow.KIND : spec.workflow().kind();
    try {
      return components.workflowAllowed(namespace, spec.componentType(), kind, spec.workflow().name())
          .flatMap(reason -> notYetThere(reason, warnings)).map(r -> new Violation("spec.workflow.name", r));
    } catch (IllegalArgumentException e) {
      return Optional.of(new Violation("spec.componentType.name", e.getMessage()));
    }
  }

  /** A referenced object that is not there yet is a warning (a GitOps tool may apply it next). */
  private static Optional<String> notYetThere(String reason, List<String> warnings) {
    if (reason.endsWith("not found")) {
      warnings.add(reason + "; checked again when the run is dispatched");
      return Optional.empty();
    }
    return Optional.of(reason);
  }
}

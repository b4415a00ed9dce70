package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ClusterComponentType;
import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.api.v1alpha1.ComponentType;
import dev.wfrun.api.v1alpha1.ComponentTypeSpec;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A run labelled for a component must belong to that component and use a workflow its
 * ComponentType allows (upstream's messages). Returns the failure, or empty when the run may go.
 * This is the one place {@code allowedWorkflows} is enforced: render-dispatch calls it for every run
 * before rendering, whoever created the run (a push through create-runs, kubectl, the run API), so a
 * run that names a workflow its ComponentType does not allow ends Failed with reason
 * ComponentValidationFailed and nothing reaches the build plane.
 */
public final class ComponentRunCheck {
  private final KubernetesClient client;

  public ComponentRunCheck(KubernetesClient client) {
    this.client = client;
  }

  public Optional<String> check(WorkflowRun run, String workflowKind, String workflowName) {
    Map<String, String> labels = run.getMetadata().getLabels() == null ? Map.of() : run.getMetadata().getLabels();
    String project = labels.getOrDefault(OpenChoreo.LABEL_PROJECT, "");
    String componentName = labels.getOrDefault(OpenChoreo.LABEL_COMPONENT, "");
    if (project.isEmpty() && componentName.isEmpty()) {
      return Optional.empty();
    }
    if (project.isEmpty() || componentName.isEmpty()) {
      return Optional.of("component workflow run must have both openchoreo.dev/project and openchoreo.dev/component labels");
    }
    String namespace = run.getMetadata().getNamespace();
    Component component = client.resources(Component.class).inNamespace(namespace)
        .withName(dev.wfrun.core.naming.NameRules.requireObjectName("label openchoreo.dev/component", componentName)).get();
    if (component == null || component.getSpec() == null) {
      return Optional.of("component \"" + componentName + "\" not found");
    }
    String owner = component.getSpec().owner() == null ? "" : component.getSpec().owner().projectName();
    if (!project.equals(owner)) {
      return Optional.of("workflow run project label \"" + project + "\" does not match component \"" + componentName
          + "\" owner project \"" + owner + "\"");
    }
    Optional<String> refused = workflowAllowed(namespace, component.getSpec().componentType(), workflowKind, workflowName);
    if (refused.isPresent()) {
      return refused;
    }
    var configured = component.getSpec().workflow();
    if (configured != null) {
      String configuredKind = configured.kind() == null ? "ClusterWorkflow" : configured.kind();
      if (!configuredKind.equals(workflowKind) || !workflowName.equals(configured.name())) {
        return Optional.of("workflow run references workflow " + workflowKind + "/" + workflowName + " but component \""
            + componentName + "\" is configured with workflow " + configuredKind + "/" + configured.name());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a Component of this type may use the workflow: its type must exist and list it in
   * {@code allowedWorkflows} (upstream's messages); empty when it may.
   */
  public Optional<String> workflowAllowed(String namespace, dev.wfrun.api.v1alpha1.ComponentSpec.ComponentTypeRef typeRef,
      String workflowKind, String workflowName) {
    String typeName = typeRef == null || typeRef.name() == null ? "" : typeRef.name();
    String shortName = typeName.contains("/") ? typeName.substring(typeName.indexOf('/') + 1) : typeName;
    ComponentTypeSpec type = ClusterComponentType.KIND.equals(typeRef == null ? null : typeRef.kind())
        ? Optional.ofNullable(client.resources(ClusterComponentType.class)
            .withName(dev.wfrun.core.naming.NameRules.requireObjectName("componentType", shortName)).get())
            .map(ClusterComponentType::getSpec).orElse(null)
        : Optional.ofNullable(client.resources(ComponentType.class).inNamespace(namespace)
            .withName(dev.wfrun.core.naming.NameRules.requireObjectName("componentType", shortName)).get())
            .map(ComponentType::getSpec).orElse(null);
    if (type == null) {
      return Optional.of("component type \"" + typeName + "\" not found");
    }
    List<ComponentTypeSpec.AllowedWorkflow> allowed = type.allowedWorkflows() == null ? List.of() : type.allowedWorkflows();
    String wanted = workflowKind + "/" + workflowName;
    if (allowed.isEmpty()) {
      return Optional.of("no workflows are allowed by component type \"" + typeName
          + "\", but workflow run references workflow " + wanted);
    }
    boolean permitted = allowed.stream().anyMatch(a ->
        workflowName.equals(a.name()) && workflowKind.equals(a.kind() == null ? "ClusterWorkflow" : a.kind()));
    if (!permitted) {
      return Optional.of("workflow " + wanted + " is not allowed for component type \"" + typeName + "\"; allowed: ["
          + allowed.stream().map(a -> (a.kind() == null ? "ClusterWorkflow" : a.kind()) + "/" + a.name())
              .collect(Collectors.joining(", ")) + "]");
    }
    return Optional.empty();
  }
}

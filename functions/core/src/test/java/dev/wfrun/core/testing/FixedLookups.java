package dev.wfrun.core.testing;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.core.render.ResolvedWorkflow;
import dev.wfrun.core.webhook.AutoBuildLookups;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Auto-build lookups from fixed lists: Components, and Workflows and ClusterWorkflows by name. */
public record FixedLookups(List<Component> components, Map<String, ResolvedWorkflow> workflows,
    Map<String, ResolvedWorkflow> clusterWorkflows) implements AutoBuildLookups {

  /** One Component and one Workflow, found by {@code name} in any namespace. */
  public static FixedLookups of(Component component, String name, ResolvedWorkflow workflow) {
    return new FixedLookups(List.of(component), Map.of(name, workflow), Map.of());
  }

  /** Nothing to match. */
  public static FixedLookups none() {
    return new FixedLookups(List.of(), Map.of(), Map.of());
  }

  @Override
  public Optional<ResolvedWorkflow> workflow(String namespace, String name) {
    return Optional.ofNullable(workflows.get(name));
  }

  @Override
  public Optional<ResolvedWorkflow> clusterWorkflow(String name) {
    return Optional.ofNullable(clusterWorkflows.get(name));
  }
}

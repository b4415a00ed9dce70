package dev.wfrun.core.webhook;

import dev.wfrun.api.v1alpha1.Component;
import dev.wfrun.core.render.ResolvedWorkflow;
import java.util.List;
import java.util.Optional;

/** What matching a push reads: Components (namespace, then name order) and their Workflows. */
public interface AutoBuildLookups {
  List<Component> components();

  Optional<ResolvedWorkflow> workflow(String namespace, String name);

  Optional<ResolvedWorkflow> clusterWorkflow(String name);
}

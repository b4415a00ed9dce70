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

  /**
   * A number that changes whenever a Component, Workflow or ClusterWorkflow changes (an informer's
   * event count), so what is derived from them (the {@link RepositoryIndex}) is reused until then;
   * negative when the lookups cannot tell, and then nothing is reused.
   */
  default long version() {
    return -1;
  }
}

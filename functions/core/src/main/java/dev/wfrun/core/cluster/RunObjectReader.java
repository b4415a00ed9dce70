package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngine;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.EngineObservation;
import dev.wfrun.core.naming.NameRules;
import dev.wfrun.core.render.RenderContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * A run's own run object, as its engine observes it. {@code runReference} and the plane annotation
 * can be edited by whoever may edit the run, so only an object of a known engine, in the run's own
 * execution namespace, with a valid name, on a plane the run's namespace may use, carrying the run's
 * ownership labels counts; anything else reads as absent.
 */
final class RunObjectReader {
  /** The object's engine, the plane it is on, and what the engine reports about it. */
  record Read(BuildEngine engine, KubernetesClient plane, EngineObservation observation) {}

  private final PlaneClients planes;
  private final BuildEngines engines;

  RunObjectReader(PlaneClients planes, BuildEngines engines) {
    this.planes = planes;
    this.engines = engines;
  }

  Optional<Read> read(WorkflowRun run, ResourceReference ref) {
    String runNamespace = run.getMetadata().getNamespace();
    Optional<BuildEngine> engine = engines.forReference(ref);
    if (engine.isEmpty() || !RenderContext.executionNamespaceOf(runNamespace).equals(ref.namespace())
        || ref.name() == null || NameRules.objectNameProblem(ref.name()).isPresent()) {
      return Optional.empty();
    }
    KubernetesClient plane;
    try {
      plane = planes.of(run);
    } catch (IllegalArgumentException untrusted) {
      return Optional.empty();
    }
    if (plane == null) {
      return Optional.empty();
    }
    return engine.get().observe(plane, ref, runNamespace, run.getMetadata().getName())
        .map(observed -> new Read(engine.get(), plane, observed));
  }
}

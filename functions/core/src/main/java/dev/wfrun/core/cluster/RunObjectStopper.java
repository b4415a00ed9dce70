package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.kube.Conflicts;
import dev.wfrun.core.render.RenderContext;

/**
 * Asks a run's engine to stop its run object (exit handlers still run), with a reason. Status is
 * tenant-writable, so only a run object in the run's own execution namespace, on a plane the run
 * may use, carrying the run's ownership labels is touched (the engine checks the labels).
 */
final class RunObjectStopper {
  private final PlaneClients planes;
  private final BuildEngines engines;

  RunObjectStopper(PlaneClients planes, BuildEngines engines) {
    this.planes = planes;
    this.engines = engines;
  }

  /** True when the engine stopped something. */
  boolean stop(WorkflowRun run, ResourceReference ref, String reason) {
    String execution = RenderContext.executionNamespaceOf(run.getMetadata().getNamespace());
    if (ref == null || !execution.equals(ref.namespace())) {
      return false;
    }
    return engines.forReference(ref).map(engine -> Conflicts.retry(() -> engine.stop(planes.of(run), ref,
        run.getMetadata().getNamespace(), run.getMetadata().getName(), reason))).orElse(false);
  }
}

package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.render.RenderContext;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether a run's run object still exists on its plane (upstream's {@code hasLiveObservability}:
 * live logs can be read while it does). Only the run's own object counts: its execution namespace,
 * a plane the run may use, its ownership labels.
 */
public final class LiveRunObjects {
  private final PlaneClients planes;
  private final BuildEngines engines;

  public LiveRunObjects(KubernetesClient control, BuildPlanes planes) {
    this.planes = new PlaneClients(control, planes);
    this.engines = BuildEngines.standard();
  }

  public boolean exists(WorkflowRun run) {
    ResourceReference ref = run.getStatus() == null ? null : run.getStatus().runReference();
    if (ref == null || !RenderContext.executionNamespaceOf(run.getMetadata().getNamespace()).equals(ref.namespace())) {
      return false;
    }
    KubernetesClient plane;
    try {
      plane = planes.of(run);
    } catch (IllegalArgumentException untrusted) {
      return false;
    }
    return engines.forReference(ref).flatMap(e -> e.observe(plane, ref, run.getMetadata().getNamespace(),
        run.getMetadata().getName())).isPresent();
  }
}

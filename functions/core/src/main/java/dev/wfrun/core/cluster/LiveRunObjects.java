package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Whether a run's run object still exists on its plane (upstream's {@code hasLiveObservability}:
 * live logs can be read while it does). Only the run's own object counts ({@link RunObjectReader}).
 */
public final class LiveRunObjects {
  private final RunObjectReader reader;

  public LiveRunObjects(KubernetesClient control, BuildPlanes planes) {
    this.reader = new RunObjectReader(new PlaneClients(control, planes), BuildEngines.standard());
  }

  public boolean exists(WorkflowRun run) {
    ResourceReference ref = run.getStatus() == null ? null : run.getStatus().runReference();
    return ref != null && reader.read(run, ref).isPresent();
  }
}

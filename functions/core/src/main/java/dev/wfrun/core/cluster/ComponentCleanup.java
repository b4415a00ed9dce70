package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * component-cleanup: when a Component is deleted, its WorkflowRuns (by the
 * {@code openchoreo.dev/component} label in its namespace) are deleted; each run's finalizer then
 * cleans its build plane.
 */
public final class ComponentCleanup {
  private final KubernetesClient control;

  public ComponentCleanup(KubernetesClient control) {
    this.control = control;
  }

  public StepResult onDeleted(String namespace, String component) {
    var runs = control.resources(WorkflowRun.class).inNamespace(namespace)
        .withLabel(OpenChoreo.LABEL_COMPONENT, component).list().getItems();
    int deleted = 0;
    for (WorkflowRun run : runs) {
      if (!Runs.isDeleting(run)) {
        control.resources(WorkflowRun.class).inNamespace(namespace).withName(run.getMetadata().getName()).delete();
        deleted++;
      }
    }
    return deleted == 0 ? StepResult.nothing("no runs") : StepResult.done("deleted " + deleted + " runs");
  }
}

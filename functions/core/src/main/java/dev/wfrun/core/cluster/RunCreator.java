package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.kube.Conflicts;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * create-runs: creates a WorkflowRun a webhook asked for. Its name is derived from the delivery,
 * so an existing run of that name means a redelivery: success, nothing new. (It may only create
 * WorkflowRuns; stopping superseded runs is render-dispatch's job.)
 */
public final class RunCreator {
  private final KubernetesClient control;

  public RunCreator(KubernetesClient control) {
    this.control = control;
  }

  public StepResult create(WorkflowRun run) {
    String namespace = run.getMetadata().getNamespace();
    try {
      control.resources(WorkflowRun.class).inNamespace(namespace).resource(run).create();
      return StepResult.done("created " + namespace + "/" + run.getMetadata().getName());
    } catch (KubernetesClientException e) {
      if (Conflicts.isAlreadyExists(e)) {
        return StepResult.nothing("already exists (redelivery)");
      }
      throw e;
    }
  }
}

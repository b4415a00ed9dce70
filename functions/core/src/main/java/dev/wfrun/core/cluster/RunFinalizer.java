package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.core.engine.BuildEngine;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.kube.OwnedObjects;
import dev.wfrun.core.status.RunLifecycle;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * finalize: a WorkflowRun marked for deletion loses its build-plane objects (every entry of
 * {@code status.resources}, then {@code status.runReference}, or the run object its engine finds by
 * the run's labels when dispatch claimed the run but never recorded one; absent ones are fine), then its
 * finalizer. The namespace, service account and RBAC stay, as upstream leaves them. Status and
 * annotations can be written by tenants, so only objects in the run's own execution namespace that
 * carry this run's ownership labels are deleted, on a plane the run's namespace may use.
 */
public final class RunFinalizer {
  private final Runs runs;
  private final PlaneClients planes;
  private final BuildEngines engines;
  private final StepLogArchive archive;

  public RunFinalizer(KubernetesClient control, BuildPlanes planes) {
    this(control, planes, BuildEngines.standard());
  }

  public RunFinalizer(KubernetesClient control, BuildPlanes planes, BuildEngines engines) {
    this(control, planes, engines, new StepLogArchive(control, StepLogArchive.DEFAULT_NAMESPACE));
  }

  /** @param archive the kept lines of failed steps, deleted with the run */
  public RunFinalizer(KubernetesClient control, BuildPlanes planes, BuildEngines engines, StepLogArchive archive) {
    this.archive = archive;
    this.runs = new Runs(control);
    this.planes = new PlaneClients(control, planes);
    this.engines = engines;
  }

  public StepResult finalizeRun(RunKey key) {
    WorkflowRun run = runs.get(key);
    if (run == null) {
      return StepResult.nothing("gone");
    }
    List<String> finalizers = run.getMetadata().getFinalizers();
    if (!Runs.isDeleting(run) || finalizers == null || !finalizers.contains(OpenChoreo.FINALIZER_WORKFLOWRUN)) {
      return StepResult.nothing("not being deleted by wfrun");
    }
    WorkflowRunStatus status = run.getStatus() == null ? WorkflowRunStatus.empty() : run.getStatus();
    List<ResourceReference> objects = new ArrayList<>();
    if (status.resources() != null) {
      objects.addAll(status.resources());
    }
    if (status.runReference() != null && status.runReference().name() != null) {
      objects.add(status.runReference());
    }
    // claimed by a dispatch that created its run object but has not recorded it (yet, or ever):
    // its engine finds it by the ownership labels
    boolean unrecorded = (status.runReference() == null || status.runReference().name() == null)
        && run.getMetadata().getAnnotations() != null
        && run.getMetadata().getAnnotations().containsKey(PlaneClients.PLANE_ANNOTATION);
    int deleted = 0;
    if (!objects.isEmpty() || unrecorded) {
      KubernetesClient buildClient;
      try {
        buildClient = planes.of(run);
      } catch (IllegalArgumentException untrustedPlane) {
        buildClient = null; // a plane this run may not use: nothing of it is deleted there
      }
      OwnedObjects buildPlane = buildClient == null ? null : new OwnedObjects(buildClient);
      String execution = dev.wfrun.core.render.RenderContext.executionNamespaceOf(key.namespace());
      if (unrecorded && buildPlane != null) {
        for (BuildEngine engine : engines.all()) {
          engine.owned(buildClient, key.namespace(), key.name()).forEach(o -> objects.add(o.reference()));
        }
      }
      for (ResourceReference ref : buildPlane == null ? List.<ResourceReference>of() : objects) {
        deleted += buildPlane.deleteOwned(ref, execution, key.namespace(), key.name()) ? 1 : 0;
      }
    }
    if (status.tasks() != null && status.tasks().stream()
        .anyMatch(t -> "Failed".equals(t.phase()) || "Error".equals(t.phase()))) {
      archive.delete(key); // a failed step's lines may have been kept
    }
    WorkflowRun released = runs.update(key, current -> {
      current.getMetadata().setFinalizers(RunLifecycle.withoutFinalizer(current.getMetadata().getFinalizers()));
      return current;
    });
    return StepResult.done("deleted " + deleted + " build-plane objects, "
        + (released == null ? "finalizer already removed (run gone)" : "finalizer removed"));
  }
}

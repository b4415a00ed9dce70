package dev.wfrun.core.cluster;

import dev.wfrun.api.argo.ArgoWorkflow;
import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.resolve.ResolvedPlane;
import dev.wfrun.core.status.RunPhase;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;


/**
 * resync: the safety net for lost events. WorkflowRuns not dispatched after a grace period get
 * render-dispatch, dispatched unfinished ones get status-sync, deleting ones get finalize; Argo
 * Workflows whose WorkflowRun is gone are deleted; every build plane is probed.
 */
public final class Resync {
  /** What one tick did; {@code failures} counts runs whose step threw (they are retried next tick). */
  public record Report(int dispatched, int synced, int finalized, int orphansDeleted, int planesProbed, int failures) {}

  private final KubernetesClient control;
  private final BuildPlanes planes;
  private final RenderDispatch dispatch;
  private final StatusSync sync;
  private final RunFinalizer finalizer;
  private final PlaneProbe probe;
  private final Clock clock;
  private final Duration grace;

  public Resync(KubernetesClient control, BuildPlanes planes, RenderDispatch dispatch, StatusSync sync,
      RunFinalizer finalizer, Clock clock, Duration grace) {
    this.control = control;
    this.planes = planes;
    this.dispatch = dispatch;
    this.sync = sync;
    this.finalizer = finalizer;
    this.probe = new PlaneProbe(control, planes, clock);
    this.clock = clock;
    this.grace = grace;
  }

  public Report tick() {
    Instant now = clock.instant();
    int dispatched = 0;
    int synced = 0;
    int finalized = 0;
    int failures = 0;
    String page = null;
    do {
      KubernetesResourceList<WorkflowRun> list = control.resources(WorkflowRun.class).inAnyNamespace()
          .list(new ListOptionsBuilder().withLimit(TtlCleanup.PAGE_SIZE).withContinue(page).build());
      for (WorkflowRun run : list.getItems()) {
        RunKey key = Runs.keyOf(run);
        try {
          if (Runs.isDeleting(run)) {
            finalized += counts(finalizer.finalizeRun(key));
          } else if (run.getStatus() != null && RunPhase.isCompleted(run.getStatus().conditions())) {
            synced += counts(sync.sync(key)); // sets a missing completedAt
          } else if (run.getStatus() != null && run.getStatus().runReference() != null) {
            synced += counts(sync.sync(key));
          } else if (olderThanGrace(run, now)) {
            dispatched += counts(dispatch.dispatch(key));
          }
        } catch (RuntimeException e) {
          failures++;
        }
      }
      page = list.getMetadata() == null ? null : list.getMetadata().getContinue();
    } while (page != null && !page.isEmpty());
    int orphans = deleteOrphans();
    int probed = probe.probeAll();
    return new Report(dispatched, synced, finalized, orphans, probed, failures);
  }

  private static int counts(StepResult result) {
    return result.kind() == StepResult.Kind.DONE ? 1 : 0;
  }

  private boolean olderThanGrace(WorkflowRun run, Instant now) {
    String created = run.getMetadata().getCreationTimestamp();
    return created == null || Instant.parse(created).plus(grace).isBefore(now);
  }

  /** Argo Workflows labelled as wfrun's whose WorkflowRun no longer exists, on every plane. */
  private int deleteOrphans() {
    Map<KubernetesClient, Boolean> clients = new IdentityHashMap<>();
    clients.put(control, true);
    control.resources(WorkflowPlane.class).inAnyNamespace().list().getItems()
        .forEach(p -> addClient(clients, ResolvedPlane.of(p)));
    control.resources(ClusterWorkflowPlane.class).list().getItems()
        .forEach(p -> addClient(clients, ResolvedPlane.of(p)));
    int deleted = 0;
    for (KubernetesClient plane : clients.keySet()) {
      java.util.List<ArgoWorkflow> argo;
      try {
        argo = plane.resources(ArgoWorkflow.class).inAnyNamespace()
            .withLabel(OpenChoreo.LABEL_MANAGED_BY, OpenChoreo.MANAGED_BY_VALUE).list().getItems();
      } catch (RuntimeException unreachable) {
        continue; // the plane probe reports it in the plane's status
      }
      for (ArgoWorkflow wf : argo) {
        Map<String, String> labels = wf.getMetadata().getLabels();
        String runName = labels.get(OpenChoreo.LABEL_WORKFLOWRUN);
        String runNamespace = labels.get(OpenChoreo.LABEL_WORKFLOWRUN_NAMESPACE);
        if (runName == null || runNamespace == null) {
          continue;
        }
        if (control.resources(WorkflowRun.class).inNamespace(runNamespace).withName(runName).get() == null) {
          plane.resources(ArgoWorkflow.class).inNamespace(wf.getMetadata().getNamespace())
              .withName(wf.getMetadata().getName()).delete();
          deleted++;
        }
      }
    }
    return deleted;
  }

  private void addClient(Map<KubernetesClient, Boolean> clients, ResolvedPlane plane) {
    try {
      clients.put(planes.clientFor(plane), true);
    } catch (RuntimeException unreachable) {
      // the probe reports an unusable plane in its status
    }
  }

}

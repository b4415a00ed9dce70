package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.ClusterWorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowPlane;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngine;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.OwnedRunObject;
import dev.wfrun.core.kube.OwnedObjects;
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
 * render-dispatch, dispatched unfinished ones get status-sync, deleting ones get finalize; run
 * objects (of every engine) whose WorkflowRun is gone are deleted; every build plane is probed.
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
  private final BuildEngines engines;

  public Resync(KubernetesClient control, BuildPlanes planes, RenderDispatch dispatch, StatusSync sync,
      RunFinalizer finalizer, Clock clock, Duration grace) {
    this(control, planes, dispatch, sync, finalizer, BuildEngines.standard(), clock, grace);
  }

  public Resync(KubernetesClient control, BuildPlanes planes, RenderDispatch dispatch, StatusSync sync,
      RunFinalizer finalizer, BuildEngines engines, Clock clock, Duration grace) {
    this.control = control;
    this.engines = engines;
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
    return result.changed() ? 1 : 0;
  }

  private boolean olderThanGrace(WorkflowRun run, Instant now) {
    String created = run.getMetadata().getCreationTimestamp();
    return created == null || Instant.parse(created).plus(grace).isBefore(now);
  }

  /** Run objects labelled as wfrun's whose WorkflowRun no longer exists, on every plane, of every engine. */
  private int deleteOrphans() {
    Map<KubernetesClient, Boolean> clients = new IdentityHashMap<>();
    clients.put(control, true);
    control.resources(WorkflowPlane.class).inAnyNamespace().list().getItems()
        .forEach(p -> addClient(clients, ResolvedPlane.of(p)));
    control.resources(ClusterWorkflowPlane.class).list().getItems()
        .forEach(p -> addClient(clients, ResolvedPlane.of(p)));
    int deleted = 0;
    for (KubernetesClient plane : clients.keySet()) {
      for (BuildEngine engine : engines.all()) {
        java.util.List<OwnedRunObject> owned;
        try {
          owned = engine.owned(plane, null, null);
        } catch (RuntimeException unreachable) {
          continue; // the plane probe reports it in the plane's status
        }
        for (OwnedRunObject object : owned) {
          if (control.resources(WorkflowRun.class).inNamespace(object.runNamespace()).withName(object.runName())
              .get() == null && new OwnedObjects(plane).deleteOwned(object.reference(),
                  object.reference().namespace(), object.runNamespace(), object.runName())) {
            deleted++;
          }
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

package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.status.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cancel: a run that has not finished ends Failed with reason WorkflowCancelled on all four
 * conditions, who cancelled it kept in {@value #CANCELLED_BY}; its engine is told to stop its run
 * object (exit handlers still run), and the record stays until its TTL like any finished run. A
 * finished or deleting run is a conflict. A run cancelled while render-dispatch creates its run object
 * is stopped by render-dispatch itself once it has created it.
 */
public final class RunCancel {
  public static final String CANCELLED_BY = "wfrun.dev/cancelled-by";

  private final Runs runs;
  private final RunObjectStopper stopper;
  private final Clock clock;

  public RunCancel(KubernetesClient control, BuildPlanes planes, Clock clock) {
    this(control, planes, BuildEngines.standard(), clock);
  }

  public RunCancel(KubernetesClient control, BuildPlanes planes, BuildEngines engines, Clock clock) {
    this.runs = new Runs(control);
    this.stopper = new RunObjectStopper(new PlaneClients(control, planes), engines);
    this.clock = clock;
  }

  /** @param who the user name the run API authenticated (kept on the run) */
  public RunOperationResult cancel(RunKey key, String who) {
    WorkflowRun run = runs.get(key);
    if (run == null) {
      return RunOperationResult.notFound(key);
    }
    if (Runs.isDeleting(run)) {
      return RunOperationResult.conflict(key, "WorkflowRun " + key + " is being deleted");
    }
    if (run.getStatus() != null && RunPhase.isCompleted(run.getStatus().conditions())) {
      return RunOperationResult.conflict(key, "WorkflowRun " + key + " has already finished ("
          + run.getStatus().phase() + ")");
    }
    WorkflowRun marked = runs.update(key, current -> {
      Map<String, String> annotations = current.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
          : new LinkedHashMap<>(current.getMetadata().getAnnotations());
      annotations.put(CANCELLED_BY, who);
      current.getMetadata().setAnnotations(annotations);
      return current;
    });
    if (marked == null) {
      return RunOperationResult.notFound(key);
    }
    String message = "cancelled by " + who;
    String now = clock.instant().toString();
    long generation = marked.getMetadata().getGeneration() == null ? 1 : marked.getMetadata().getGeneration();
    boolean[] finished = {false};
    runs.updateStatus(key, s -> {
      if (RunPhase.isCompleted(s.conditions())) {
        finished[0] = true; // it finished meanwhile: the record says how
        return s;
      }
      return RunLifecycle.cancel(s, message, generation, now);
    });
    if (finished[0]) {
      return RunOperationResult.conflict(key, "WorkflowRun " + key + " finished before it could be cancelled");
    }
    stopper.stop(marked, marked.getStatus() == null ? null : marked.getStatus().runReference(), message);
    return RunOperationResult.done(key, message);
  }
}

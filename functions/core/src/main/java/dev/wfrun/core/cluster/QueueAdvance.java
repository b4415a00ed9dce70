package dev.wfrun.core.cluster;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.core.status.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.wfrun.core.status.Conditions;
import dev.wfrun.core.status.RunConditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * queue-advance: a component build changed; when it no longer holds a slot of its Component's
 * {@link BuildQueue} (it completed, was cancelled, or is being deleted), the runs waiting first get
 * render-dispatch, as many as there are free slots. Reads the run fresh (the event only names it); a
 * run that still runs, or a Component with no cap, does nothing. Resync is the net for a lost event.
 */
public final class QueueAdvance {
  /** How many waiting runs get their place rewritten per event (the rest are rewritten as the queue moves on). */
  static final int RENUMBER_LIMIT = 50;
  private final Clock clock;
  private final Runs runs;
  private final BuildQueue queue;
  private final RenderDispatch dispatch;

  public QueueAdvance(KubernetesClient control, RenderDispatch dispatch, Clock clock) {
    this.clock = clock;
    this.runs = new Runs(control);
    this.queue = new BuildQueue(control);
    this.dispatch = dispatch;
  }

  /**
   * @param labels the run's labels as the event carried them, used only when the run is gone (its
   *     component and project then come from there)
   */
  public StepResult advance(RunKey key, Map<String, String> labels) {
    WorkflowRun run = runs.get(key);
    Map<String, String> current = run == null ? labels : run.getMetadata().getLabels();
    String component = current == null ? null : current.get(OpenChoreo.LABEL_COMPONENT);
    if (component == null) {
      return StepResult.nothing("not a component build");
    }
    boolean stillHolds = run != null && !Runs.isDeleting(run)
        && !(run.getStatus() != null && RunPhase.isCompleted(run.getStatus().conditions()));
    if (stillHolds) {
      return StepResult.nothing("still unfinished");
    }
    List<String> started = new ArrayList<>();
    for (RunKey next : queue.startable(key.namespace(), component, current.get(OpenChoreo.LABEL_PROJECT))) {
      StepResult result = dispatch.dispatch(next);
      if (result.kind() == StepResult.Kind.DONE || result.kind() == StepResult.Kind.FAILED) {
        started.add(next.name() + " (" + result.kind().name().toLowerCase() + ")");
      }
    }
    int renumbered = renumber(key.namespace(), component, current.get(OpenChoreo.LABEL_PROJECT));
    if (started.isEmpty() && renumbered > 0) {
      return StepResult.done("no queued run may start; " + renumbered + " waiting runs name their new place");
    }
    return started.isEmpty() ? StepResult.nothing("no queued run of " + component + " may start")
        : StepResult.done("dispatched " + String.join(", ", started));
  }

  /** Rewrites the Queued message of the runs still waiting, so each names its current place. */
  private int renumber(String namespace, String component, String project) {
    int written = 0;
    for (Map.Entry<RunKey, BuildQueue.Place> waiting : queue.waiting(namespace, component, project, RENUMBER_LIMIT)) {
      String message = waiting.getValue().message();
      String now = clock.instant().toString();
      boolean changed = runs.updateStatus(waiting.getKey(), s -> {
        Condition c = Conditions.find(s.conditions(), RunConditions.COMPLETED).orElse(null);
        if (c == null || !RunConditions.REASON_QUEUED.equals(c.getReason()) || message.equals(c.getMessage())) {
          return s;
        }
        long generation = c.getObservedGeneration() == null ? 1 : c.getObservedGeneration();
        return s.withConditions(Conditions.set(s.conditions(), RunConditions.COMPLETED, false,
            RunConditions.REASON_QUEUED, message, generation, now));
      });
      written += changed ? 1 : 0;
    }
    return written;
  }
}

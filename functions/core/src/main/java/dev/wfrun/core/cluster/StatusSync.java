package dev.wfrun.core.cluster;

import dev.wfrun.core.ttl.ExpiryLabel;

import dev.wfrun.api.v1alpha1.ResourceReference;
import dev.wfrun.api.v1alpha1.WorkflowRun;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.api.v1alpha1.Workload;
import dev.wfrun.core.engine.BuildEngines;
import dev.wfrun.core.engine.EngineObservation;
import dev.wfrun.core.kube.Conflicts;
import dev.wfrun.core.status.RunStatusMapper;
import dev.wfrun.core.status.Conditions;
import dev.wfrun.core.status.RunConditions;
import dev.wfrun.core.status.RunLifecycle;
import dev.wfrun.core.status.RunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;

/**
 * status-sync: the run object's current state, as its {@link BuildEngine} observes it, becomes the
 * WorkflowRun's tasks and conditions. Reads both objects fresh, so any number of change events in
 * any order end in the same state; a finished run is never moved back. On success, the build's
 * {@code workload-cr} output becomes the Workload (condition WorkloadUpdated). A run object that
 * vanished fails the run.
 */
public final class StatusSync {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  private final KubernetesClient control;
  private final Runs runs;
  private final RunObjectReader reader;
  private final Clock clock;
  private final StepLogArchive archive;

  public StatusSync(KubernetesClient control, BuildPlanes planes, Clock clock) {
    this(control, planes, BuildEngines.standard(), clock);
  }

  public StatusSync(KubernetesClient control, BuildPlanes planes, BuildEngines engines, Clock clock) {
    this(control, planes, engines, clock, new StepLogArchive(control, StepLogArchive.DEFAULT_NAMESPACE));
  }

  /** @param archive where the last lines of failed steps are kept */
  public StatusSync(KubernetesClient control, BuildPlanes planes, BuildEngines engines, Clock clock,
      StepLogArchive archive) {
    this.archive = archive;
    this.control = control;
    this.runs = new Runs(control);
    this.reader = new RunObjectReader(new PlaneClients(control, planes), engines);
    this.clock = clock;
  }

  public StepResult sync(RunKey key) {
    return sync(key, null);
  }

  /**
   * As {@link #sync(RunKey)}, for an event about the run object {@code changed} (null when unknown):
   * when that object is the run's own but the run does not name it yet, the event outran
   * render-dispatch and is answered with {@link DispatchNotRecordedException} (redelivered).
   */
  public StepResult sync(RunKey key, ResourceReference changed) {
    WorkflowRun run = runs.get(key);
    if (run == null) {
      return StepResult.nothing("gone");
    }
    if (Runs.isDeleting(run)) {
      return StepResult.nothing("being deleted");
    }
    WorkflowRunStatus status = run.getStatus() == null ? WorkflowRunStatus.empty() : run.getStatus();
    String now = clock.instant().toString();
    if (RunPhase.isCompleted(status.conditions())) {
      boolean written = runs.updateStatus(key, s -> RunLifecycle.markCompleted(s, now));
      boolean labelled = labelExpiry(run, status.completedAt() != null ? status.completedAt() : now);
      return written || labelled ? StepResult.done("completedAt set") : StepResult.nothing("finished");
    }
    ResourceReference ref = status.runReference();
    if (ref == null || ref.name() == null || ref.namespace() == null) {
      if (unrecorded(run, key, changed)) {
        throw new DispatchNotRecordedException(key.namespace(), key.name(), changed);
      }
      return StepResult.nothing("not dispatched yet");
    }
    // runReference and the plane annotation can be edited by whoever may edit the run: only a run
    // object in the run's own execution namespace that carries its ownership labels counts
    Optional<RunObjectReader.Read> read = reader.read(run, ref);
    EngineObservation observed = read.map(RunObjectReader.Read::observation).orElse(null);
    if (read.isPresent()) {
      archive.keep(key, read.get(), ref); // before the pods of a failed step can go
    }
    long generation = run.getMetadata().getGeneration() == null ? 1 : run.getMetadata().getGeneration();
    RunStatusMapper.Outcome outcome = RunStatusMapper.map(status, generation, observed, now);
    WorkflowRunStatus next = outcome.status();
    if (observed != null && Conditions.isTrue(next.conditions(), RunConditions.SUCCEEDED)) {
      next = withWorkload(run, observed, next, generation, now);
    }
    WorkflowRunStatus target = next;
    boolean written = runs.updateStatus(key, current -> RunPhase.isCompleted(current.conditions()) ? current : target);
    if (written && RunPhase.isCompleted(target.conditions()) && target.completedAt() != null) {
      labelExpiry(run, target.completedAt());
    }
    return written ? StepResult.done(target.phase()) : StepResult.nothing("unchanged");
  }

  /** The run object as its engine observes it: empty when gone, foreign, elsewhere or on a plane the run may not use. */
  private Optional<EngineObservation> observe(WorkflowRun run, ResourceReference ref) {
    return reader.read(run, ref).map(RunObjectReader.Read::observation);
  }

  /**
   * Whether the changed object is the run's own run object (its ownership labels, in its execution
   * namespace) that dispatch has created but not yet named on the run, and its engine has started it
   * (the event of its creation has nothing to record; its next change brings another event).
   */
  private boolean unrecorded(WorkflowRun run, RunKey key, ResourceReference changed) {
    return changed != null && observe(run, changed).filter(o -> o.phase().started()).isPresent();
  }

  /**
   * Labels a finished run with the minute its TTL ends ({@link ExpiryLabel}), so ttl-cleanup can
   * delete a minute's runs at once; a run without TTL gets none. True when it wrote.
   */
  private boolean labelExpiry(WorkflowRun run, String completedAt) {
    String ttl = run.getSpec() == null ? null : run.getSpec().ttlAfterCompletion();
    java.util.Optional<String> value = ExpiryLabel.of(completedAt, ttl);
    java.util.Map<String, String> labels = run.getMetadata().getLabels();
    if (value.isEmpty() || (labels != null && value.get().equals(labels.get(ExpiryLabel.KEY)))) {
      return false;
    }
    try {
      control.resources(WorkflowRun.class).inNamespace(run.getMetadata().getNamespace())
          .withName(run.getMetadata().getName())
          .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
            io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
            labelPatch(ExpiryLabel.KEY, value.get()));
      return true;
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false; // deleted meanwhile: nothing left to label
      }
      throw e;
    }
  }

  /** A JSON merge patch that sets one label. */
  static String labelPatch(String key, String value) {
    com.fasterxml.jackson.databind.node.ObjectNode patch = JSON.createObjectNode();
    patch.putObject("metadata").putObject("labels").put(key, value);
    return patch.toString();
  }

  private WorkflowRunStatus withWorkload(WorkflowRun run, EngineObservation observed, WorkflowRunStatus status,
      long generation, String now) {
    Optional<String> output = WorkloadOutput.find(observed);
    if (output.isEmpty()) {
      return status;
    }
    String message;
    boolean ok;
    try {
      Workload workload = WorkloadOutput.parse(output.get(), run.getMetadata().getName(), run.getMetadata().getNamespace());
      apply(workload);
      ok = true;
      message = RunConditions.MESSAGE_WORKLOAD_UPDATED;
    } catch (IllegalArgumentException e) {
      ok = false;
      message = RunConditions.MESSAGE_WORKLOAD_UPDATE_FAILED + ": " + e.getMessage();
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (e.getCode() >= 500 || e.getCode() == 0) {
        throw e; // the API server failed: let the event be retried
      }
      ok = false;
      message = RunConditions.MESSAGE_WORKLOAD_UPDATE_FAILED + ": " + e.getMessage();
    }
    return status.withConditions(Conditions.set(status.conditions(), RunConditions.WORKLOAD_UPDATED, ok,
        ok ? RunConditions.REASON_WORKLOAD_UPDATED : RunConditions.REASON_WORKLOAD_UPDATE_FAILED, message, generation,
        now));
  }

  /** Creates the Workload or replaces the existing one's spec. */
  private void apply(Workload workload) {
    var workloads = control.resources(Workload.class).inNamespace(workload.getMetadata().getNamespace());
    Conflicts.retry(() -> {
      Workload live = workloads.withName(workload.getMetadata().getName()).get();
      if (live == null) {
        return workloads.resource(workload).create();
      }
      live.setSpec(workload.getSpec());
      return workloads.resource(live).update();
    });
  }
}

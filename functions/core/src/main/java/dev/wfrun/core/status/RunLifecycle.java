package dev.wfrun.core.status;

import dev.wfrun.api.v1alpha1.OpenChoreo;
import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import java.util.ArrayList;
import java.util.List;

/** The bookkeeping steps of a run's life: finalizer, start, completion. */
public final class RunLifecycle {
  private RunLifecycle() {}

  /** The finalizers with {@code openchoreo.dev/workflowrun-cleanup} added (once). */
  public static List<String> withFinalizer(List<String> finalizers) {
    List<String> out = new ArrayList<>(finalizers == null ? List.of() : finalizers);
    if (!out.contains(OpenChoreo.FINALIZER_WORKFLOWRUN)) {
      out.add(OpenChoreo.FINALIZER_WORKFLOWRUN);
    }
    return out;
  }

  public static List<String> withoutFinalizer(List<String> finalizers) {
    List<String> out = new ArrayList<>(finalizers == null ? List.of() : finalizers);
    out.remove(OpenChoreo.FINALIZER_WORKFLOWRUN);
    return out;
  }

  /** A run seen for the first time: {@code startedAt} and WorkflowCompleted=False/WorkflowPending. */
  public static WorkflowRunStatus initiate(WorkflowRunStatus current, long generation, String now) {
    WorkflowRunStatus status = current == null ? WorkflowRunStatus.empty() : current;
    if (status.startedAt() == null) {
      status = status.withStartedAt(now);
    }
    if (Conditions.find(status.conditions(), RunConditions.COMPLETED).isEmpty()) {
      status = status.withConditions(Conditions.set(status.conditions(), RunConditions.COMPLETED, false,
          RunConditions.REASON_PENDING, RunConditions.MESSAGE_PENDING, generation, now));
    }
    return RunStatusMapper.withPhase(status);
  }

  /** A completed run gets its {@code completedAt}, once. */
  public static WorkflowRunStatus markCompleted(WorkflowRunStatus status, String now) {
    if (RunPhase.isCompleted(status.conditions()) && status.completedAt() == null) {
      return status.withCompletedAt(now);
    }
    return status;
  }

  /**
   * A run that can never execute: WorkflowRunning=False, WorkflowFailed=True and
   * WorkflowCompleted=True with this reason and message, completed now.
   */
  public static WorkflowRunStatus fail(WorkflowRunStatus current, String reason, String message, long generation,
      String now) {
    WorkflowRunStatus status = current == null ? WorkflowRunStatus.empty() : current;
    var c = Conditions.set(status.conditions(), RunConditions.RUNNING, false, RunConditions.REASON_RUNNING, message,
        generation, now);
    c = Conditions.set(c, RunConditions.FAILED, true, reason, message, generation, now);
    c = Conditions.set(c, RunConditions.COMPLETED, true, reason, message, generation, now);
    return RunStatusMapper.withPhase(markCompleted(status.withConditions(c), now));
  }

  /**
   * A cancelled run: all four conditions set with reason WorkflowCancelled (WorkflowRunning and
   * WorkflowSucceeded False, WorkflowFailed and WorkflowCompleted True), completed now; its tasks
   * are kept as they were.
   */
  public static WorkflowRunStatus cancel(WorkflowRunStatus current, String message, long generation, String now) {
    WorkflowRunStatus status = initiate(current, generation, now);
    String reason = RunConditions.REASON_CANCELLED;
    var c = Conditions.set(status.conditions(), RunConditions.RUNNING, false, reason, message, generation, now);
    c = Conditions.set(c, RunConditions.SUCCEEDED, false, reason, message, generation, now);
    c = Conditions.set(c, RunConditions.FAILED, true, reason, message, generation, now);
    c = Conditions.set(c, RunConditions.COMPLETED, true, reason, message, generation, now);
    return RunStatusMapper.withPhase(markCompleted(status.withConditions(c), now));
  }
}

package dev.wfrun.core.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * The one-word state of a run, derived from its conditions as OpenChoreo's API derives it:
 * Failed if WorkflowFailed is True, else Succeeded if WorkflowSucceeded is True, else Running if
 * WorkflowRunning is True, else Pending.
 */
public enum RunPhase {
  Pending,
  Running,
  Succeeded,
  Failed;

  public static RunPhase of(List<Condition> conditions) {
    if (Conditions.isTrue(conditions, RunConditions.FAILED)) {
      return Failed;
    }
    if (Conditions.isTrue(conditions, RunConditions.SUCCEEDED)) {
      return Succeeded;
    }
    if (Conditions.isTrue(conditions, RunConditions.RUNNING)) {
      return Running;
    }
    return Pending;
  }

  /** A run whose WorkflowCompleted condition is True is finished and never moves back. */
  public static boolean isCompleted(List<Condition> conditions) {
    return Conditions.isTrue(conditions, RunConditions.COMPLETED);
  }
}

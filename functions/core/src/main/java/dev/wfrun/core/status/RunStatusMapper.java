package dev.wfrun.core.status;

import static dev.wfrun.core.status.RunConditions.COMPLETED;
import static dev.wfrun.core.status.RunConditions.FAILED;
import static dev.wfrun.core.status.RunConditions.RUNNING;
import static dev.wfrun.core.status.RunConditions.SUCCEEDED;

import dev.wfrun.api.v1alpha1.WorkflowRunStatus;
import dev.wfrun.core.engine.EngineObservation;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * Maps what the engine reports about a run's object ({@link EngineObservation}) onto its
 * WorkflowRun's status: the tasks, and the four conditions from the phase, exactly as OpenChoreo's
 * controller writes them for an Argo Workflow. A finished run is never moved back; a finished
 * mapping also sets {@code completedAt} in the same step (upstream needs another reconcile for it).
 */
public final class RunStatusMapper {
  /** What should happen next: watch for more changes, retry soon, or nothing. */
  public enum Next {
    /** The engine is running it: the next change event (or the resync tick) brings more. */
    POLL,
    /** The engine has not started it or reports a phase nothing can be said about yet. */
    RETRY,
    /** Finished (or permanently failed): nothing left to sync. */
    DONE
  }

  public record Outcome(WorkflowRunStatus status, Next next) {}

  private RunStatusMapper() {}

  /**
   * @param observed the run object as the engine reports it, or null when it no longer exists
   * @param now RFC 3339 time of this step
   */
  public static Outcome map(WorkflowRunStatus current, long generation, EngineObservation observed, String now) {
    WorkflowRunStatus status = current == null ? WorkflowRunStatus.empty() : current;
    if (RunPhase.isCompleted(status.conditions())) {
      return new Outcome(status, Next.DONE);
    }
    if (observed == null) {
      List<Condition> c = status.conditions();
      c = Conditions.set(c, RUNNING, false, RunConditions.REASON_RUNNING, RunConditions.MESSAGE_NOT_FOUND, generation, now);
      c = Conditions.set(c, FAILED, true, RunConditions.REASON_FAILED, RunConditions.MESSAGE_NOT_FOUND, generation, now);
      c = Conditions.set(c, COMPLETED, true, RunConditions.REASON_FAILED, RunConditions.MESSAGE_NOT_FOUND, generation, now);
      return new Outcome(finish(status.withConditions(c), now), Next.DONE);
    }
    WorkflowRunStatus withTasks = status.withTasks(observed.tasks());
    List<Condition> c = withTasks.conditions();
    switch (observed.phase()) {
      case RUNNING -> {
        c = Conditions.set(c, RUNNING, true, RunConditions.REASON_RUNNING, RunConditions.MESSAGE_RUNNING, generation, now);
        return new Outcome(withPhase(withTasks.withConditions(c)), Next.POLL);
      }
      case SUCCEEDED -> {
        c = Conditions.set(c, RUNNING, false, RunConditions.REASON_RUNNING, RunConditions.MESSAGE_RUNNING_DONE, generation, now);
        c = Conditions.set(c, SUCCEEDED, true, RunConditions.REASON_SUCCEEDED, RunConditions.MESSAGE_SUCCEEDED, generation, now);
        c = Conditions.set(c, COMPLETED, true, RunConditions.REASON_SUCCEEDED, RunConditions.MESSAGE_COMPLETED_SUCCEEDED,
            generation, now);
        return new Outcome(finish(withTasks.withConditions(c), now), Next.DONE);
      }
      case FAILED -> {
        c = Conditions.set(c, RUNNING, false, RunConditions.REASON_RUNNING, RunConditions.MESSAGE_RUNNING_DONE, generation, now);
        c = Conditions.set(c, FAILED, true, RunConditions.REASON_FAILED, RunConditions.MESSAGE_FAILED, generation, now);
        c = Conditions.set(c, COMPLETED, true, RunConditions.REASON_FAILED, RunConditions.MESSAGE_COMPLETED_FAILED,
            generation, now);
        return new Outcome(finish(withTasks.withConditions(c), now), Next.DONE);
      }
      default -> {
        return new Outcome(withPhase(withTasks), Next.RETRY);
      }
    }
  }

  private static WorkflowRunStatus finish(WorkflowRunStatus status, String now) {
    WorkflowRunStatus done = status.completedAt() == null ? status.withCompletedAt(now) : status;
    return withPhase(done);
  }

  /** The status with its {@code phase} derived from its conditions. */
  public static WorkflowRunStatus withPhase(WorkflowRunStatus status) {
    return status.withPhase(RunPhase.of(status.conditions()).name());
  }
}

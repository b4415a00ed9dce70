package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * Status of a WorkflowRun.
 *
 * @param phase Pending, Running, Succeeded or Failed: derived from the conditions on every status
 *     write (a wfrun addition, for the printer column; upstream-compatible because optional)
 * @param conditions WorkflowCompleted, WorkflowRunning, WorkflowSucceeded, WorkflowFailed,
 *     WorkloadUpdated
 * @param runReference the Argo Workflow in the build plane
 * @param resources the extra resources applied in the build plane (for cleanup)
 * @param tasks the vendor-neutral step view, in execution order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowRunStatus(
    String phase,
    List<Condition> conditions,
    ResourceReference runReference,
    List<ResourceReference> resources,
    List<WorkflowTask> tasks,
    String startedAt,
    String completedAt) {

  /** An empty status (a run nothing has happened to yet). */
  public static WorkflowRunStatus empty() {
    return new WorkflowRunStatus(null, null, null, null, null, null, null);
  }

  public WorkflowRunStatus withPhase(String value) {
    return new WorkflowRunStatus(value, conditions, runReference, resources, tasks, startedAt, completedAt);
  }

  public WorkflowRunStatus withConditions(List<Condition> value) {
    return new WorkflowRunStatus(phase, value, runReference, resources, tasks, startedAt, completedAt);
  }

  public WorkflowRunStatus withRunReference(ResourceReference value) {
    return new WorkflowRunStatus(phase, conditions, value, resources, tasks, startedAt, completedAt);
  }

  public WorkflowRunStatus withResources(List<ResourceReference> value) {
    return new WorkflowRunStatus(phase, conditions, runReference, value, tasks, startedAt, completedAt);
  }

  public WorkflowRunStatus withTasks(List<WorkflowTask> value) {
    return new WorkflowRunStatus(phase, conditions, runReference, resources, value, startedAt, completedAt);
  }

  public WorkflowRunStatus withStartedAt(String value) {
    return new WorkflowRunStatus(phase, conditions, runReference, resources, tasks, value, completedAt);
  }

  public WorkflowRunStatus withCompletedAt(String value) {
    return new WorkflowRunStatus(phase, conditions, runReference, resources, tasks, startedAt, value);
  }
}

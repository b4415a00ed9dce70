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
    String completedAt) {}

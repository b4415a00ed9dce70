package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A vendor-neutral step of a run (an Argo Pod node).
 *
 * @param phase Pending, Running, Succeeded, Failed, Skipped or Error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowTask(
    String name, String phase, String startedAt, String completedAt, String message) {}

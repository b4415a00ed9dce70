package dev.wfrun.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Spec of a WorkflowRun.
 *
 * @param workflow which Workflow to run and with which parameters
 * @param ttlAfterCompletion copied from the Workflow when empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowRunSpec(WorkflowConfig workflow, String ttlAfterCompletion) {

  /**
   * {@code spec.workflow}. Without {@code kind} the run uses the Workflow of that name in its own
   * namespace, else the ClusterWorkflow of that name.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record WorkflowConfig(String kind, String name, JsonNode parameters) {}

  public WorkflowRunSpec withTtlAfterCompletion(String ttl) {
    return new WorkflowRunSpec(workflow, ttl);
  }
}

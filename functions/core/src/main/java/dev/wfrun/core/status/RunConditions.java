package dev.wfrun.core.status;

/**
 * The condition types, reasons and messages of a WorkflowRun, verbatim as OpenChoreo writes them
 * (the running messages name Argo because upstream's do, whichever engine runs the run; tools match
 * them). Reasons beyond upstream: AgentNotConnected, BuildPlaneRefused, WorkflowCancelled, WorkloadUpdated/-Failed.
 */
public final class RunConditions {
  public static final String COMPLETED = "WorkflowCompleted";
  public static final String RUNNING = "WorkflowRunning";
  public static final String SUCCEEDED = "WorkflowSucceeded";
  public static final String FAILED = "WorkflowFailed";
  /** Seed behaviour: the Workload from the build's {@code workload-cr} output. */
  public static final String WORKLOAD_UPDATED = "WorkloadUpdated";

  public static final String REASON_PENDING = "WorkflowPending";
  public static final String REASON_RUNNING = "WorkflowRunning";
  public static final String REASON_SUCCEEDED = "WorkflowSucceeded";
  public static final String REASON_FAILED = "WorkflowFailed";
  public static final String REASON_PLANE_NOT_FOUND = "WorkflowPlaneNotFound";
  public static final String REASON_PLANE_RESOLUTION_FAILED = "WorkflowPlaneResolutionFailed";
  public static final String REASON_RESOLUTION_FAILED = "WorkflowResolutionFailed";
  public static final String REASON_COMPONENT_VALIDATION_FAILED = "ComponentValidationFailed";
  /** wfrun: the parameters break the Workflow's schema (upstream never validates them). */
  public static final String REASON_INVALID_PARAMETERS = "InvalidParameters";
  /** wfrun: the Workflow cannot be rendered (upstream retries forever, invisibly). */
  public static final String REASON_RENDER_FAILED = "RenderFailed";
  /** wfrun: the run's plane is behind a cluster agent and none is connected; the run waits. */
  public static final String REASON_AGENT_NOT_CONNECTED = "WorkflowPlaneAgentNotConnected";
  /** wfrun: the build plane's API server refused an object of the run (the message says which and why). */
  public static final String REASON_BUILD_PLANE_REFUSED = "BuildPlaneRefused";
  /** wfrun's: pending, its Component's build queue ({@code wfrun.dev/max-concurrent-builds}) has no free slot for it yet. */
  public static final String REASON_QUEUED = "Queued";
  /** wfrun's: a person or tool cancelled the run (who is in annotation {@code wfrun.dev/cancelled-by}). */
  public static final String REASON_CANCELLED = "WorkflowCancelled";
  public static final String REASON_WORKLOAD_UPDATED = "WorkloadUpdated";
  public static final String REASON_WORKLOAD_UPDATE_FAILED = "WorkloadUpdateFailed";

  public static final String MESSAGE_PENDING = "Workflow has not completed yet";
  public static final String MESSAGE_RUNNING = "Argo Workflow is running";
  public static final String MESSAGE_RUNNING_DONE = "Argo Workflow running has completed";
  public static final String MESSAGE_SUCCEEDED = "Workflow completed successfully";
  public static final String MESSAGE_COMPLETED_SUCCEEDED = "Workflow has completed successfully";
  public static final String MESSAGE_FAILED = "Workflow execution failed";
  public static final String MESSAGE_COMPLETED_FAILED = "Workflow has completed with failure";
  public static final String MESSAGE_NOT_FOUND = "Workflow is not found in the cluster";
  public static final String MESSAGE_PLANE_NOT_FOUND =
      "No workflow plane found for the workflow associated with this workflow run";
  public static final String MESSAGE_WORKLOAD_UPDATED = "Workload CR created/updated successfully";
  public static final String MESSAGE_WORKLOAD_UPDATE_FAILED = "Failed to create/update workload CR";

  private RunConditions() {}
}

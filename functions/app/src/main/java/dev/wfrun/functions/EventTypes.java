package dev.wfrun.functions;

/**
 * The CloudEvent types (and the attributes that tell equal types apart) each function is bound to.
 * The Knative Triggers in {@code knative/} filter on exactly these; a test keeps the two in step.
 */
public final class EventTypes {
  /** ApiServerSource, Reference mode (WorkflowRuns, Components): data is {apiVersion, kind, namespace, name}. */
  public static final String REF_ADD = "dev.knative.apiserver.ref.add";
  public static final String REF_UPDATE = "dev.knative.apiserver.ref.update";
  public static final String REF_DELETE = "dev.knative.apiserver.ref.delete";
  /** ApiServerSource, Resource mode (build-plane Argo Workflows): data is the whole object. */
  public static final String RESOURCE_UPDATE = "dev.knative.apiserver.resource.update";
  public static final String RESOURCE_DELETE = "dev.knative.apiserver.resource.delete";
  /** PingSource ticks; the {@value #TASK_ATTRIBUTE} extension says which task. */
  public static final String PING = "dev.knative.sources.ping";

  /** CloudEvent extension ApiServerSource sets to the object's kind. */
  public static final String KIND_ATTRIBUTE = "kind";
  /** CloudEvent extension the PingSources set (ceOverrides) to name their task. */
  public static final String TASK_ATTRIBUTE = "wfruntask";

  /** The gateway asks create-runs for a WorkflowRun; data is the WorkflowRun. */
  public static final String RUN_REQUESTED = "dev.wfrun.autobuild.run.requested";

  /** The type of every function's reply event (except report-status's). */
  public static final String STEP_RESULT = "dev.wfrun.step.result";
  /** CloudEvent extension on a step's reply saying what its subject is ({@code WorkflowRun} for run steps). */
  public static final String SUBJECT_KIND_ATTRIBUTE = "wfrunsubjectkind";
  /** report-status's reply: a type of its own, so its replies never trigger it again. */
  public static final String COMMIT_STATUS_RESULT = "dev.wfrun.commitstatus.result";

  private EventTypes() {}
}
